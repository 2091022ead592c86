import { describe, expect, it } from 'vitest';
import { buildTile, failureReason, pollerHealth, sortTiles, type EndpointRow, type ServiceRow } from './summary';

const now = new Date('2026-11-23T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const svc: ServiceRow = { id: 's1', name: 'api', environment: 'production', team: 'core', tags: [], thresholds: {} };

function ep(p: Partial<EndpointRow>): EndpointRow {
  return {
    id: 'e' + Math.random(),
    serviceId: 's1',
    kind: 'health',
    enabled: true,
    status: 'up',
    intervalSeconds: 30,
    lastCheckedAt: ago(5),
    statusChangedAt: ago(3600),
    failingSince: null,
    lastError: null,
    lastSummary: null,
    ...p,
  };
}

describe('buildTile', () => {
  it('takes the worst endpoint, says since when and why', () => {
    const t = buildTile(
      svc,
      [
        ep({ kind: 'health', status: 'down', statusChangedAt: ago(300), lastError: 'timed out after 5000 ms' }),
        ep({ kind: 'readiness', status: 'down', statusChangedAt: ago(120), lastError: 'HTTP 503' }),
        ep({ kind: 'liveness' }),
      ],
      [{ serviceId: 's1', level: 'critical' }],
      [],
      now,
    );
    expect(t.status).toBe('down');
    expect(t.since).toBe(ago(300).toISOString());
    expect(t.failing.map((f) => [f.kind, f.reason])).toEqual([
      ['health', 'timed out after 5000 ms'],
      ['readiness', 'HTTP 503'],
    ]);
    expect(t.endpoints).toEqual({ total: 3, up: 1, degraded: 0, down: 2, unknown: 0 });
    expect(t.alerts).toEqual({ open: 1, critical: 1 });
  });

  it('reports migration drift and breaching KPIs against service overrides', () => {
    const t = buildTile(
      { ...svc, thresholds: { p95LatencyMs: { warning: 500, critical: 1000 } } },
      [
        ep({ kind: 'migration', status: 'degraded', lastError: 'behind by 3', lastSummary: { migration: { current: '0041', head: '0044', pending: 3, atHead: false } } }),
        ep({ kind: 'metrics', lastSummary: { kpis: { errorRate: 12, p95LatencyMs: 700, cpu: 10 } } }),
      ],
      [],
      [],
      now,
    );
    expect(t.status).toBe('degraded');
    expect(t.migration).toEqual({ current: '0041', head: '0044', behindBy: 3 });
    expect(t.breaches).toEqual([
      { kpi: 'errorRate', value: 12, level: 'critical', limit: 10 },
      { kpi: 'p95LatencyMs', value: 700, level: 'warning', limit: 500 },
    ]);
  });

  it('is unknown and stale when results are older than two intervals', () => {
    const t = buildTile(svc, [ep({ lastCheckedAt: ago(61) })], [], [], now);
    expect(t.status).toBe('unknown');
    expect(t.stale).toBe(true);
    expect(t.staleSince).toBe(ago(61).toISOString());
    expect(t.failing[0].reason).toBe('no fresh result (stale)');
  });

  it('says since when the stale endpoint has no result, not the newest result of the others', () => {
    const t = buildTile(svc, [ep({ kind: 'health', lastCheckedAt: ago(2) }), ep({ kind: 'readiness', lastCheckedAt: ago(600) })], [], [], now);
    expect(t.stale).toBe(true);
    expect(t.lastCheckedAt).toBe(ago(2).toISOString());
    expect(t.staleSince).toBe(ago(600).toISOString());
  });

  it('is not stale when a fresh result itself says unknown', () => {
    const t = buildTile(svc, [ep({ kind: 'migration', status: 'unknown', lastCheckedAt: ago(5), lastError: 'cannot tell' })], [], [], now);
    expect(t.status).toBe('unknown');
    expect(t.stale).toBe(false);
    expect(t.staleSince).toBeNull();
    expect(t.failing[0].reason).toBe('cannot tell');
  });

  it('ignores disabled endpoints and never-checked ones for staleness', () => {
    const t = buildTile(svc, [ep({ enabled: false, lastCheckedAt: ago(3600) }), ep({ lastCheckedAt: null, status: 'unknown' })], [], [], now);
    expect(t.stale).toBe(false);
  });

  it('names failing components when there is no error text', () => {
    expect(failureReason({ status: 'degraded', lastError: null, lastSummary: { components: [{ name: 'db', status: 'down', raw: 'DOWN' }, { name: 'x', status: 'up', raw: 'UP' }] } }, 'degraded')).toBe('db: DOWN');
  });
});

describe('sortTiles', () => {
  it('puts the worst first', () => {
    const mk = (name: string, status: EndpointRow['status']) => buildTile({ ...svc, id: name, name }, [ep({ status })], [], [], now);
    expect(sortTiles([mk('a', 'up'), mk('b', 'down'), mk('c', 'degraded'), mk('d', 'up')]).map((t) => t.name)).toEqual(['b', 'c', 'a', 'd']);
  });
});

describe('pollerHealth', () => {
  it('says loudly when nothing was polled for a minute', () => {
    expect(pollerHealth(ago(61), 0, 10, now).stopped).toBe(true);
    expect(pollerHealth(ago(10), 1, 10, now).stopped).toBe(false);
    expect(pollerHealth(null, 0, 0, now).stopped).toBe(false);
    expect(pollerHealth(null, 0, 3, now).stopped).toBe(true);
  });

  it('does not alarm while nothing is overdue (new endpoints, long intervals)', () => {
    // first start: endpoints added, first checks due within seconds
    expect(pollerHealth(null, 1, 3, now, new Date(now.getTime() + 5_000)).stopped).toBe(false);
    // hourly checks: the last result is old, but the next one is not due yet
    expect(pollerHealth(ago(1800), 1, 1, now, new Date(now.getTime() + 1_800_000)).stopped).toBe(false);
    // due two minutes ago and nothing recorded since: stopped
    expect(pollerHealth(ago(300), 0, 1, now, ago(120)).stopped).toBe(true);
    expect(pollerHealth(null, 0, 3, now, ago(90)).stopped).toBe(true);
    // overdue but results still arrive: a lagging poller, not a stopped one
    expect(pollerHealth(ago(5), 1, 3, now, ago(90)).stopped).toBe(false);
  });
});
