import { describe, expect, it } from 'vitest';
import { deployMarkers, formatInstant, formatTick, niceScale, seriesStats, timeTicks, toRows } from './series';
import type { ChartPoint, DeployMarker } from './types';

const point = (t: string, over: Partial<ChartPoint> = {}): ChartPoint => ({
  t,
  count: 1,
  failures: 0,
  degraded: 0,
  failureShare: 0,
  latencyP50: 10,
  latencyP95: 20,
  ...over,
});

describe('toRows', () => {
  it('breaks the line after a hole with one row of nulls', () => {
    const rows = toRows(
      [point('2026-11-23T12:00:00Z'), point('2026-11-23T12:01:00Z', { cpu: 40 }), point('2026-11-23T12:05:00Z', { latencyP50: null })],
      'minute',
      ['latencyP50', 'cpu'],
    );
    expect(rows).toEqual([
      { t: Date.parse('2026-11-23T12:00:00Z'), latencyP50: 10, cpu: null },
      { t: Date.parse('2026-11-23T12:01:00Z'), latencyP50: 10, cpu: 40 },
      { t: Date.parse('2026-11-23T12:02:00Z'), latencyP50: null, cpu: null },
      { t: Date.parse('2026-11-23T12:05:00Z'), latencyP50: null, cpu: null },
    ]);
  });

  it('uses the resolution to tell a hole from the next bucket', () => {
    const rows = toRows([point('2026-11-23T12:00:00Z'), point('2026-11-23T13:00:00Z')], 'hour', ['latencyP95']);
    expect(rows).toHaveLength(2);
  });
});

describe('ticks and labels', () => {
  it('puts ticks on round UTC times', () => {
    const from = Date.parse('2026-11-23T11:35:00Z');
    const to = Date.parse('2026-11-23T12:35:00Z');
    expect(timeTicks('1h', from, to).map((t) => formatTick('1h', t))).toEqual(['11:40', '11:50', '12:00', '12:10', '12:20', '12:30']);
    const month = timeTicks('30d', Date.parse('2026-10-24T13:00:00Z'), Date.parse('2026-11-23T13:00:00Z'));
    expect(month.length).toBe(6);
    expect(formatTick('30d', month[0])).toMatch(/^Oct \d+$/);
  });

  it('labels instants in UTC', () => {
    expect(formatInstant(Date.parse('2026-11-23T04:05:00Z'))).toBe('2026-11-23 04:05 UTC');
  });
});

describe('seriesStats', () => {
  it('finds latest, min and max, skipping missing values', () => {
    expect(seriesStats([point('a', { cpu: 5 }), point('b', { cpu: 50 }), point('c', { cpu: 20 }), point('d')], 'cpu')).toEqual({ latest: 20, max: 50, min: 5 });
    expect(seriesStats([], 'cpu')).toEqual({ latest: null, max: null, min: null });
  });
});

describe('deployMarkers', () => {
  const d = (at: string, version: string): DeployMarker => ({ at, version, environment: 'production', description: null, actor: 'ci' });
  it('labels the newest of deploys too close together, and drops those outside the range', () => {
    const from = Date.parse('2026-11-23T00:00:00Z');
    const to = Date.parse('2026-11-24T00:00:00Z');
    const m = deployMarkers(
      [d('2026-11-22T23:00:00Z', 'v0'), d('2026-11-23T06:00:00Z', 'v1'), d('2026-11-23T06:10:00Z', 'v2'), d('2026-11-23T18:00:00Z', 'v3')],
      from,
      to,
    );
    expect(m.map((x) => [x.deploy.version, x.label])).toEqual([
      ['v1', null],
      ['v2', 'v2'],
      ['v3', 'v3'],
    ]);
  });
});

describe('niceScale', () => {
  it('reaches the maximum with round steps', () => {
    expect(niceScale(11)).toEqual({ top: 15, ticks: [0, 5, 10, 15] });
    expect(niceScale(5500)).toEqual({ top: 6000, ticks: [0, 2000, 4000, 6000] });
    expect(niceScale(228)).toEqual({ top: 300, ticks: [0, 100, 200, 300] });
    expect(niceScale(100)).toEqual({ top: 100, ticks: [0, 25, 50, 75, 100] });
    expect(niceScale(0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 0.5, 1] });
  });
});
