import { describe, expect, it } from 'vitest';
import { aggregateRollups, mergeThresholds, rangeWindow, sumRollups, uptimePercent, uptimeWindows, type RollupRow } from './shape';

const now = new Date('2026-11-23T12:34:56.789Z');
const row = (over: Omit<Partial<RollupRow>, 'bucket'> & { bucket: string }): RollupRow => ({
  count: 0,
  failures: 0,
  degraded: 0,
  latencyP50: null,
  latencyP95: null,
  kpis: {},
  ...over,
  bucket: new Date(over.bucket),
});

describe('rangeWindow', () => {
  it('ends with the bucket in progress and reads minute rollups for 1h and 24h', () => {
    expect(rangeWindow('1h', now)).toEqual({
      resolution: 'minute',
      from: new Date('2026-11-23T11:35:00Z'),
      to: new Date('2026-11-23T12:35:00Z'),
    });
    const day = rangeWindow('24h', now);
    expect(day.resolution).toBe('minute');
    expect((day.to.getTime() - day.from.getTime()) / 60_000).toBe(1440);
  });

  it('reads hour rollups for 7d and 30d, aligned to the hour', () => {
    expect(rangeWindow('7d', now)).toEqual({
      resolution: 'hour',
      from: new Date('2026-11-16T13:00:00Z'),
      to: new Date('2026-11-23T13:00:00Z'),
    });
    const month = rangeWindow('30d', now);
    expect(month.resolution).toBe('hour');
    expect((month.to.getTime() - month.from.getTime()) / 3_600_000).toBe(720);
  });

  it('puts a time exactly on a boundary into the bucket it starts', () => {
    expect(rangeWindow('1h', new Date('2026-11-23T12:00:00Z')).to).toEqual(new Date('2026-11-23T12:01:00Z'));
  });

  it('takes uptime over 24h from minutes and 7d/30d from hours', () => {
    const w = uptimeWindows(now);
    expect(w['24h'].resolution).toBe('minute');
    expect(w['7d'].resolution).toBe('hour');
    expect(w['30d'].resolution).toBe('hour');
    expect(w['30d'].to).toEqual(w['7d'].to);
  });
});

