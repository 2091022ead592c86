import { describe, expect, it } from 'vitest';
import { describeCondition, evaluateVerify, evidenceLine, type EndpointSnapshot } from './verify';

const NOW = Date.parse('2026-11-24T02:00:00Z');
const ep = (over: Partial<EndpointSnapshot> = {}): EndpointSnapshot => ({
  id: 'e1',
  kind: 'readiness',
  enabled: true,
  status: 'up',
  intervalSeconds: 30,
  lastCheckedAt: new Date(NOW - 10_000),
  lastHttpStatus: 200,
  lastLatencyMs: 12,
  lastError: null,
  lastSummary: null,
  ...over,
});

describe('evaluateVerify', () => {
  it('holds for readiness up and attaches the probe result', () => {
    const v = evaluateVerify({ kind: 'readiness', condition: 'up' }, ep(), NOW);
    expect(v.outcome).toBe('holds');
    expect(v.evidence).toMatchObject({ at: '2026-11-24T01:59:50.000Z', status: 'up', httpStatus: 200, latencyMs: 12, endpointId: 'e1', condition: 'readiness up' });
    expect(evidenceLine(v.evidence!)).toBe('readiness up: up, HTTP 200, 12 ms (checked 01:59:50 UTC)');
  });

  it('fails while down and says why', () => {
    const v = evaluateVerify({ kind: 'readiness', condition: 'up' }, ep({ status: 'down', lastHttpStatus: 503, lastError: 'HTTP 503' }), NOW);
    expect(v).toMatchObject({ outcome: 'fails', reason: 'readiness is down: HTTP 503' });
  });

  it('never ticks on missing, unchecked, disabled or stale results', () => {
    expect(evaluateVerify({ kind: 'readiness', condition: 'up' }, null, NOW)).toMatchObject({ outcome: 'unknown', reason: 'The service has no readiness endpoint to check' });
    expect(evaluateVerify({ kind: 'readiness', condition: 'up' }, ep({ lastCheckedAt: null }), NOW).outcome).toBe('unknown');
    expect(evaluateVerify({ kind: 'readiness', condition: 'up' }, ep({ enabled: false }), NOW).outcome).toBe('unknown');
    const stale = evaluateVerify({ kind: 'readiness', condition: 'up' }, ep({ lastCheckedAt: new Date(NOW - 61_000) }), NOW);
    expect(stale).toMatchObject({ outcome: 'unknown', reason: expect.stringContaining('No fresh readiness result') });
  });

  it('not_down accepts degraded', () => {
    expect(evaluateVerify({ kind: 'health', condition: 'not_down' }, ep({ kind: 'health', status: 'degraded' }), NOW).outcome).toBe('holds');
    expect(evaluateVerify({ kind: 'health', condition: 'not_down' }, ep({ kind: 'health', status: 'down' }), NOW).outcome).toBe('fails');
  });

  it('at_head reads the migration state', () => {
    const m = (migration: object, status: 'up' | 'degraded' | 'down' | 'unknown' = 'up') => ep({ kind: 'migration', status, lastSummary: { migration: migration as never } });
    expect(evaluateVerify({ kind: 'migration', condition: 'at_head' }, m({ current: 'r9', head: 'r9', pending: 0, atHead: true }), NOW)).toMatchObject({ outcome: 'holds', reason: 'at head (r9)' });
    expect(evaluateVerify({ kind: 'migration', condition: 'at_head' }, m({ current: 'r7', head: 'r9', pending: 2, atHead: false }, 'degraded'), NOW)).toMatchObject({
      outcome: 'fails',
      reason: '2 migration(s) behind: at r7, head r9',
    });
    expect(evaluateVerify({ kind: 'migration', condition: 'at_head' }, m({ current: null, head: null, pending: null, atHead: null }, 'unknown'), NOW).outcome).toBe('unknown');
  });

  it('compares KPIs against thresholds: error rate, p95, cpu', () => {
    const metrics = (kpis: object) => ep({ kind: 'metrics', lastSummary: { kpis: kpis as never } });
    const er = evaluateVerify({ kind: 'metrics', condition: 'error_rate_below', threshold: 5 }, metrics({ errorRate: 1.234 }), NOW);
    expect(er).toMatchObject({ outcome: 'holds', reason: 'error rate 1.23 % is below 5 %' });
    expect(er.evidence?.value).toBe(1.23);
    expect(evaluateVerify({ kind: 'metrics', condition: 'error_rate_below', threshold: 5 }, metrics({ errorRate: 7 }), NOW).outcome).toBe('fails');
    expect(evaluateVerify({ kind: 'metrics', condition: 'error_rate_below', threshold: 5 }, metrics({ errorRate: 5 }), NOW).outcome).toBe('fails');
    expect(evaluateVerify({ kind: 'metrics', condition: 'p95_below', threshold: 2000 }, metrics({ p95LatencyMs: 2500 }), NOW)).toMatchObject({ outcome: 'fails', reason: 'p95 latency 2500 ms is not below 2000 ms' });
    expect(evaluateVerify({ kind: 'metrics', condition: 'kpi_below', kpi: 'cpu', threshold: 70 }, metrics({ cpu: 42 }), NOW).outcome).toBe('holds');
    expect(evaluateVerify({ kind: 'metrics', condition: 'kpi_below', kpi: 'disk', threshold: 70 }, metrics({ cpu: 42 }), NOW)).toMatchObject({ outcome: 'unknown', reason: 'No disk in the latest metrics result' });
  });

  it('describes conditions in words', () => {
    expect(describeCondition({ kind: 'metrics', condition: 'error_rate_below', threshold: 5 })).toBe('error rate below 5 %');
    expect(describeCondition({ kind: 'metrics', condition: 'kpi_below', kpi: 'memory', threshold: 90 })).toBe('memory below 90 %');
  });
});
