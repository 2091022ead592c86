import { formatKpi, kpiLabel } from '@/lib/alerts/thresholds';
import { relativeTime } from '@/components/ui/time';
import type { Breach } from '@/lib/dashboard/summary';

// Small words and marks shared by the dashboard's pieces.

export const LEVEL_META = {
  critical: { icon: '✖', text: 'text-down', chip: 'border-down/40 bg-down/10 text-down' },
  warning: { icon: '▲', text: 'text-degraded', chip: 'border-degraded/40 bg-degraded/10 text-degraded' },
} as const;

/** "Error rate 12.3 % ≥ 10 %" */
export function breachText(b: Breach): string {
  return `${kpiLabel(b.kpi)} ${formatKpi(b.kpi, b.value)} ≥ ${formatKpi(b.kpi, b.limit)}`;
}

/** "behind by 3", or "behind head" when the service did not say by how much. */
export function driftText(m: { behindBy: number | null }): string {
  return m.behindBy !== null ? `behind by ${m.behindBy}` : 'behind head';
}

export const CHANGE_ICON = { status: '↯', deploy: '⇪' } as const;

/** "12 s ago", never "in 2 s": a moment the server recorded cannot lie ahead of its clock. */
export function ago(iso: string, now: number): string {
  return relativeTime(iso, Math.max(now, Date.parse(iso)));
}