describe('aggregateRollups', () => {
  it('sums counts, weights p50 by count, takes the max p95, and sorts by time', () => {
    const points = aggregateRollups([
      row({ bucket: '2026-11-23T12:01:00Z', count: 2, failures: 0, latencyP50: 10, latencyP95: 20 }),
      row({ bucket: '2026-11-23T12:00:00Z', count: 3, failures: 1, degraded: 1, latencyP50: 100, latencyP95: 400 }),
      row({ bucket: '2026-11-23T12:00:00Z', count: 1, failures: 1, latencyP50: 20, latencyP95: 900 }),
    ]);
    expect(points.map((p) => p.t)).toEqual(['2026-11-23T12:00:00.000Z', '2026-11-23T12:01:00.000Z']);
    expect(points[0]).toMatchObject({
      count: 4,
      failures: 2,
      degraded: 1,
      failureShare: 50,
      latencyP50: 80, // (100·3 + 20·1) / 4
      latencyP95: 900,
    });
    expect(points[1]).toMatchObject({ count: 2, failures: 0, failureShare: 0, latencyP50: 10, latencyP95: 20 });
  });

  it('ignores endpoints without latency in the latency figures, and says null when none has one', () => {
    const [a, b] = aggregateRollups([
      row({ bucket: '2026-11-23T12:00:00Z', count: 5, latencyP50: null, latencyP95: null }),
      row({ bucket: '2026-11-23T12:00:00Z', count: 1, latencyP50: 30, latencyP95: 50 }),
      row({ bucket: '2026-11-23T12:01:00Z', count: 2, failures: 2 }),
    ]);
    expect(a).toMatchObject({ latencyP50: 30, latencyP95: 50 });
    expect(b).toMatchObject({ latencyP50: null, latencyP95: null, failureShare: 100 });
  });

  it('averages KPI means across endpoints and keeps the highest max', () => {
    const [p] = aggregateRollups([
      row({ bucket: '2026-11-23T12:00:00Z', count: 2, kpis: { errorRate: { avg: 2, max: 3 }, cpu: { avg: 40, max: 80 } } }),
      row({ bucket: '2026-11-23T12:00:00Z', count: 6, kpis: { errorRate: { avg: 4, max: 12 }, memory: { avg: 55.55555, max: 60 } } }),
      row({ bucket: '2026-11-23T12:00:00Z', count: 3, kpis: {} }),
    ]);
    expect(p.errorRate).toBe(3);
    expect(p.cpu).toBe(40);
    expect(p.memory).toBe(55.556);
    expect(p.disk).toBeUndefined();
    expect(p.max).toEqual({ errorRate: 12, cpu: 80, memory: 60 });
  });

  it('skips malformed KPI entries and telemetry names it does not chart', () => {
    const [p] = aggregateRollups([
      row({ bucket: '2026-11-23T12:00:00Z', count: 1, kpis: { cpu: 'high', disk: { avg: null, max: 70 }, queueDepth: { avg: 9, max: 9 } } }),
      row({ bucket: '2026-11-23T12:00:00Z', count: 1, kpis: null }),
    ]);
    expect(p.cpu).toBeUndefined();
    expect(p.disk).toBeUndefined();
    expect(p.max).toEqual({ disk: 70 });
    expect(p).not.toHaveProperty('queueDepth');
  });

  it('leaves empty buckets out rather than inventing zeros', () => {
    const points = aggregateRollups([
      row({ bucket: '2026-11-23T12:00:00Z', count: 1 }),
      row({ bucket: '2026-11-23T12:05:00Z', count: 1 }),
    ]);
    expect(points).toHaveLength(2);
    expect(aggregateRollups([])).toEqual([]);
  });
});

describe('sumRollups', () => {
  it('sums checks and failures of the buckets in [from, to)', () => {
    const rows = [
      row({ bucket: '2026-11-23T11:00:00Z', count: 100, failures: 100 }),
      row({ bucket: '2026-11-23T12:00:00Z', count: 10, failures: 1 }),
      row({ bucket: '2026-11-23T12:00:00Z', count: 5, failures: 0 }),
      row({ bucket: '2026-11-23T13:00:00Z', count: 7, failures: 7 }),
    ];
    expect(sumRollups(rows, new Date('2026-11-23T12:00:00Z'), new Date('2026-11-23T13:00:00Z'))).toEqual({ count: 15, failures: 1 });
    expect(sumRollups([], new Date(0), new Date())).toEqual({ count: 0, failures: 0 });
  });
});

describe('uptimePercent', () => {
  it('is the share of checks not down, null without checks', () => {
    expect(uptimePercent(200, 1)).toBe(99.5);
    expect(uptimePercent(10, 0)).toBe(100);
    expect(uptimePercent(0, 0)).toBeNull();
    expect(uptimePercent(null, null)).toBeNull();
  });

  it('never rounds one failure up to 100', () => {
    expect(uptimePercent(1_000_000, 1)).toBe(99.999);
    expect(uptimePercent(3, 1)).toBe(66.666);
  });
});

describe('mergeThresholds', () => {
  it('lays well-formed overrides over the defaults', () => {
    const t = mergeThresholds({ p95LatencyMs: { warning: 800, critical: 1500 }, queueDepth: { warning: 10, critical: 50 }, cpu: { warning: 'x' } });
    expect(t.p95LatencyMs).toEqual({ warning: 800, critical: 1500 });
    expect(t.queueDepth).toEqual({ warning: 10, critical: 50 });
    expect(t.cpu).toEqual({ warning: 70, critical: 90 });
    expect(t.errorRate).toEqual({ warning: 5, critical: 10 });
    expect(t.disk).toEqual({ warning: 70, critical: 85 });
    expect(mergeThresholds(null).memory).toEqual({ warning: 70, critical: 90 });
  });
});
