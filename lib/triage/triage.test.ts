import { describe, expect, it } from 'vitest';
import { span, triage } from './triage';
import type { TriageCheck, TriageEndpoint, TriageService } from './types';

const now = new Date('2026-11-23T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
const service: TriageService = { name: 'checkout', environment: 'production', thresholds: {} };

const ep = (over: Partial<TriageEndpoint> & Pick<TriageEndpoint, 'kind'>): TriageEndpoint => ({
  enabled: true,
  status: 'up',
  lastCheckedAt: ago(10),
  intervalSeconds: 30,
  httpStatus: 200,
  error: null,
  summary: {},
  ...over,
});

const healthy: TriageEndpoint[] = [
  ep({
    kind: 'health',
    summary: {
      components: [
        { name: 'db', status: 'up', raw: 'UP' },
        { name: 'cache', status: 'up', raw: 'UP' },
      ],
    },
  }),
  ep({ kind: 'liveness' }),
  ep({ kind: 'readiness' }),
  ep({ kind: 'migration', summary: { migration: { current: '42', head: '42', pending: 0, atHead: true } } }),
  ep({ kind: 'metrics', summary: { kpis: { errorRate: 0.4, p95LatencyMs: 310, cpu: 35, memory: 52, disk: 40, requestRate: 120 } } }),
];

const byId = (checks: TriageCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c]));

