import type pg from 'pg';
import type { EndpointKind, Status } from '@/lib/probes/types';
import type { Thresholds } from '@/lib/alerts/thresholds';
import type { EndpointState } from './state';

export interface ClaimedEndpoint {
  id: string;
  serviceId: string;
  kind: EndpointKind;
  url: string;
  headersEnc: string | null;
  intervalSeconds: number;
  timeoutMs: number;
  telemetryPaths: Record<string, string>;
  dueAt: Date;
  state: EndpointState;
  metricsSnapshot: unknown;
  thresholds: Thresholds;
  failuresBeforeDown: number;
}

/** Seconds a lease outlives the probe's own timeout: room to write the result in the next batch. */
export const LEASE_MARGIN_SECONDS = 10;

// Times come back as epoch milliseconds (float8): a number to parse instead of a date string.
function epochMs(column: string) {
  return `(extract(epoch FROM ${column}) * 1000)::float8`;
}

// Due endpoints (or ones someone asked to check now) whose lease is free or
// expired, claimed with SKIP LOCKED so that concurrent workers never take the
// same row. The lease is what keeps a second worker away until the result is
// written; an expired lease (dead worker) makes the endpoint claimable again.
const CLAIM_SQL = `
WITH due AS (
  SELECT id FROM endpoints
  WHERE enabled
    AND (next_due_at <= now() + make_interval(secs => $2) OR check_now)
    AND (lease_until IS NULL OR lease_until < now())
  ORDER BY next_due_at
  LIMIT $3
  FOR UPDATE SKIP LOCKED
)
UPDATE endpoints e
SET lease_owner = $1,
    lease_until = GREATEST(e.next_due_at, now()) + make_interval(secs => e.timeout_ms / 1000.0 + $4),
    next_due_at = CASE WHEN e.check_now THEN LEAST(e.next_due_at, now()) ELSE e.next_due_at END,
    check_now = false
FROM services s
WHERE e.id = ANY(ARRAY(SELECT id FROM due)) AND s.id = e.service_id
RETURNING e.id, e.service_id, e.kind, e.url, e.headers_enc, e.interval_seconds, e.timeout_ms, e.telemetry_paths,
          ${epochMs('e.next_due_at')} AS next_due_ms, e.status, e.consecutive_failures,
          ${epochMs('e.failing_since')} AS failing_since_ms, ${epochMs('e.status_changed_at')} AS status_changed_ms,
          e.metrics_snapshot, s.thresholds, s.failures_before_down`;

interface Row {
  id: string;
  service_id: string;
  kind: EndpointKind;
  url: string;
  headers_enc: string | null;
  interval_seconds: number;
  timeout_ms: number;
  telemetry_paths: Record<string, string> | null;
  next_due_ms: number;
  status: Status;
  consecutive_failures: number;
  failing_since_ms: number | null;
  status_changed_ms: number | null;
  metrics_snapshot: unknown;
  thresholds: Thresholds | null;
  failures_before_down: number;
}

export async function claimDue(
  pool: pg.Pool,
  workerId: string,
  opts: { lookaheadSeconds: number; limit: number },
): Promise<ClaimedEndpoint[]> {
  const { rows } = await pool.query<Row>(CLAIM_SQL, [workerId, opts.lookaheadSeconds, opts.limit, LEASE_MARGIN_SECONDS]);
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    kind: r.kind,
    url: r.url,
    headersEnc: r.headers_enc,
    intervalSeconds: r.interval_seconds,
    timeoutMs: r.timeout_ms,
    telemetryPaths: r.telemetry_paths ?? {},
    dueAt: new Date(r.next_due_ms),
    state: {
      status: r.status,
      consecutiveFailures: r.consecutive_failures,
      failingSince: r.failing_since_ms === null ? null : new Date(r.failing_since_ms),
      statusChangedAt: r.status_changed_ms === null ? null : new Date(r.status_changed_ms),
    },
    metricsSnapshot: r.metrics_snapshot,
    thresholds: r.thresholds ?? {},
    failuresBeforeDown: r.failures_before_down,
  }));
}
