import { formatKpi } from '@/lib/alerts/thresholds';

/** Unit-aware number formats for axes, tooltips and tables. */
export type Unit = 'ms' | 'pct' | 'rps';

export function formatValue(unit: Unit, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (unit === 'ms') return formatKpi('p95LatencyMs', v);
  if (unit === 'rps') return formatKpi('requestRate', v);
  return formatKpi('errorRate', v);
}

/** Shorter labels for axis ticks: "1.5 s", "800 ms", "40 %". */
export function formatTickValue(unit: Unit, v: number): string {
  if (unit === 'ms') return Math.abs(v) >= 1000 ? `${+(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
  if (unit === 'rps') return `${+v.toFixed(1)}`;
  return `${+v.toFixed(v < 10 && v !== 0 ? 1 : 0)} %`;
}

/** Uptime for a big figure: floored to two decimals so 99.999 never reads as 100. */
export function formatUptime(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (v >= 100) return '100 %';
  return `${(Math.floor(v * 100) / 100).toFixed(2)} %`;
}
