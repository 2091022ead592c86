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

// How a batch travels, measured on PostgreSQL's side and ours: scalar columns
// as array literals that we write ourselves (ids, enums, numbers: nothing to
// escape, so no per-element quoting by the driver), texts and JSON documents as
// one JSON array each (a single JSON.stringify here, a streaming parse there),
// and times as epoch milliseconds (no date formatting or parsing). Zipped back
// into rows with ROWS FROM. That is about half the server CPU of a
// json_to_recordset over one document, and a tenth of our CPU of the driver's
// own array serialisation.
//
// The `= ANY(ARRAY(SELECT unnest($1)))` conditions give the planner a key list
// of unknown size, so it reaches the batch's endpoints through the primary key
// instead of hashing the whole table for a batch that is a small share of it.
const INSERT_RESULTS = `
INSERT INTO probe_results (endpoint_id, service_id, kind, at, status, http_status, latency_ms, error, summary)
SELECT u.e, u.s, u.k, to_timestamp(u.a / 1000), u.st, u.h, u.l, u.er, CASE WHEN json_typeof(u.sm) = 'null' THEN NULL ELSE u.sm::jsonb END
FROM ROWS FROM (unnest($1::uuid[]), unnest($2::uuid[]), unnest($3::"EndpointKind"[]), unnest($4::float8[]), unnest($5::"ProbeStatus"[]),
                unnest($6::int[]), unnest($7::int[]), json_array_elements_text($8::json), json_array_elements($9::json))
  AS u(e, s, k, a, st, h, l, er, sm)
WHERE EXISTS (SELECT 1 FROM endpoints x WHERE x.id = u.e AND x.id = ANY(ARRAY(SELECT unnest($1::uuid[]))))`;

// The latest state of each endpoint, and its alerts, in one statement (one
// round trip). Only the lease holder (or nobody, after a lost lease) may move
// the schedule: a worker that took over an expired lease owns the endpoint now.
// The alert upsert and the resolution touch disjoint rows (open keys in the
// desired set / not in it), so they can share the statement.
function endpointStateSql(withAlerts: boolean) {
  return `
WITH u AS (
  SELECT * FROM ROWS FROM (unnest($1::uuid[]), unnest($2::"ProbeStatus"[]), unnest($3::int[]), unnest($4::float8[]), unnest($5::float8[]),
                           unnest($6::float8[]), unnest($7::int[]), unnest($8::int[]), json_array_elements_text($9::json),
                           json_array_elements($10::json), json_array_elements($11::json), unnest($12::float8[]))
    AS u(e, ss, f, fs, sc, a, h, l, er, sm, sn, nd)
), upd AS (
  UPDATE endpoints e SET
    status = u.ss, consecutive_failures = u.f, failing_since = to_timestamp(u.fs / 1000),
    status_changed_at = to_timestamp(u.sc / 1000), last_checked_at = to_timestamp(u.a / 1000), last_http_status = u.h,
    last_latency_ms = u.l, last_error = u.er, last_summary = CASE WHEN json_typeof(u.sm) = 'null' THEN NULL ELSE u.sm::jsonb END,
    -- [snapshot] stores it (even JSON null); a bare null keeps the stored one.
    metrics_snapshot = COALESCE((u.sn -> 0)::jsonb, e.metrics_snapshot),
    next_due_at = CASE WHEN e.check_now THEN e.next_due_at ELSE to_timestamp(u.nd / 1000) END,
    lease_owner = NULL, lease_until = NULL
  FROM u
  WHERE e.id = u.e AND e.id = ANY(ARRAY(SELECT unnest($1::uuid[]))) AND (e.lease_owner = $13 OR e.lease_owner IS NULL)
  RETURNING 1
),${
    withAlerts
      ? `
ups AS (
  INSERT INTO alerts (id, service_id, endpoint_id, key, open_key, level, peak_level, message, value, threshold, opened_at, updated_at)
  SELECT gen_random_uuid(), a.s, a.e, a.k, a.e::text || ':' || a.k, a.lv, a.lv, a.m, a.v, a.t, to_timestamp(a.a / 1000), to_timestamp(a.a / 1000)
  FROM json_to_recordset($16::json) AS a(s uuid, e uuid, k text, lv "AlertLevel", m text, v float8, t float8, a float8)
  WHERE EXISTS (SELECT 1 FROM endpoints x WHERE x.id = a.e AND x.id = ANY(ARRAY(SELECT unnest($1::uuid[]))))
  ON CONFLICT (open_key) DO UPDATE SET
    level = EXCLUDED.level, peak_level = GREATEST(alerts.peak_level, EXCLUDED.level),
    message = EXCLUDED.message, value = EXCLUDED.value, threshold = EXCLUDED.threshold, updated_at = EXCLUDED.updated_at
  RETURNING 1
),`
      : ''
  }
res AS (
  UPDATE alerts SET resolved_at = $15, open_key = NULL, updated_at = $15
  WHERE endpoint_id = ANY($1::uuid[]) AND open_key IS NOT NULL AND NOT (open_key = ANY($14::text[]))
  RETURNING 1
)
SELECT (SELECT count(*) FROM upd) AS updated, (SELECT count(*) FROM res) AS resolved`;
}
const UPDATE_STATE = endpointStateSql(false);
const UPDATE_STATE_AND_ALERTS = endpointStateSql(true);

