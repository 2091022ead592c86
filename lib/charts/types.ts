// Shapes of the charts API (GET /api/v1/services/:id/charts). Pure types and
// constants, no runtime dependencies, so the UI imports them as well.
import type { KpiName } from '@/lib/probes/types';

export const CHART_RANGES = ['1h', '24h', '7d', '30d'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];
export type Resolution = 'minute' | 'hour';

export const STEP_MS: Record<Resolution, number> = { minute: 60_000, hour: 3_600_000 };

/**
 * Which rollup table serves a range. Minute rollups are kept 30 days and hour
 * rollups 400 days; 7d and 30d read hours so that a month is 720 buckets, not 43 200.
 */
export const RANGES: Record<ChartRange, { resolution: Resolution; ms: number; label: string }> = {
  '1h': { resolution: 'minute', ms: 3_600_000, label: '1 hour' },
  '24h': { resolution: 'minute', ms: 86_400_000, label: '24 hours' },
  '7d': { resolution: 'hour', ms: 7 * 86_400_000, label: '7 days' },
  '30d': { resolution: 'hour', ms: 30 * 86_400_000, label: '30 days' },
};

export const UPTIME_WINDOWS = ['24h', '7d', '30d'] as const;
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number];

/** The KPIs a chart point carries (telemetry's own KPI names are not charted). */
export const CHART_KPIS = ['requestRate', 'errorRate', 'p95LatencyMs', 'cpu', 'memory', 'disk'] as const satisfies readonly KpiName[];
export type ChartKpi = (typeof CHART_KPIS)[number];

/**
 * One bucket, aggregated over the service's endpoints. Buckets without any
 * check are absent: a chart shows a gap there, never a zero.
 */
export interface ChartPoint {
  /** Start of the bucket, ISO 8601. */
  t: string;
  /** Checks in the bucket, all endpoints together. */
  count: number;
  /** Checks whose status was `down`. */
  failures: number;
  /** Checks whose status was `degraded`. */
  degraded: number;
  /** failures / count, in percent (0..100), like errorRate. */
  failureShare: number;
  /** Probe latency, ms: count-weighted mean of the endpoints' medians. */
  latencyP50: number | null;
  /** Probe latency, ms: the highest of the endpoints' p95s. */
  latencyP95: number | null;
  /** KPIs (mean of the endpoints' bucket means); units as in lib/probes/types. */
  requestRate?: number;
  errorRate?: number;
  p95LatencyMs?: number;
  cpu?: number;
  memory?: number;
  disk?: number;
  /** Highest single value of each KPI in the bucket, for tooltips and tables. */
  max?: Partial<Record<ChartKpi, number>>;
}

export interface ChartThreshold {
  warning: number;
  critical: number;
}

export interface DeployMarker {
  at: string;
  version: string;
  environment: string;
  description: string | null;
  actor: string;
}

export interface ChartsResponse {
  range: ChartRange;
  resolution: Resolution;
  /** Start of the first bucket of the range (inclusive), ISO. */
  from: string;
  /** End of the bucket in progress (exclusive), ISO. */
  to: string;
  points: ChartPoint[];
  /** The service's overrides merged over the defaults, per KPI. */
  thresholds: Record<string, ChartThreshold>;
  /** Share of checks that were not `down`, percent, null when there was no check. */
  uptime: Record<UptimeWindow, number | null>;
  /** Deploys within [from, to), oldest first. */
  deploys: DeployMarker[];
}
