import { describe, expect, it } from 'vitest';
import { desiredAlerts } from './evaluate';

const now = new Date('2026-11-23T12:00:00Z');
const base = { kind: 'health' as const, status: 'up' as const, failingSince: null, error: null, kpis: undefined, thresholds: undefined, now };

describe('desiredAlerts', () => {
  it('wants nothing for a healthy endpoint within thresholds', () => {
    expect(desiredAlerts({ ...base, kpis: { errorRate: 1, p95LatencyMs: 300 } })).toEqual([]);
  });

  it('opens a warning when down, critical after two minutes down', () => {
    const early = desiredAlerts({ ...base, status: 'down', failingSince: new Date(now.getTime() - 30_000), error: 'timed out after 5000 ms' });
    expect(early).toMatchObject([{ key: 'endpoint_down', level: 'warning' }]);
    expect(early[0].message).toContain('timed out');
    const late = desiredAlerts({ ...base, status: 'down', failingSince: new Date(now.getTime() - 125_000), error: 'x' });
    expect(late).toMatchObject([{ key: 'endpoint_down', level: 'critical' }]);
    expect(late[0].message).toContain('for 2 min');
  });

  it('judges KPIs against defaults and per-service overrides', () => {
    const a = desiredAlerts({ ...base, kind: 'metrics', kpis: { errorRate: 7, p95LatencyMs: 6000, cpu: 50 } });
    expect(a.map((x) => [x.key, x.level])).toEqual([
      ['kpi:errorRate', 'warning'],
      ['kpi:p95LatencyMs', 'critical'],
    ]);
    const b = desiredAlerts({ ...base, kind: 'metrics', kpis: { cpu: 50 }, thresholds: { cpu: { warning: 40, critical: 60 } } });
    expect(b).toMatchObject([{ key: 'kpi:cpu', level: 'warning', threshold: 40 }]);
  });

  it('reports a degraded endpoint (e.g. migrations behind) as a warning', () => {
    expect(desiredAlerts({ ...base, kind: 'migration', status: 'degraded', error: 'behind by 3 migrations' })).toMatchObject([
      { key: 'endpoint_degraded', level: 'warning', message: 'migration degraded: behind by 3 migrations' },
    ]);
  });
});