// The planner cannot know how many rows the arrays and JSON documents hold (it assumes 100) nor
// how many keys the ANY list has (10): a nested loop would read the batch again for every
// endpoint. Hash joins are right at every batch size, so this transaction is told to use them.
const BEGIN = 'BEGIN; SET LOCAL enable_nestloop = off';

const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** Text from a service may end in half a surrogate pair (cut to length): JSON for Postgres must not. */
function wellFormed(s: string | null): string | null {
  if (s === null) return null;
  const w = s as string & { isWellFormed?: () => boolean; toWellFormed?: () => string };
  return w.isWellFormed && !w.isWellFormed() ? w.toWellFormed!() : s;
}

/**
 * A finished probe as it waits for the database: flat, its documents already
 * serialised, so that thousands of buffered results are one object and a few
 * strings each rather than object trees for the garbage collector to copy.
 */
interface PendingRow {
  endpointId: string;
  serviceId: string;
  kind: EndpointKind;
  at: number;
  status: Status;
  httpStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  /** JSON of the summary, 'null' for none. */
  summary: string;
  stateStatus: Status;
  failures: number;
  failingSince: number | null;
  statusChangedAt: number | null;
  /** JSON: [snapshot] to store it, null to keep the stored one. */
  snapshot: string;
  nextDueAt: number;
  /** JSON objects for the alert upsert, comma-separated; '' when none. */
  alerts: string;
  openKeys: string[] | null;
}

function toRow(p: CompletedProbe): PendingRow {
  const at = p.at.getTime();
  let alerts = '';
  let openKeys: string[] | null = null;
  if (p.alerts.length > 0) {
    openKeys = [];
    for (const a of p.alerts) {
      openKeys.push(`${p.endpointId}:${a.key}`);
      const one = JSON.stringify({ s: p.serviceId, e: p.endpointId, k: a.key, lv: a.level, m: wellFormed(a.message), v: a.value, t: a.threshold, a: at });
      alerts = alerts ? `${alerts},${one}` : one;
    }
  }
  return {
    endpointId: p.endpointId,
    serviceId: p.serviceId,
    kind: p.kind,
    at,
    status: p.status,
    httpStatus: p.httpStatus,
    latencyMs: p.latencyMs,
    error: wellFormed(p.error),
    summary: p.summary ? JSON.stringify(p.summary) : 'null',
    stateStatus: p.state.status,
    failures: p.state.consecutiveFailures,
    failingSince: ms(p.state.failingSince),
    statusChangedAt: ms(p.state.statusChangedAt),
    snapshot: p.metricsSnapshot === undefined ? 'null' : JSON.stringify([p.metricsSnapshot]),
    nextDueAt: p.nextDueAt.getTime(),
    alerts,
    openKeys,
  };
}

/** An array literal of values that need no quoting (uuids, enum labels, numbers); null and non-finite numbers are NULL. */
function arrayLiteral<T>(rows: PendingRow[], pick: (r: PendingRow) => T | null): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const v = pick(rows[i]);
    if (i > 0) out += ',';
    out += v === null || (typeof v === 'number' && !Number.isFinite(v)) ? 'NULL' : String(v);
  }
  return `${out}}`;
}