describe('triage', () => {
  it('passes a healthy service, in runbook order, with values against thresholds', () => {
    const { checks } = triage(service, healthy, [], now);
    expect(checks.map((c) => c.id)).toEqual([
      'health', 'components', 'liveness', 'readiness', 'migration', 'errorRate', 'p95LatencyMs', 'cpu', 'memory', 'disk', 'deploys',
    ]);
    expect(checks.every((c) => c.state === 'pass')).toBe(true);
    const c = byId(checks);
    expect(c.errorRate).toMatchObject({ value: '0.4 %', threshold: 'warning 5 % · critical 10 %' });
    expect(c.p95LatencyMs).toMatchObject({ value: '310 ms', threshold: 'warning 2 s · critical 5 s' });
    expect(c.components.value).toBe('all 2 up');
    expect(c.migration).toMatchObject({ value: 'at head', detail: 'Revision 42' });
    expect(c.deploys).toMatchObject({ value: 'none in 24 h', detail: 'No deploy recorded' });
  });

  it('fails a down health endpoint and names failing components', () => {
    const eps = [
      ep({
        kind: 'health',
        status: 'down',
        httpStatus: 503,
        error: 'HTTP 503 Service Unavailable',
        failingSince: ago(240),
        summary: { components: [{ name: 'db', status: 'down', raw: 'DOWN' }, { name: 'cache', status: 'degraded', raw: 'WARN' }, { name: 'queue', status: 'up', raw: 'UP' }] },
      }),
    ];
    const c = byId(triage(service, eps, [], now).checks);
    expect(c.health).toMatchObject({ state: 'fail', value: 'down (HTTP 503)', detail: 'HTTP 503 Service Unavailable · failing for 4 min' });
    expect(c.components).toMatchObject({ state: 'fail', value: '1 of 3 down', detail: 'db (DOWN), cache (WARN)' });
    expect(c.readiness).toMatchObject({ state: 'na', detail: 'No readiness endpoint is configured' });
  });

  it('warns when components are only degraded', () => {
    const eps = [ep({ kind: 'health', status: 'degraded', summary: { components: [{ name: 'cache', status: 'degraded', raw: 'degraded' }] } })];
    expect(byId(triage(service, eps, [], now).checks).components).toMatchObject({ state: 'warn', value: '1 of 1 not up' });
  });

  it('does not trust a stale result: warns that nothing recent is known', () => {
    const eps = [ep({ kind: 'readiness', lastCheckedAt: ago(600) }), ep({ kind: 'health', lastCheckedAt: null })];
    const c = byId(triage(service, eps, [], now).checks);
    expect(c.readiness).toMatchObject({ state: 'warn', value: 'no recent result', detail: 'No result for 10 min (expected every 30 s)' });
    expect(c.health).toMatchObject({ state: 'warn', detail: 'Not checked yet' });
    expect(c.components).toMatchObject({ state: 'na' });
  });

  it('ignores disabled endpoints', () => {
    const c = byId(triage(service, [ep({ kind: 'readiness', enabled: false, status: 'down' })], [], now).checks);
    expect(c.readiness.state).toBe('na');
  });

  it('reads migration state: behind by N is a warning, an endpoint that cannot answer a failure', () => {
    const behind = ep({ kind: 'migration', status: 'degraded', summary: { migration: { current: '40', head: '42', pending: 2, atHead: false } } });
    expect(byId(triage(service, [behind], [], now).checks).migration).toMatchObject({ state: 'warn', value: 'behind by 2', detail: 'Revision 40, head 42' });
    const broken = ep({ kind: 'migration', status: 'down', httpStatus: 500, error: 'HTTP 500', summary: {} });
    expect(byId(triage(service, [broken], [], now).checks).migration).toMatchObject({ state: 'fail', value: 'cannot tell', detail: 'HTTP 500' });
    const vague = ep({ kind: 'migration', status: 'unknown', summary: { migration: { current: null, head: null, pending: null, atHead: null } } });
    expect(byId(triage(service, [vague], [], now).checks).migration).toMatchObject({ state: 'warn', value: 'cannot tell' });
  });

  it('judges KPIs against service overrides, taking the worst endpoint', () => {
    const eps = [
      ep({ kind: 'metrics', summary: { kpis: { errorRate: 6, p95LatencyMs: 1200, cpu: 95, memory: 71, disk: 86 } } }),
      ep({ kind: 'telemetry', summary: { kpis: { errorRate: 11 } } }),
    ];
    const c = byId(triage({ ...service, thresholds: { p95LatencyMs: { warning: 800, critical: 1500 } } }, eps, [], now).checks);
    expect(c.errorRate).toMatchObject({ state: 'fail', value: '11 %', detail: 'At or above the critical level' });
    expect(c.p95LatencyMs).toMatchObject({ state: 'warn', value: '1.2 s', threshold: 'warning 800 ms · critical 1.5 s' });
    expect(c.cpu).toMatchObject({ state: 'fail', value: '95 %' });
    expect(c.memory).toMatchObject({ state: 'warn', value: '71 %' });
    expect(c.disk).toMatchObject({ state: 'fail', value: '86 %', threshold: 'warning 70 % · critical 85 %' });
  });

  it('says n/a without a metrics endpoint, and warns when the one there is silent or stale', () => {
    expect(byId(triage(service, [ep({ kind: 'health' })], [], now).checks).cpu).toMatchObject({ state: 'na', detail: 'No metrics or telemetry endpoint is configured' });
    const down = ep({ kind: 'metrics', status: 'down', error: 'connection refused', summary: {} });
    expect(byId(triage(service, [down], [], now).checks).errorRate).toMatchObject({ state: 'warn', value: null, detail: 'No value: the metrics endpoint is down' });
    const stale = ep({ kind: 'metrics', lastCheckedAt: ago(3600), summary: { kpis: { cpu: 20 } } });
    expect(byId(triage(service, [stale], [], now).checks).cpu).toMatchObject({ state: 'warn', value: '20 %', detail: 'Stale: last reported 1 h ago' });
    const partial = ep({ kind: 'metrics', summary: { kpis: { cpu: 20 } } });
    expect(byId(triage(service, [partial], [], now).checks).disk).toMatchObject({ state: 'na', detail: 'Not reported by the metrics or telemetry endpoints' });
  });

  it('flags a deploy in the last 24 h with version and age, and mentions an older one otherwise', () => {
    const deploys = [
      { at: ago(35 * 60), version: 'v1.4.2', environment: 'production', actor: 'ci-bot', description: 'payment retries' },
      { at: ago(5 * 3600), version: 'v1.4.1', environment: 'production', actor: 'ci-bot' },
      { at: ago(3 * 86_400), version: 'v1.3.0', environment: 'production', actor: 'alice' },
    ];
    const c = byId(triage(service, healthy, deploys, now).checks);
    expect(c.deploys).toMatchObject({
      state: 'warn',
      value: 'v1.4.2, 35 min ago',
      detail: '2 deploys in the last 24 h; latest v1.4.2 to production by ci-bot at 2026-11-23 11:25 UTC (payment retries)',
    });
    const old = byId(triage(service, healthy, deploys.slice(2), now).checks);
    expect(old.deploys).toMatchObject({ state: 'pass', value: 'none in 24 h', detail: 'Last deploy 3 d ago: v1.3.0 to production by alice at 2026-11-20 12:00 UTC' });
  });

  it('writes chat text: header, one line per check with its mark, the deploy line last', () => {
    const eps = [...healthy.filter((e) => e.kind !== 'readiness'), ep({ kind: 'readiness', status: 'down', httpStatus: 503, error: 'not ready: db' })];
    const { text } = triage(service, eps, [{ at: ago(600), version: 'v2', environment: 'production', actor: 'ci' }], now);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Triage: checkout (production) at 2026-11-23 12:00 UTC — 1 failing, 1 to watch');
    expect(lines).toContain('✔ Health: up');
    expect(lines).toContain('✖ Readiness: down (HTTP 503) (expected up) — not ready: db');
    expect(lines).toContain('✔ Error rate: 0.4 % (warning 5 % · critical 10 %)');
    expect(lines.at(-1)).toBe('⚠ Deploys: 1 deploy in the last 24 h; latest v2 to production by ci at 2026-11-23 11:50 UTC');
    expect(lines).toHaveLength(12);
  });

  it('marks n/a checks with a dash in the text', () => {
    const { text } = triage(service, [], [], now);
    expect(text).toContain('– CPU: n/a — No metrics or telemetry endpoint is configured');
    expect(text.split('\n')[0]).toContain('nothing measured yet');
    expect(triage(service, healthy, [], now).text.split('\n')[0]).toContain('all clear');
  });
});

describe('span', () => {
  it('reads like a person would say it', () => {
    expect([span(5_000), span(90_000), span(3 * 3_600_000), span(2 * 86_400_000), span(-1)]).toEqual(['5 s', '2 min', '3 h', '2 d', '0 s']);
  });
});
