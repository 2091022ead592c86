import { describe, expect, it } from 'vitest';
import { suggestSeverity, type SignalEndpoint, type SignalService } from './suggest';

const NOW = new Date('2026-11-23T10:00:00Z');
const fresh = NOW.toISOString();

let n = 0;
function ep(over: Partial<SignalEndpoint> = {}): SignalEndpoint {
  n++;
  return { id: `e${n}`, kind: 'health', enabled: true, status: 'up', lastCheckedAt: fresh, intervalSeconds: 30, lastSummary: null, ...over };
}
function svc(name: string, endpoints: SignalEndpoint[], thresholds?: SignalService['thresholds']): SignalService {
  return { id: `id-${name}`, name, environment: 'production', endpoints, thresholds };
}

describe('suggestSeverity', () => {
  it('suggests nothing when everything is fine or unknown', () => {
    expect(suggestSeverity([svc('api', [ep(), ep({ kind: 'metrics', lastSummary: { kpis: { errorRate: 1, p95LatencyMs: 300 } } })])], NOW)).toBeNull();
    expect(suggestSeverity([svc('api', [])], NOW)).toBeNull();
    expect(suggestSeverity([], NOW)).toBeNull();
  });

  it('P1 when every enabled endpoint of a service is down, naming the service', () => {
    const s = suggestSeverity([svc('checkout', [ep({ status: 'down' }), ep({ kind: 'readiness', status: 'down' }), ep({ enabled: false, status: 'up' })])], NOW);
    expect(s).toMatchObject({ level: 'P1', signal: { kind: 'all_down', serviceId: 'id-checkout' } });
    expect(s!.reason).toBe('checkout (production): all 2 enabled endpoints are down');
  });

  it('not P1 when one endpoint is still up, or when the down status is stale', () => {
    expect(suggestSeverity([svc('a', [ep({ status: 'down' }), ep({ status: 'up' })])], NOW)).toBeNull();
    const stale = new Date(NOW.getTime() - 5 * 60_000).toISOString();
    expect(suggestSeverity([svc('a', [ep({ status: 'down', lastCheckedAt: stale })])], NOW)).toBeNull();
  });

  it('P2 when the error rate is above 5 % (not at 5 %), with the value and the limit', () => {
    const at5 = suggestSeverity([svc('a', [ep({ kind: 'metrics', lastSummary: { kpis: { errorRate: 5 } } })])], NOW);
    expect(at5).toBeNull();
    const s = suggestSeverity([svc('a', [ep({ kind: 'metrics', lastSummary: { kpis: { errorRate: 7.5 } } })])], NOW);
    expect(s).toMatchObject({ level: 'P2', signal: { kind: 'error_rate', kpi: 'errorRate', value: 7.5, limit: 5 } });
    expect(s!.reason).toBe('a (production): error rate 7.5 % > 5 %');
  });

  it('P2 when p95 latency is above 5 s', () => {
    const s = suggestSeverity([svc('a', [ep({ kind: 'metrics', lastSummary: { kpis: { p95LatencyMs: 6200 } } })])], NOW);
    expect(s).toMatchObject({ level: 'P2', signal: { kind: 'latency', value: 6200, limit: 5000 } });
    expect(s!.reason).toContain('p95 latency 6.2 s > 5 s');
  });

  it('P3 when a resource KPI is critical (per the service’s thresholds), not when only at warning', () => {
    expect(suggestSeverity([svc('a', [ep({ kind: 'metrics', lastSummary: { kpis: { cpu: 80 } } })])], NOW)).toBeNull();
    const s = suggestSeverity([svc('a', [ep({ kind: 'metrics', lastSummary: { kpis: { disk: 86 } } })])], NOW);
    expect(s).toMatchObject({ level: 'P3', signal: { kind: 'resource', kpi: 'disk', value: 86, limit: 85 } });
    const custom = suggestSeverity([svc('a', [ep({ kind: 'metrics', lastSummary: { kpis: { memory: 60 } } })], { memory: { warning: 40, critical: 50 } })], NOW);
    expect(custom).toMatchObject({ level: 'P3', signal: { kpi: 'memory', limit: 50 } });
  });

  it('the most severe signal across services decides; the others are listed', () => {
    const s = suggestSeverity(
      [
        svc('db', [ep({ kind: 'metrics', lastSummary: { kpis: { disk: 95 } } })]),
        svc('api', [ep({ kind: 'metrics', lastSummary: { kpis: { errorRate: 12 } } })]),
        svc('web', [ep({ status: 'down' })]),
      ],
      NOW,
    );
    expect(s!.level).toBe('P1');
    expect(s!.signal.service).toBe('web (production)');
    expect(s!.signals.map((x) => x.level)).toEqual(['P1', 'P2', 'P3']);
    expect(s!.reason).toMatch(/\(and 2 more signals\)$/);
  });

  it('ignores KPIs of endpoints without a fresh result', () => {
    const stale = new Date(NOW.getTime() - 10 * 60_000).toISOString();
    expect(suggestSeverity([svc('a', [ep({ kind: 'metrics', lastCheckedAt: stale, lastSummary: { kpis: { errorRate: 50 } } })])], NOW)).toBeNull();
  });
});