function jsonArray(rows: PendingRow[], pick: (r: PendingRow) => string): string {
  let out = '[';
  for (let i = 0; i < rows.length; i++) out += i > 0 ? `,${pick(rows[i])}` : pick(rows[i]);
  return `${out}]`;
}

const pickId = (r: PendingRow) => r.endpointId;
const pickAt = (r: PendingRow) => r.at;
const pickHttp = (r: PendingRow) => r.httpStatus;
const pickLatency = (r: PendingRow) => r.latencyMs;
const pickSummary = (r: PendingRow) => r.summary;

/** Latest result per endpoint: the one that decides its state and alerts. The batch itself when every endpoint appears once. */
function latestPerEndpoint(batch: PendingRow[]): PendingRow[] {
  const m = new Map<string, PendingRow>();
  let duplicates = false;
  for (const p of batch) {
    const cur = m.get(p.endpointId);
    if (cur) duplicates = true;
    if (!cur || cur.at <= p.at) m.set(p.endpointId, p);
  }
  return duplicates ? [...m.values()] : batch;
}

export async function writeBatch(pool: pg.Pool, workerId: string, batch: CompletedProbe[]): Promise<void> {
  return writeRows(pool, workerId, batch.map(toRow));
}

async function writeRows(pool: pg.Pool, workerId: string, batch: PendingRow[]): Promise<void> {
  if (batch.length === 0) return;
  const latest = latestPerEndpoint(batch);
  const ids = arrayLiteral(batch, pickId);
  const at = arrayLiteral(batch, pickAt);
  const http = arrayLiteral(batch, pickHttp);
  const latency = arrayLiteral(batch, pickLatency);
  const errors = JSON.stringify(batch.map((r) => r.error));
  const summaries = jsonArray(batch, pickSummary);
  const same = latest === batch;
  const openKeys: string[] = [];
  let alerts = '';
  for (const r of latest) {
    if (!r.openKeys) continue;
    for (const k of r.openKeys) openKeys.push(k);
    alerts = alerts ? `${alerts},${r.alerts}` : r.alerts;
  }
  const state = [
    same ? ids : arrayLiteral(latest, pickId),
    arrayLiteral(latest, (r) => r.stateStatus),
    arrayLiteral(latest, (r) => r.failures),
    arrayLiteral(latest, (r) => r.failingSince),
    arrayLiteral(latest, (r) => r.statusChangedAt),
    same ? at : arrayLiteral(latest, pickAt),
    same ? http : arrayLiteral(latest, pickHttp),
    same ? latency : arrayLiteral(latest, pickLatency),
    same ? errors : JSON.stringify(latest.map((r) => r.error)),
    same ? summaries : jsonArray(latest, pickSummary),
    jsonArray(latest, (r) => r.snapshot),
    arrayLiteral(latest, (r) => r.nextDueAt),
    workerId,
    openKeys,
    new Date(),
  ];
  const client = await pool.connect();
  try {
    await client.query(BEGIN);
    await client.query(INSERT_RESULTS, [
      ids,
      arrayLiteral(batch, (r) => r.serviceId),
      arrayLiteral(batch, (r) => r.kind),
      at,
      arrayLiteral(batch, (r) => r.status),
      http,
      latency,
      errors,
      summaries,
    ]);
    await client.query(alerts ? UPDATE_STATE_AND_ALERTS : UPDATE_STATE, alerts ? [...state, `[${alerts}]`] : state);
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
  private buffer: PendingRow[] = [];
  private readonly metrics = { buffered: pollerMetrics.buffered(), persisted: pollerMetrics.persisted() };
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
    this.buffer.push(toRow(p));
    if (this.buffer.length > this.maxBuffered) {
      const drop = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, drop);
      this.droppedTotal += drop;
      pollerMetrics.dropped().inc(drop);
    }
    this.metrics.buffered.set(this.buffer.length);
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
        await writeRows(this.pool, this.opts.workerId, batch);
        this.buffer.splice(0, batch.length);
        this.persistedTotal += batch.length;
        this.metrics.persisted.inc(batch.length);
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
