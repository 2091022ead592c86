import type pg from 'pg';
import type { EndpointKind, ProbeSummary, Status } from '@/lib/probes/types';
import type { DesiredAlert } from '@/lib/alerts/evaluate';
import type { EndpointState } from './state';
import { pollerMetrics } from './metrics';
import { logger } from '@/lib/log';

/** One finished probe, with everything the database needs to record it. */
export interface CompletedProbe {
  endpointId: string;
  serviceId: string;
  kind: EndpointKind;
  at: Date;
  status: Status;
  httpStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  summary: ProbeSummary | null;
  state: EndpointState;
  nextDueAt: Date;
  /** New metrics snapshot; undefined keeps the stored one. */
  metricsSnapshot?: unknown;
  alerts: DesiredAlert[];
}

export interface WriterOptions {
  workerId: string;
  /** Results kept in memory while the database is away; beyond this the oldest are dropped (and counted). */
  maxBuffered?: number;
  batchSize?: number;
  flushIntervalMs?: number;
}

const INSERT_RESULTS = `
INSERT INTO probe_results (endpoint_id, service_id, kind, at, status, http_status, latency_ms, error, summary)
SELECT u.endpoint_id, u.service_id, u.kind, u.at, u.status, u.http_status, u.latency_ms, u.error, u.summary
FROM unnest($1::uuid[], $2::uuid[], $3::"EndpointKind"[], $4::timestamptz[], $5::"ProbeStatus"[], $6::int[], $7::int[], $8::text[], $9::jsonb[])
  AS u(endpoint_id, service_id, kind, at, status, http_status, latency_ms, error, summary)
WHERE EXISTS (SELECT 1 FROM endpoints e WHERE e.id = u.endpoint_id AND e.id = ANY(ARRAY(SELECT unnest($1::uuid[]))))`;

// Only the lease holder (or nobody, after a lost lease) may move the
// schedule: a worker that took over an expired lease owns the endpoint now.
const UPDATE_ENDPOINTS = `
UPDATE endpoints e SET
  status = u.status, consecutive_failures = u.failures, failing_since = u.failing_since,
  status_changed_at = u.status_changed_at, last_checked_at = u.at, last_http_status = u.http_status,
  last_latency_ms = u.latency_ms, last_error = u.error, last_summary = u.summary,
  metrics_snapshot = COALESCE(u.snapshot, e.metrics_snapshot),
  next_due_at = CASE WHEN e.check_now THEN e.next_due_at ELSE u.next_due END,
  lease_owner = NULL, lease_until = NULL
FROM unnest($1::uuid[], $2::"ProbeStatus"[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::int[], $9::text[], $10::jsonb[], $11::jsonb[], $12::timestamptz[])
  AS u(id, status, failures, failing_since, status_changed_at, at, http_status, latency_ms, error, summary, snapshot, next_due)
WHERE e.id = u.id AND e.id = ANY(ARRAY(SELECT unnest($1::uuid[]))) AND (e.lease_owner = $13 OR e.lease_owner IS NULL)`;

const UPSERT_ALERTS = `
INSERT INTO alerts (id, service_id, endpoint_id, key, open_key, level, peak_level, message, value, threshold, opened_at, updated_at)
SELECT gen_random_uuid(), u.service_id, u.endpoint_id, u.key, u.endpoint_id::text || ':' || u.key, u.level, u.level, u.message, u.value, u.threshold, u.at, u.at
FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::"AlertLevel"[], $5::text[], $6::float8[], $7::float8[], $8::timestamptz[])
  AS u(service_id, endpoint_id, key, level, message, value, threshold, at)
WHERE EXISTS (SELECT 1 FROM endpoints e WHERE e.id = u.endpoint_id)
ON CONFLICT (open_key) DO UPDATE SET
  level = EXCLUDED.level, peak_level = GREATEST(alerts.peak_level, EXCLUDED.level),
  message = EXCLUDED.message, value = EXCLUDED.value, threshold = EXCLUDED.threshold, updated_at = EXCLUDED.updated_at`;

const RESOLVE_ALERTS = `
UPDATE alerts SET resolved_at = $3, open_key = NULL, updated_at = $3
WHERE endpoint_id = ANY($1::uuid[]) AND open_key IS NOT NULL AND NOT (open_key = ANY($2::text[]))`;

/** Latest result per endpoint: the one that decides its state and alerts. */
function latestPerEndpoint(batch: CompletedProbe[]): CompletedProbe[] {
  const m = new Map<string, CompletedProbe>();
  for (const p of batch) {
    const cur = m.get(p.endpointId);
    if (!cur || cur.at <= p.at) m.set(p.endpointId, p);
  }
  return [...m.values()];
}

