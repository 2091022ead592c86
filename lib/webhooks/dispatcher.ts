import type pg from 'pg';
import { request } from 'undici';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/log';
import type { WebhookFormat, WebhookPayload } from './events';
import { renderBody, signBody, SIGNATURE_HEADER } from './render';
import { decryptSecret } from './secret';

// Delivering the outbox. A tick claims a small batch of due deliveries with
// FOR UPDATE SKIP LOCKED (so several pollers never send the same row), pushes
// their next attempt a lease ahead (a crash mid-send just means a retry), and
// sends them outside any transaction, a few at a time. Each attempt is logged;
// a failure is retried with backoff until the attempts run out.

/** Delay before attempt n+1 after attempt n failed: 10 s, 30 s, 2 min, 10 min, 30 min; the 6th failure is final. */
export const DEFAULT_BACKOFF_MS = [10_000, 30_000, 120_000, 600_000, 1_800_000];

export interface DispatchOptions {
  /** The clock; tests inject one to skip the backoff waits. */
  now?: () => Date;
  /** Delays after failed attempts 1, 2, …; attempts = backoffMs.length + 1. */
  backoffMs?: number[];
  /** Whole-request timeout (connect, headers, body). */
  timeoutMs?: number;
  batchSize?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** How long a claimed delivery is reserved before another worker may retry it. */
  leaseMs?: number;
  /** Base of the console's links in payloads (default NEXTAUTH_URL). */
  baseUrl?: string;
  /** Encryption key of the stored secrets (default ENCRYPTION_KEY). */
  encryptionKey?: string;
}

export interface DispatchResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  event: string;
  payload: WebhookPayload;
  attempts: number;
  webhook_id: string;
  url: string;
  format: WebhookFormat;
  secret_enc: string | null;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_ABORTED', 'ABORT_ERR']);

const TEST_EVENT_SQL = `'webhook.test'`;

async function claim(pool: pg.Pool, now: Date, limit: number, leaseMs: number): Promise<Claimed[]> {
  const r = await pool.query<Claimed>(
    `WITH due AS (
       SELECT d."id" FROM "webhook_deliveries" d JOIN "webhooks" w ON w."id" = d."webhook_id"
       WHERE d."status" = 'pending' AND d."next_attempt_at" <= $1 AND (w."enabled" OR d."event" = ${TEST_EVENT_SQL})
       ORDER BY d."next_attempt_at", d."id"
       LIMIT $2
       FOR UPDATE OF d SKIP LOCKED
     )
     UPDATE "webhook_deliveries" d
     SET "attempts" = d."attempts" + 1, "last_attempt_at" = $1, "next_attempt_at" = $1::timestamptz + make_interval(secs => $3::double precision / 1000)
     FROM due, "webhooks" w
     WHERE d."id" = due."id" AND w."id" = d."webhook_id"
     RETURNING d."id"::text AS id, d."event", d."payload", d."attempts", w."id" AS webhook_id, w."url", w."format", w."secret_enc"`,
    [now, limit, leaseMs],
  );
  return r.rows;
}

interface AttemptOutcome {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

async function send(d: Claimed, o: Required<Pick<DispatchOptions, 'timeoutMs'>> & DispatchOptions): Promise<AttemptOutcome> {
  const t0 = performance.now();
  const done = (ok: boolean, httpStatus: number | null, error: string | null): AttemptOutcome => ({
    ok,
    httpStatus,
    error,
    durationMs: Math.round(performance.now() - t0),
  });
  let body: string;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'opsdeck-webhooks/1', 'x-opsdeck-event': d.event, 'x-opsdeck-delivery': d.id };
  try {
    body = renderBody(d.payload, d.format, o.baseUrl);
    if (d.secret_enc) headers[SIGNATURE_HEADER] = signBody(body, decryptSecret(d.secret_enc, o.encryptionKey));
  } catch (e) {
    return done(false, null, `cannot prepare the request: ${(e as Error).message}`);
  }
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    // undici's request() follows no redirects: a 3xx is an answer like any other.
    const res = await request(d.url, { method: 'POST', headers, body, signal, headersTimeout: o.timeoutMs, bodyTimeout: o.timeoutMs });
    await res.body.dump({ limit: 64 * 1024, signal }).catch(() => undefined);
    const s = res.statusCode;
    if (s >= 200 && s < 300) return done(true, s, null);
    return done(false, s, s >= 300 && s < 400 ? `HTTP ${s}: redirects are not followed` : `HTTP ${s}`);
  } catch (e) {
    const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
    const code = err.code ?? err.cause?.code;
    if (signal.aborted || (code && TIMEOUT_CODES.has(code))) return done(false, null, `timed out after ${o.timeoutMs} ms`);
    return done(false, null, [code, err.message].filter(Boolean).join(': ') || 'request failed');
  }
}

