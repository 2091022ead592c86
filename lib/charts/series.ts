// Pure helpers the chart components use: API points → rows Recharts can draw,
// time ticks and labels, and deploy labels that do not pile up.
import { RANGES, STEP_MS, type ChartPoint, type ChartRange, type DeployMarker, type Resolution } from './types';

/** A row for Recharts: time in ms and a number (or null, a gap) per series. */
export type ChartRow = { t: number } & Record<string, number | null>;

/**
 * Points → rows, with a row of nulls after every hole in the data, so that the
 * lines break there (a missing bucket means no check ran: a gap, not a zero,
 * and not a straight line drawn across it either).
 */
export function toRows(points: ChartPoint[], resolution: Resolution, keys: readonly string[]): ChartRow[] {
  const step = STEP_MS[resolution];
  const out: ChartRow[] = [];
  let prev: number | null = null;
  for (const p of points) {
    const t = Date.parse(p.t);
    if (!Number.isFinite(t)) continue;
    if (prev !== null && t - prev > step) {
      const gap: ChartRow = { t: prev + step };
      for (const k of keys) gap[k] = null;
      out.push(gap);
    }
    const row: ChartRow = { t };
    const rec = p as unknown as Record<string, unknown>;
    for (const k of keys) {
      const v = rec[k];
      row[k] = typeof v === 'number' && Number.isFinite(v) ? v : null;
    }
    out.push(row);
    prev = t;
  }
  return out;
}

/**
 * A y axis from 0 with round ticks (steps of 1, 2, 2.5 or 5 × 10ⁿ, about
 * `target` of them) that reaches `max`. Round numbers read faster at 3 a.m.
 */
export function niceScale(max: number, target = 4): { top: number; ticks: number[] } {
  if (!Number.isFinite(max) || max <= 0) return { top: 1, ticks: [0, 0.5, 1] };
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const n = Math.ceil(max / step - 1e-9);
  const ticks = Array.from({ length: n + 1 }, (_, i) => +(i * step).toPrecision(12));
  return { top: ticks[ticks.length - 1], ticks };
}

const TICK_STEP: Record<ChartRange, number> = {
  '1h': 10 * 60_000,
  '24h': 3 * 3_600_000,
  '7d': 86_400_000,
  '30d': 5 * 86_400_000,
};

/** Round UTC times across [from, to]: every 10 min for 1h, 3 h for 24h, a day for 7d, 5 days for 30d. */
export function timeTicks(range: ChartRange, from: number, to: number): number[] {
  const step = TICK_STEP[range];
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Axis label in UTC: "14:20" for the minute ranges, "Nov 23" for the day ranges. */
export function formatTick(range: ChartRange, t: number): string {
  const d = new Date(t);
  if (RANGES[range].resolution === 'minute') return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** Tooltip and table label: "2026-11-23 14:20 UTC". */
export function formatInstant(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** Latest and highest value of one series, for a caption a screen reader reads first. */
export function seriesStats(points: ChartPoint[], key: keyof ChartPoint): { latest: number | null; max: number | null; min: number | null } {
  let latest: number | null = null;
  let max: number | null = null;
  let min: number | null = null;
  for (const p of points) {
    const v = p[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    latest = v;
    max = max === null ? v : Math.max(max, v);
    min = min === null ? v : Math.min(min, v);
  }
  return { latest, max, min };
}

/**
 * Deploys as vertical markers, oldest first. A version label is kept only when
 * the marker is at least `minGap` (a share of the range) away from the next
 * labelled one, newest first, so that a burst of deploys shows as lines with
 * the latest version named rather than a pile of overlapping text.
 */
export function deployMarkers(deploys: DeployMarker[], from: number, to: number, minGap = 0.06): { t: number; label: string | null; deploy: DeployMarker }[] {
  const span = Math.max(1, to - from);
  const inRange = deploys
    .map((deploy) => ({ t: Date.parse(deploy.at), deploy }))
    .filter((d) => Number.isFinite(d.t) && d.t >= from && d.t <= to)
    .sort((a, b) => b.t - a.t);
  let lastLabelled: number | null = null;
  const out = inRange.map((d) => {
    const labelled = lastLabelled === null || (lastLabelled - d.t) / span >= minGap;
    if (labelled) lastLabelled = d.t;
    return { t: d.t, label: labelled ? d.deploy.version : null, deploy: d.deploy };
  });
  return out.reverse();
}
