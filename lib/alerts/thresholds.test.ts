import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FAILURES_BEFORE_DOWN, DEFAULT_THRESHOLDS, evaluateKpis, formatKpi, KPI_LABELS, levelFor,
  SERVICE_DOWN_CRITICAL_AFTER_MS, thresholdsSchema,
} from './thresholds';

describe('defaults from the runbooks', () => {
  it('match DESIGN.md', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({
      errorRate: { warning: 5, critical: 10 },
      p95LatencyMs: { warning: 2000, critical: 5000 },
      cpu: { warning: 70, critical: 90 },
      memory: { warning: 70, critical: 90 },
      disk: { warning: 70, critical: 85 },
    });
    expect(DEFAULT_FAILURES_BEFORE_DOWN).toBe(2);
    expect(SERVICE_DOWN_CRITICAL_AFTER_MS).toBe(120_000);
  });
});

describe('levelFor', () => {
  it('breaches when the value reaches the level (>=)', () => {
    const t = { warning: 70, critical: 90 };
    expect([69.9, 70, 89.99, 90, 100].map((v) => levelFor(v, t))).toEqual(['ok', 'warning', 'warning', 'critical', 'critical']);
  });
});

describe('evaluateKpis', () => {
  it('judges only the KPIs present, against the defaults', () => {
    expect(evaluateKpis({ disk: 86, errorRate: 4.9, requestRate: 120 })).toEqual([
      { kpi: 'errorRate', value: 4.9, level: 'ok', threshold: { warning: 5, critical: 10 } },
      { kpi: 'disk', value: 86, level: 'critical', threshold: { warning: 70, critical: 85 } },
    ]);
  });

  it('merges per-service overrides over the defaults, including telemetry KPIs', () => {
    const result = evaluateKpis(
      { p95LatencyMs: 900, cpu: 75, queueDepth: 5000 },
      { p95LatencyMs: { warning: 500, critical: 1000 }, queueDepth: { warning: 1000, critical: 10000 } },
    );
    expect(result.map((r) => [r.kpi, r.level])).toEqual([
      ['p95LatencyMs', 'warning'],
      ['cpu', 'warning'],
      ['queueDepth', 'warning'],
    ]);
  });

  it('skips values that are not finite numbers and undefined overrides', () => {
    expect(evaluateKpis({ cpu: NaN, memory: Infinity }, { cpu: undefined })).toEqual([]);
    expect(evaluateKpis({})).toEqual([]);
  });
});

describe('thresholdsSchema', () => {
  it('accepts valid overrides', () => {
    const input = { errorRate: { warning: 1, critical: 2 }, queueDepth: { warning: 100, critical: 1000 } };
    expect(thresholdsSchema.parse(input)).toEqual(input);
    expect(thresholdsSchema.parse({})).toEqual({});
  });

  function messages(input: unknown): string[] {
    const r = thresholdsSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  }

  it('requires warning below critical, naming the KPI', () => {
    expect(messages({ cpu: { warning: 90, critical: 90 } })).toEqual(['CPU (cpu): the warning level (90) must be below the critical level (90)']);
    expect(messages({ queueDepth: { warning: 5, critical: 1 } })).toEqual([
      'queueDepth: the warning level (5) must be below the critical level (1)',
    ]);
  });

  it('rejects negative values, naming the KPI', () => {
    expect(messages({ disk: { warning: -1, critical: 80 } })).toEqual(['Disk (disk): thresholds cannot be negative']);
  });

  it('rejects percentages above 100 for shares of a whole', () => {
    expect(messages({ errorRate: { warning: 50, critical: 150 } })).toEqual([
      'Error rate (errorRate): a percentage threshold cannot exceed 100',
    ]);
    expect(messages({ cpu: { warning: 150, critical: 300 } })).toEqual([]);
  });

  it('rejects malformed entries with the KPI in the message and the path', () => {
    const r = thresholdsSchema.safeParse({ memory: { warning: '70', critical: 90 }, p95LatencyMs: { warning: 1, critical: 2, extra: 1 } });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues;
    expect(issues.map((i) => i.path)).toEqual([['memory', 'warning'], ['p95LatencyMs']]);
    expect(issues[0].message).toMatch(/^Memory \(memory\): /);
    expect(issues[1].message).toMatch(/^p95 latency \(p95LatencyMs\): /);
    expect(messages({ cpu: { warning: Infinity, critical: 90 } })[0]).toMatch(/^CPU \(cpu\): /);
    expect(messages({ cpu: null })[0]).toMatch(/^CPU \(cpu\): /);
    expect(messages({ '': { warning: 1, critical: 2 } }).length).toBe(1);
    expect(messages([1, 2]).length).toBeGreaterThan(0);
  });
});

describe('formatKpi', () => {
  it.each([
    ['errorRate', 7.5, '7.5 %'],
    ['errorRate', 7.54, '7.5 %'],
    ['cpu', 70, '70 %'],
    ['memory', 0.04, '0 %'],
    ['p95LatencyMs', 2300, '2.3 s'],
    ['p95LatencyMs', 5000, '5 s'],
    ['p95LatencyMs', 812.4, '812 ms'],
    ['p95LatencyMs', 999.7, '1 s'],
    ['requestRate', 120.4, '120 req/s'],
    ['requestRate', 0.5, '0.5 req/s'],
    ['queueDepth', 1200, '1200'],
    ['queueDepth', 1.234, '1.23'],
    ['cpu', NaN, '—'],
  ])('%s %d → %s', (name, value, text) => {
    expect(formatKpi(name, value)).toBe(text);
  });

  it('has a label for every built-in KPI', () => {
    expect(Object.keys(KPI_LABELS).sort()).toEqual(['cpu', 'disk', 'errorRate', 'memory', 'p95LatencyMs', 'requestRate']);
  });
});
