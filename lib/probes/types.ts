// Shared vocabulary of the probe engine (see DESIGN.md, "Statuses and kinds").
// Kept free of runtime dependencies so the UI, the worker and the API can all import it.

export const ENDPOINT_KINDS = ['health', 'liveness', 'readiness', 'migration', 'metrics', 'telemetry'] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

export const STATUSES = ['up', 'degraded', 'down', 'unknown'] as const;
export type Status = (typeof STATUSES)[number];

// `unknown` ranks between up and degraded: not knowing is worse than a confirmed up,
// but must never hide a confirmed problem when taking the worst of several statuses.
export const STATUS_RANK: Record<Status, number> = { up: 0, unknown: 1, degraded: 2, down: 3 };

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export function isEndpointKind(value: unknown): value is EndpointKind {
  return typeof value === 'string' && (ENDPOINT_KINDS as readonly string[]).includes(value);
}

/** The worst of several statuses; nothing known at all is `unknown`, not `up`. */
export function worstStatus(statuses: Status[]): Status {
  let worst: Status | null = null;
  for (const s of statuses) {
    if (!isStatus(s)) continue;
    if (worst === null || STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  }
  return worst ?? 'unknown';
}

export interface ComponentStatus {
  name: string;
  status: Status;
  /** The service's own word for it, e.g. "OUT_OF_SERVICE", so the UI can show what the service said. */
  raw: string;
  detail?: string;
}

export interface MigrationState {
  current: string | null;
  head: string | null;
  pending: number | null;
  atHead: boolean | null;
}

export const KPI_NAMES = ['requestRate', 'errorRate', 'p95LatencyMs', 'cpu', 'memory', 'disk'] as const;
// units: requestRate req/s; errorRate percent 0..100 (share of 5xx); p95LatencyMs ms;
// cpu/memory/disk percent 0..100 utilisation (process cpu may exceed 100 on several cores).
export type KpiName = (typeof KPI_NAMES)[number];
// Telemetry endpoints may add KPIs under their own names.
export type Kpis = Partial<Record<KpiName | string, number>>;

export interface ProbeSummary {
  format?: string;
  components?: ComponentStatus[];
  migration?: MigrationState;
  kpis?: Kpis;
  note?: string;
}

export interface HttpResponseLike {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
  /** True when the body exceeded the 1 MiB cap and was cut. */
  truncated: boolean;
}

/**
 * What one Prometheus scrape leaves behind so the next one can compute rates.
 * Stored per endpoint as JSON, so only sums are kept, never per-series data.
 */
export interface MetricsSnapshot {
  /** Shape version: a stored snapshot of another version is ignored rather than misread. */
  v: 1;
  /** When the scrape happened, ms since the epoch. */
  at: number;
  /** The request counter family used, its total, and its 5xx part (null when it has no status label). */
  requests?: { family: string; total: number; errors5xx: number | null };
  /** Latency histogram: cumulative bucket counts summed over all label sets, keyed by canonical `le`. */
  latency?: { family: string; unit: 's' | 'ms'; buckets: Record<string, number> };
  /** process_cpu_seconds_total. */
  processCpuSeconds?: number;
  /** node_cpu_seconds_total summed over CPUs, per mode. */
  nodeCpuSeconds?: Record<string, number>;
  /** process_start_time_seconds: a change means the process restarted, even if no counter went down. */
  processStartTime?: number;
}

export interface NormalizeContext {
  /** ms since the epoch; the caller's clock, so normalisation stays pure. */
  now: number;
  previous?: MetricsSnapshot | null;
  /** KPI name → JSON path, for telemetry endpoints. */
  telemetryPaths?: Record<string, string>;
}

export interface NormalizedResult {
  status: Status;
  /** One line, at most 300 characters; null when up. */
  error: string | null;
  summary: ProbeSummary;
  /** Only for metrics endpoints whose scrape parsed; store it for the next scrape. */
  snapshot?: MetricsSnapshot;
}