async function record(pool: pg.Pool, d: Claimed, out: AttemptOutcome, now: Date, backoffMs: number[]): Promise<'delivered' | 'retrying' | 'failed'> {
  const finished = new Date(now.getTime() + out.durationMs);
  let status: 'delivered' | 'pending' | 'failed';
  let next: Date | null;
  if (out.ok) {
    status = 'delivered';
    next = null;
  } else if (d.attempts > backoffMs.length) {
    status = 'failed';
    next = null;
  } else {
    status = 'pending';
    next = new Date(now.getTime() + backoffMs[d.attempts - 1]);
  }
  // Guarded by the attempt count: a stale worker whose lease ran out writes nothing.
  await pool.query(
    `WITH a AS (
       INSERT INTO "webhook_attempts" ("delivery_id", "at", "http_status", "error", "duration_ms")
       SELECT $1::bigint, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM "webhook_deliveries" WHERE "id" = $1::bigint AND "attempts" = $9)
     )
     UPDATE "webhook_deliveries"
     SET "status" = $6::"WebhookDeliveryStatus", "next_attempt_at" = $7, "last_http_status" = $3, "last_error" = $4,
         "delivered_at" = CASE WHEN $6 = 'delivered' THEN $8::timestamptz ELSE NULL END
     WHERE "id" = $1::bigint AND "attempts" = $9`,
    [d.id, now, out.httpStatus, out.error, out.durationMs, status, next, finished, d.attempts],
  );
  return status === 'pending' ? 'retrying' : status;
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let i = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]);
  });
  await Promise.all(workers);
}

function resolved(o: DispatchOptions) {
  return {
    ...o,
    now: o.now ?? (() => new Date()),
    backoffMs: o.backoffMs ?? DEFAULT_BACKOFF_MS,
    timeoutMs: o.timeoutMs ?? 5_000,
    batchSize: o.batchSize ?? 10,
    concurrency: o.concurrency ?? 4,
    leaseMs: o.leaseMs ?? 60_000,
    baseUrl: o.baseUrl ?? env().NEXTAUTH_URL,
  };
}

/** One round: claim up to batchSize due deliveries and send them, concurrency at a time. */
export async function dispatchOnce(pool: pg.Pool, options: DispatchOptions = {}): Promise<DispatchResult> {
  const o = resolved(options);
  const now = o.now();
  const batch = await claim(pool, now, o.batchSize, Math.max(o.leaseMs, o.timeoutMs * 2));
  const result: DispatchResult = { claimed: batch.length, delivered: 0, retrying: 0, failed: 0 };
  await mapLimit(batch, o.concurrency, async (d) => {
    const out = await send(d, o);
    const r = await record(pool, d, out, now, o.backoffMs);
    result[r]++;
    if (r === 'failed') logger.warn('webhook delivery failed for good', { deliveryId: d.id, webhookId: d.webhook_id, error: out.error ?? `HTTP ${out.httpStatus}` });
  });
  return result;
}

/**
 * Runs the dispatcher on a timer in this process (the poller's): every
 * intervalMs, and again at once while batches come back full.
 */
export function startWebhookDispatcher(pool: pg.Pool, options: DispatchOptions & { intervalMs?: number } = {}): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? 2_000;
  const batchSize = options.batchSize ?? 10;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const tick = async () => {
    let full = true;
    while (full && !stopped) {
      try {
        const r = await dispatchOnce(pool, options);
        full = r.claimed >= batchSize;
      } catch (e) {
        logger.warn('webhook dispatcher round failed', { error: (e as Error).message });
        full = false;
      }
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        schedule();
      });
    }, intervalMs);
    timer.unref?.();
  };
  schedule();
  logger.info('webhook dispatcher started', { intervalMs });
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
