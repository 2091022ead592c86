/**
 * npm run bench:dashboard — the on-call dashboard's queries on a large history.
 *
 * Seeds 500 services × 4 endpoints (30 s interval) with 30 days of hourly
 * rollups, per-minute rollups and raw results for the recent window, then
 * measures the dashboard API and the service-page chart API per range, and
 * the same answers computed from raw results, as a ratio.
 * Goals: dashboard p95 < 100 ms; chart API p95 < 150 ms.
 *
 * Then the dashboard page itself in Chromium (BENCH_SKIP_PAGE=1 skips it):
 * all rows on screen within 1 s after the data arrived.
 *
 * BENCH_SERVICES (500), BENCH_RAW_HOURS (25: raw results kept; the product
 * keeps 14 days, which is 80 M rows here — set 336 if you have the time and
 * disk), BENCH_MINUTE_HOURS (25), BENCH_ITERATIONS (40).
 */
import fs from 'node:fs';
import pg from 'pg';
import { benchDatabase, fmt, timeIt } from './common';
import { seedHistory, seedStatusChanges } from './seed-history';

process.env.AUTH_SECRET ??= 'bench-auth-secret-0123456789abcdef0123456789';
process.env.ENCRYPTION_KEY ??= '1f'.repeat(32);
process.env.LOG_LEVEL ??= 'warn';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 500);
const RAW_HOURS = Number(process.env.BENCH_RAW_HOURS ?? 25);
const MINUTE_HOURS = Number(process.env.BENCH_MINUTE_HOURS ?? 25);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 40);

// The dashboard's per-endpoint state as it would be computed without the
// endpoints' stored latest state: newest raw result of each endpoint.
const LATEST_FROM_RAW = `
SELECT DISTINCT ON (endpoint_id) endpoint_id, status, at, latency_ms, error, summary
FROM probe_results ORDER BY endpoint_id, at DESC`;

async function main() {
  const db = await benchDatabase('opsdeck_bench_dashboard');
  process.env.DATABASE_URL = db.url;
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  const report: Record<string, unknown> = {};
  try {
    console.log(`seeding ${SERVICES} services × 4 endpoints: 30 d hourly rollups, ${MINUTE_HOURS} h minute rollups, ${RAW_HOURS} h raw results…`);
    const t0 = Date.now();
    await seedHistory(pool, { services: SERVICES, endpointsPerService: 4, rollupDays: 30, minuteRollupHours: MINUTE_HOURS, rawHours: RAW_HOURS, intervalSeconds: 30 }, (s) => console.log('  ' + s));
    await seedStatusChanges(pool, 5_000);
    console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    const { loadDashboard } = await import('../../lib/dashboard/query');
    const dash = await timeIt(ITER, async () => JSON.stringify(await loadDashboard(new Date(), pool)));
    const size = JSON.stringify(await loadDashboard(new Date(), pool)).length;
    const raw = await timeIt(Math.max(3, Math.floor(ITER / 8)), () => pool.query(LATEST_FROM_RAW));
    report.dashboard = { ...dash, bytes: size, fromRaw: raw, ratio: raw.p50 / dash.p50 };
    console.log('\n== Dashboard API (%d services, %d endpoints)', SERVICES, SERVICES * 4);
    console.log('from stored state     p50 %s ms · p95 %s ms · %s kB (goal p95 < 100 ms)', fmt(dash.p50), fmt(dash.p95), fmt(size / 1024, 0));
    console.log('latest-from-raw only  p50 %s ms · p95 %s ms → %s× slower', fmt(raw.p50), fmt(raw.p95), fmt(raw.p50 / dash.p50));


    const { benchCharts } = await import('./dashboard-charts');
    report.charts = await benchCharts(pool, ITER, timeIt, RAW_HOURS);

    if (process.env.BENCH_SKIP_PAGE !== '1') {
      const { benchDashboardPage } = await import('./dashboard-page');
      report.page = await benchDashboardPage(db.url, SERVICES);
    }

    fs.mkdirSync('bench-results', { recursive: true });
    fs.writeFileSync('bench-results/dashboard.json', JSON.stringify(report, null, 2));
  } finally {
    await pool.end();
    const { disconnectDb } = await import('../../lib/db/client');
    await disconnectDb();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