export async function writeBatch(pool: pg.Pool, workerId: string, batch: CompletedProbe[]): Promise<void> {
  if (batch.length === 0) return;
  const latest = latestPerEndpoint(batch);
  const alerts = latest.flatMap((p) => p.alerts.map((a) => ({ p, a })));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(INSERT_RESULTS, [
      batch.map((p) => p.endpointId),
      batch.map((p) => p.serviceId),
      batch.map((p) => p.kind),
      batch.map((p) => p.at),
      batch.map((p) => p.status),
      batch.map((p) => p.httpStatus),
      batch.map((p) => p.latencyMs),
      batch.map((p) => p.error),
      batch.map((p) => (p.summary ? JSON.stringify(p.summary) : null)),
    ]);
    await client.query(UPDATE_ENDPOINTS, [
      latest.map((p) => p.endpointId),
      latest.map((p) => p.state.status),
      latest.map((p) => p.state.consecutiveFailures),
      latest.map((p) => p.state.failingSince),
      latest.map((p) => p.state.statusChangedAt),
      latest.map((p) => p.at),
      latest.map((p) => p.httpStatus),
      latest.map((p) => p.latencyMs),
      latest.map((p) => p.error),
      latest.map((p) => (p.summary ? JSON.stringify(p.summary) : null)),
      latest.map((p) => (p.metricsSnapshot === undefined ? null : JSON.stringify(p.metricsSnapshot))),
      latest.map((p) => p.nextDueAt),
      workerId,
    ]);
    if (alerts.length > 0) {
      await client.query(UPSERT_ALERTS, [
        alerts.map(({ p }) => p.serviceId),
        alerts.map(({ p }) => p.endpointId),
        alerts.map(({ a }) => a.key),
        alerts.map(({ a }) => a.level),
        alerts.map(({ a }) => a.message),
        alerts.map(({ a }) => a.value),
        alerts.map(({ a }) => a.threshold),
        alerts.map(({ p }) => p.at),
      ]);
    }
    await client.query(RESOLVE_ALERTS, [
      latest.map((p) => p.endpointId),
      alerts.map(({ p, a }) => `${p.endpointId}:${a.key}`),
      new Date(),
    ]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * Buffers finished probes and writes them in batches. When Postgres is
 * unavailable the results wait here (bounded) and are written once it is back.
 */
export class ResultWriter {
  private buffer: CompletedProbe[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private backoffUntil = 0;
  private failures = 0;
  readonly maxBuffered: number;
  readonly batchSize: number;
  persistedTotal = 0;
  droppedTotal = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly opts: WriterOptions,
  ) {
    this.maxBuffered = opts.maxBuffered ?? 100_000;
    this.batchSize = opts.batchSize ?? 2_000;
  }

  start() {
    this.timer ??= setInterval(() => void this.flush(), this.opts.flushIntervalMs ?? 500);
    this.timer.unref?.();
  }

  push(p: CompletedProbe) {
    this.buffer.push(p);
    if (this.buffer.length > this.maxBuffered) {
      const drop = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, drop);
      this.droppedTotal += drop;
      pollerMetrics.dropped().inc(drop);
    }
    pollerMetrics.buffered().set(this.buffer.length);
    if (this.buffer.length >= this.batchSize) void this.flush();
  }

  get pending() {
    return this.buffer.length;
  }

  /** Writes what is buffered; concurrent calls share one flush. */
  flush(): Promise<void> {
    this.flushing ??= this.doFlush().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async doFlush() {
    while (this.buffer.length > 0 && Date.now() >= this.backoffUntil) {
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        await writeBatch(this.pool, this.opts.workerId, batch);
        this.buffer.splice(0, batch.length);
        this.persistedTotal += batch.length;
        pollerMetrics.persisted().inc(batch.length);
        if (this.failures > 0) logger.info('poller: database writes recovered', { afterFailures: this.failures, buffered: this.buffer.length });
        this.failures = 0;
      } catch (e) {
        this.failures++;
        pollerMetrics.writeErrors().inc();
        const delay = Math.min(5_000, 250 * 2 ** Math.min(this.failures, 5));
        this.backoffUntil = Date.now() + delay;
        if (this.failures === 1 || this.failures % 20 === 0) {
          logger.warn('poller: could not write results, keeping them buffered', { error: (e as Error).message, buffered: this.buffer.length, retryInMs: delay });
        }
        break;
      }
    }
    pollerMetrics.buffered().set(this.buffer.length);
  }

  /** Drops everything unwritten and stops (a crash, for tests). */
  discard() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.buffer = [];
  }

  /** Stops the timer and tries to write everything left, for a bounded time. */
  async stop(timeoutMs = 5_000) {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const deadline = Date.now() + timeoutMs;
    while (this.buffer.length > 0 && Date.now() < deadline) {
      this.backoffUntil = 0;
      await this.flush();
      if (this.buffer.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
  }
}
