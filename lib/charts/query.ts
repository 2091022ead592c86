// The SQL behind the charts API: two statements per request, run side by side,
// both on the (service_id, bucket) indexes of the rollup tables.
//   1. the range's rollup rows: minute rollups for 1h and 24h, hour rollups for
//      7d and 30d (a month of minutes is never read);
//   2. one row: the service's thresholds, the deploys within the range, and
//      the uptime sums the first statement does not already cover — 24 h from
//      minute rollups, 7 d and 30 d from hour rollups (one scan for both).
// The rollup rows of one service lie one per heap page (the rollup job writes
// all endpoints of a bucket together), so page reads are the cost: the 24h
// range reuses its own rows for the 24 h uptime, the 30d range its rows for
// 7 d and 30 d, and no range reads the same rows twice.
// Raw probe_results are never read. Aggregation across endpoints happens in
// ./shape.ts, where it is unit-tested.
import type pg from 'pg';
import { pool as defaultPool } from '@/lib/db/client';
import { aggregateRollups, mergeThresholds, rangeWindow, sumRollups, uptimePercent, uptimeWindows, type RollupRow } from './shape';
import type { ChartRange, ChartsResponse, DeployMarker, Resolution } from './types';

const TABLE: Record<Resolution, string> = { minute: 'probe_rollups_minute', hour: 'probe_rollups_hour' };

// An empty kpis object (every endpoint but metrics and telemetry) comes back as
// NULL, so that the driver does not parse thousands of "{}".
const seriesSql = (res: Resolution) => `
SELECT bucket, count, failures, degraded, latency_p50, latency_p95,
       CASE WHEN kpis = '{}'::jsonb THEN NULL ELSE kpis END AS kpis
FROM ${TABLE[res]}
WHERE service_id = $1 AND bucket >= $2 AND bucket < $3`;

/** $1 service, $2..$3 deploy window, then the windows of the scans asked for. */
function summarySql(scan: { minute: boolean; hour: boolean }): string {
  let n = 3;
  const p = () => `$${++n}`;
  const minute = scan.minute
    ? `CROSS JOIN LATERAL (
  SELECT sum(count)::float8 AS n24, sum(failures)::float8 AS f24
  FROM probe_rollups_minute WHERE service_id = $1 AND bucket >= ${p()} AND bucket < ${p()}
) d`
    : `CROSS JOIN (SELECT NULL::float8 AS n24, NULL::float8 AS f24) d`;
  const hour = scan.hour
    ? `CROSS JOIN LATERAL (
  SELECT (sum(count) FILTER (WHERE bucket >= ${p()}))::float8 AS n7,
         (sum(failures) FILTER (WHERE bucket >= $${n}))::float8 AS f7,
         sum(count)::float8 AS n30, sum(failures)::float8 AS f30
  FROM probe_rollups_hour WHERE service_id = $1 AND bucket >= ${p()} AND bucket < ${p()}
) h`
    : `CROSS JOIN (SELECT NULL::float8 AS n7, NULL::float8 AS f7, NULL::float8 AS n30, NULL::float8 AS f30) h`;
  return `
SELECT s.thresholds, d.n24, d.f24, h.n7, h.f7, h.n30, h.f30, c.deploys
FROM services s
${minute}
${hour}
CROSS JOIN LATERAL (
  SELECT COALESCE(json_agg(json_build_object(
           'at', floor(extract(epoch FROM at) * 1000),
           'version', version, 'environment', environment, 'description', description, 'actor', actor
         ) ORDER BY at, id), '[]'::json) AS deploys
  FROM change_events WHERE service_id = $1 AND kind = 'deploy' AND at >= $2 AND at < $3
) c
WHERE s.id = $1`;
}

interface SeriesDbRow {
  bucket: Date;
  count: number;
  failures: number;
  degraded: number;
  latency_p50: number | null;
  latency_p95: number | null;
  kpis: unknown;
}

interface SummaryDbRow {
  thresholds: unknown;
  n24: number | null;
  f24: number | null;
  n7: number | null;
  f7: number | null;
  n30: number | null;
  f30: number | null;
  deploys: { at: number; version: string; environment: string; description: string | null; actor: string }[];
}

/**
 * Everything the service page's charts show for one range; null when the
 * service does not exist. `now` is a parameter so tests can pin the clock.
 */
export async function loadCharts(
  serviceId: string,
  range: ChartRange,
  opts: { now?: Date; pool?: pg.Pool } = {},
): Promise<ChartsResponse | null> {
  const db = opts.pool ?? defaultPool();
  const now = opts.now ?? new Date();
  const win = rangeWindow(range, now);
  const up = uptimeWindows(now);
  // The range's own rows already hold these uptime windows (same table, same bounds).
  const scan = { minute: range !== '24h', hour: range !== '30d' };
  const params: unknown[] = [serviceId, win.from, win.to];
  if (scan.minute) params.push(up['24h'].from, up['24h'].to);
  if (scan.hour) params.push(up['7d'].from, up['30d'].from, up['30d'].to);

  const [series, summary] = await Promise.all([
    db.query<SeriesDbRow>(seriesSql(win.resolution), [serviceId, win.from, win.to]),
    db.query<SummaryDbRow>(summarySql(scan), params),
  ]);
  const s = summary.rows[0];
  if (!s) return null;

  const rows: RollupRow[] = series.rows.map((r) => ({
    bucket: r.bucket,
    count: r.count,
    failures: r.failures,
    degraded: r.degraded,
    latencyP50: r.latency_p50,
    latencyP95: r.latency_p95,
    kpis: r.kpis,
  }));
  const fromRows = (w: keyof typeof up) => {
    const sum = sumRollups(rows, up[w].from, up[w].to);
    return uptimePercent(sum.count, sum.failures);
  };
  const deploys: DeployMarker[] = s.deploys.map((d) => ({
    at: new Date(Number(d.at)).toISOString(),
    version: d.version,
    environment: d.environment,
    description: d.description,
    actor: d.actor,
  }));

  return {
    range,
    resolution: win.resolution,
    from: win.from.toISOString(),
    to: win.to.toISOString(),
    points: aggregateRollups(rows),
    thresholds: mergeThresholds(s.thresholds),
    uptime: {
      '24h': scan.minute ? uptimePercent(s.n24, s.f24) : fromRows('24h'),
      '7d': scan.hour ? uptimePercent(s.n7, s.f7) : fromRows('7d'),
      '30d': scan.hour ? uptimePercent(s.n30, s.f30) : fromRows('30d'),
    },
    deploys,
  };
}
