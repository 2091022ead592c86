import type pg from 'pg';

export type Resolution = 'minute' | 'hour';

const TABLE: Record<Resolution, string> = { minute: 'probe_rollups_minute', hour: 'probe_rollups_hour' };

// Aggregates raw results of [from, to) into buckets. KPI averages and maxima
// come from the numbers under summary.kpis, whatever their names (telemetry
// brings its own). Upserts, so re-running a window is harmless and late
// results (a worker that buffered through a database restart) are counted.
function rollupSql(res: Resolution) {
  return `
WITH raw AS (
  SELECT endpoint_id, service_id, date_trunc('${res}', at) AS bucket, status, latency_ms, summary
  FROM probe_results WHERE at >= $1 AND at < $2
),
base AS (
  SELECT endpoint_id, service_id, bucket,
         count(*)::int AS count,
         (count(*) FILTER (WHERE status = 'down'))::int AS failures,
         (count(*) FILTER (WHERE status = 'degraded'))::int AS degraded,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
         max(latency_ms)::float8 AS lmax
  FROM raw GROUP BY endpoint_id, service_id, bucket
),
kv AS (
  SELECT endpoint_id, bucket, k.key, avg(k.value::text::float8) AS a, max(k.value::text::float8) AS m
  FROM raw, jsonb_each(raw.summary -> 'kpis') AS k(key, value)
  WHERE jsonb_typeof(raw.summary -> 'kpis') = 'object' AND jsonb_typeof(k.value) = 'number'
  GROUP BY endpoint_id, bucket, k.key
),
kpis AS (
  SELECT endpoint_id, bucket, jsonb_object_agg(key, jsonb_build_object('avg', a, 'max', m)) AS kpis
  FROM kv GROUP BY endpoint_id, bucket
)
INSERT INTO ${TABLE[res]} (endpoint_id, service_id, bucket, count, failures, degraded, latency_p50, latency_p95, latency_max, kpis)
SELECT b.endpoint_id, b.service_id, b.bucket, b.count, b.failures, b.degraded, b.p50, b.p95, b.lmax, COALESCE(k.kpis, '{}'::jsonb)
FROM base b LEFT JOIN kpis k ON k.endpoint_id = b.endpoint_id AND k.bucket = b.bucket
ON CONFLICT (endpoint_id, bucket) DO UPDATE SET
  count = EXCLUDED.count, failures = EXCLUDED.failures, degraded = EXCLUDED.degraded,
  latency_p50 = EXCLUDED.latency_p50, latency_p95 = EXCLUDED.latency_p95, latency_max = EXCLUDED.latency_max,
  kpis = EXCLUDED.kpis`;
}

const STEP_MS: Record<Resolution, number> = { minute: 60_000, hour: 3_600_000 };
/** Recent buckets are recomputed on every run to take in late results. */
const RECOMPUTE: Record<Resolution, number> = { minute: 5, hour: 2 };
/** At most this much history per run, so a long catch-up never holds a huge transaction. */
const MAX_SPAN_MS: Record<Resolution, number> = { minute: 6 * 3_600_000, hour: 7 * 86_400_000 };

function floorTo(ms: number, step: number) {
  return Math.floor(ms / step) * step;
}

/**
 * Rolls up raw results from the stored watermark (or the oldest result) up
 * to the current bucket, included, so the charts show the bucket in progress.
 * Returns the window it covered.
 */
export async function runRollup(pool: pg.Pool, res: Resolution, now: Date = new Date()): Promise<{ from: Date; to: Date; rows: number } | null> {
  const step = STEP_MS[res];
  const wm = await pool.query<{ until: Date }>('SELECT until FROM rollup_watermarks WHERE name = $1', [res]);
  let fromMs: number;
  if (wm.rows[0]) {
    fromMs = Math.min(wm.rows[0].until.getTime(), floorTo(now.getTime(), step) - RECOMPUTE[res] * step);
  } else {
    const oldest = await pool.query<{ at: Date | null }>('SELECT min(at) AS at FROM probe_results');
    if (!oldest.rows[0].at) return null;
    fromMs = floorTo(oldest.rows[0].at.getTime(), step);
  }
  const toMs = Math.min(floorTo(now.getTime(), step) + step, fromMs + MAX_SPAN_MS[res]);
  const from = new Date(fromMs);
  const to = new Date(toMs);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const r = await client.query(rollupSql(res), [from, to]);
    // The watermark is the start of the bucket still open: it is recomputed next time.
    const doneUntil = new Date(Math.min(toMs, floorTo(now.getTime(), step)));
    await client.query(
      'INSERT INTO rollup_watermarks (name, until) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET until = EXCLUDED.until',
      [res, doneUntil],
    );
    await client.query('COMMIT');
    return { from, to, rows: r.rowCount ?? 0 };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export interface RetentionPolicy {
  rawDays: number;
  minuteRollupDays: number;
  hourRollupDays: number;
  /** Finished webhook deliveries (delivered or given up) and their attempts log. */
  webhookDeliveryDays: number;
}

/** Deletes expired rows in bounded chunks so that the big table is never locked for long. */
export async function runRetention(pool: pg.Pool, policy: RetentionPolicy, now: Date = new Date()) {
  const day = 86_400_000;
  const deleted = { raw: 0, minute: 0, hour: 0, alerts: 0, workers: 0, webhookDeliveries: 0 };
  const chunked = async (sql: string, cutoff: Date) => {
    let total = 0;
    for (;;) {
      const r = await pool.query(sql, [cutoff]);
      total += r.rowCount ?? 0;
      if ((r.rowCount ?? 0) < 10_000) return total;
    }
  };
  deleted.raw = await chunked(
    'DELETE FROM probe_results WHERE id IN (SELECT id FROM probe_results WHERE at < $1 LIMIT 10000)',
    new Date(now.getTime() - policy.rawDays * day),
  );
  deleted.minute = await chunked(
    'DELETE FROM probe_rollups_minute WHERE (endpoint_id, bucket) IN (SELECT endpoint_id, bucket FROM probe_rollups_minute WHERE bucket < $1 LIMIT 10000)',
    new Date(now.getTime() - policy.minuteRollupDays * day),
  );
  deleted.hour = await chunked(
    'DELETE FROM probe_rollups_hour WHERE (endpoint_id, bucket) IN (SELECT endpoint_id, bucket FROM probe_rollups_hour WHERE bucket < $1 LIMIT 10000)',
    new Date(now.getTime() - policy.hourRollupDays * day),
  );
  // Resolved alerts are history; they go with the rollups.
  deleted.alerts = (await pool.query('DELETE FROM alerts WHERE resolved_at < $1', [new Date(now.getTime() - policy.hourRollupDays * day)])).rowCount ?? 0;
  deleted.workers = (await pool.query("DELETE FROM poller_workers WHERE heartbeat_at < $1", [new Date(now.getTime() - day)])).rowCount ?? 0;
  // Pending deliveries are never removed (the dispatcher still owns them); attempts go by cascade.
  deleted.webhookDeliveries = await chunked(
    "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE status <> 'pending' AND created_at < $1 LIMIT 10000)",
    new Date(now.getTime() - policy.webhookDeliveryDays * day),
  );
  return deleted;
}
