// Pure shaping for the charts API: window maths, aggregation of per-endpoint
// rollup rows into one point per bucket, thresholds and uptime. The SQL that
// feeds these lives in ./query.ts.
import { DEFAULT_THRESHOLDS } from '@/lib/alerts/thresholds';
import { CHART_KPIS, RANGES, STEP_MS, type ChartKpi, type ChartPoint, type ChartRange, type ChartThreshold, type Resolution, type UptimeWindow } from './types';

export interface Window {
  resolution: Resolution;
  /** First bucket start, inclusive. */
  from: Date;
  /** End of the bucket in progress, exclusive. */
  to: Date;
}

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

/**
 * The buckets a range covers: it ends with the bucket in progress (the rollup
 * job keeps it current), so 1h is 60 minute buckets and 30d 720 hour buckets.
 */
export function rangeWindow(range: ChartRange, now: Date | number): Window {
  const { resolution, ms } = RANGES[range];
  const to = floorTo(typeof now === 'number' ? now : now.getTime(), STEP_MS[resolution]) + STEP_MS[resolution];
  return { resolution, from: new Date(to - ms), to: new Date(to) };
}

/** Uptime windows: 24h from minute rollups, 7d and 30d from hour rollups, aligned like the ranges. */
export function uptimeWindows(now: Date | number): Record<UptimeWindow, Window> {
  return { '24h': rangeWindow('24h', now), '7d': rangeWindow('7d', now), '30d': rangeWindow('30d', now) };
}

/** One row of probe_rollups_minute / probe_rollups_hour: one endpoint, one bucket. */
export interface RollupRow {
  bucket: Date;
  count: number;
  failures: number;
  degraded: number;
  latencyP50: number | null;
  latencyP95: number | null;
  /** `{kpi: {avg, max}}` as the rollup job writes it; anything else is ignored. */
  kpis: unknown;
}

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Acc {
  count: number;
  failures: number;
  degraded: number;
  p50Weighted: number;
  p50Weight: number;
  p95: number | null;
  kpiSum: Partial<Record<ChartKpi, number>>;
  kpiN: Partial<Record<ChartKpi, number>>;
  kpiMax: Partial<Record<ChartKpi, number>>;
}

/**
 * Rows of several endpoints → one point per bucket, sorted by time.
 *
 * - counts, failures and degraded are summed;
 * - latency p50: the mean of the endpoints' medians weighted by their check
 *   counts (a typical latency of the whole service); p95: the highest of the
 *   endpoints' p95s. Percentiles cannot be merged exactly without the raw
 *   values, and the max is an upper bound of the combined p95 — the safe side
 *   for a chart read against a latency threshold;
 * - each KPI: the mean of the endpoints' bucket means (each endpoint counts
 *   once, however often it was scraped) and the max of their maxima. KPIs come
 *   only from metrics and telemetry endpoints: only their summaries carry any.
 */
export function aggregateRollups(rows: Iterable<RollupRow>): ChartPoint[] {
  const byBucket = new Map<number, Acc>();
  for (const r of rows) {
    const key = r.bucket.getTime();
    let a = byBucket.get(key);
    if (!a) {
      a = { count: 0, failures: 0, degraded: 0, p50Weighted: 0, p50Weight: 0, p95: null, kpiSum: {}, kpiN: {}, kpiMax: {} };
      byBucket.set(key, a);
    }
    a.count += r.count;
    a.failures += r.failures;
    a.degraded += r.degraded;
    if (isNum(r.latencyP50) && r.count > 0) {
      a.p50Weighted += r.latencyP50 * r.count;
      a.p50Weight += r.count;
    }
    if (isNum(r.latencyP95)) a.p95 = a.p95 === null ? r.latencyP95 : Math.max(a.p95, r.latencyP95);
    if (isRecord(r.kpis)) {
      for (const kpi of CHART_KPIS) {
        const v = r.kpis[kpi];
        if (!isRecord(v)) continue;
        if (isNum(v.avg)) {
          a.kpiSum[kpi] = (a.kpiSum[kpi] ?? 0) + v.avg;
          a.kpiN[kpi] = (a.kpiN[kpi] ?? 0) + 1;
        }
        const m = isNum(v.max) ? v.max : isNum(v.avg) ? v.avg : null;
        if (m !== null) a.kpiMax[kpi] = Math.max(a.kpiMax[kpi] ?? -Infinity, m);
      }
    }
  }

  const points: ChartPoint[] = [];
  for (const key of [...byBucket.keys()].sort((x, y) => x - y)) {
    const a = byBucket.get(key)!;
    if (a.count <= 0) continue;
    const p: ChartPoint = {
      t: new Date(key).toISOString(),
      count: a.count,
      failures: a.failures,
      degraded: a.degraded,
      failureShare: round((a.failures / a.count) * 100, 3),
      latencyP50: a.p50Weight > 0 ? round(a.p50Weighted / a.p50Weight, 1) : null,
      latencyP95: a.p95 === null ? null : round(a.p95, 1),
    };
    let max: Partial<Record<ChartKpi, number>> | undefined;
    for (const kpi of CHART_KPIS) {
      const n = a.kpiN[kpi];
      if (n) p[kpi] = round(a.kpiSum[kpi]! / n, 3);
      const m = a.kpiMax[kpi];
      if (m !== undefined) (max ??= {})[kpi] = round(m, 3);
    }
    if (max) p.max = max;
    points.push(p);
  }
  return points;
}

/** Checks and failures of the rows whose bucket lies in [from, to). */
export function sumRollups(rows: Iterable<RollupRow>, from: Date, to: Date): { count: number; failures: number } {
  const lo = from.getTime();
  const hi = to.getTime();
  let count = 0;
  let failures = 0;
  for (const r of rows) {
    const t = r.bucket.getTime();
    if (t < lo || t >= hi) continue;
    count += r.count;
    failures += r.failures;
  }
  return { count, failures };
}

/** Share of checks that were not down, in percent; floored so that one failure never shows as 100. */
export function uptimePercent(count: number | null | undefined, failures: number | null | undefined): number | null {
  if (!isNum(count) || count <= 0) return null;
  const f = isNum(failures) ? Math.min(Math.max(failures, 0), count) : 0;
  return Math.floor(((count - f) / count) * 100 * 1000) / 1000;
}

/** The service's `thresholds` JSON (only well-formed entries) merged over the defaults. */
export function mergeThresholds(overrides: unknown): Record<string, ChartThreshold> {
  const out: Record<string, ChartThreshold> = {};
  for (const [k, t] of Object.entries(DEFAULT_THRESHOLDS)) out[k] = { warning: t.warning, critical: t.critical };
  if (isRecord(overrides)) {
    for (const [k, t] of Object.entries(overrides)) {
      if (k === '__proto__') continue;
      if (isRecord(t) && isNum(t.warning) && isNum(t.critical)) out[k] = { warning: t.warning, critical: t.critical };
    }
  }
  return out;
}
