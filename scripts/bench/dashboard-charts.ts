import type pg from 'pg';
import { loadCharts } from '../../lib/charts/query';
import { CHART_RANGES, type ChartRange } from '../../lib/charts/types';
import { fmt } from './common';

type Timer = (n: number, fn: () => Promise<unknown>) => Promise<{ p50: number; p95: number; max: number }>;

const RANGE_SECONDS: Record<ChartRange, number> = { '1h': 3600, '24h': 86_400, '7d': 7 * 86_400, '30d': 30 * 86_400 };

// The chart series straight from raw results: what the rollups save us.
const FROM_RAW = `
SELECT date_trunc($4, at) AS bucket, count(*) AS count, count(*) FILTER (WHERE status = 'down') AS failures,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
       avg((summary -> 'kpis' ->> 'errorRate')::float8) AS error_rate
FROM probe_results WHERE service_id = $1 AND at >= $2 AND at < $3
GROUP BY 1 ORDER BY 1`;

/** Chart API per range on random services, and the same series computed from raw results. */
export async function benchCharts(pool: pg.Pool, iterations: number, timeIt: Timer, rawHours: number) {
  const ids = (await pool.query<{ id: string }>('SELECT id FROM services ORDER BY random() LIMIT 50')).rows.map((r) => r.id);
  let k = 0;
  const next = () => ids[k++ % ids.length];
  const out: Record<string, unknown> = {};
  console.log('\n== Service page chart API (one service = 4 endpoints)');
  for (const range of CHART_RANGES) {
    const api = await timeIt(iterations, async () => JSON.stringify(await loadCharts(next(), range, { pool })));
    const seconds = Math.min(RANGE_SECONDS[range], rawHours * 3600);
    const raw = await timeIt(Math.max(3, Math.floor(iterations / 4)), () =>
      pool.query(FROM_RAW, [next(), new Date(Date.now() - seconds * 1000), new Date(), range === '1h' || range === '24h' ? 'minute' : 'hour']),
    );
    const partial = seconds < RANGE_SECONDS[range];
    out[range] = { ...api, fromRaw: raw, ratio: raw.p50 / api.p50, rawCoversSeconds: seconds };
    console.log(
      '%s  rollups p50 %s ms · p95 %s ms (goal p95 < 150 ms) | raw p50 %s ms → %s× slower%s',
      range.padEnd(4),
      fmt(api.p50),
      fmt(api.p95),
      fmt(raw.p50),
      fmt(raw.p50 / api.p50),
      partial ? ` (raw covers only the last ${rawHours} h)` : '',
    );
  }
  return out;
}
