/**
 * npm run bench:poller — the probe engine against fake targets on loopback.
 *
 * 1. Sustained: 5,000 endpoints at a 15 s interval (333 probes/s). Reports
 *    probes/s, scheduling lag p50/p99 (actual start − due time), results
 *    persisted vs probes executed, and the poller's CPU and RSS.
 * 2. Flat out: 100,000 endpoints at the 5 s minimum (20,000/s asked, more
 *    than it can do), to find what one poller process can do.
 * 3. Raw: a plain keep-alive load loop against the same targets, same
 *    concurrency, for the ratio flat-out / raw.
 * Goals (2-core machine): lag p99 < 1 s with every result persisted; flat out ≥ 50 % of raw.
 */
import fs from 'node:fs';
import pg from 'pg';
import { Agent, request } from 'undici';
import { Poller } from '../../lib/scheduler/poller';
import { addEndpoints, benchDatabase, fmt, PATHS, sleep, spawnFakeTargets } from './common';

process.env.AUTH_SECRET ??= 'bench-auth-secret-0123456789abcdef0123456789';
process.env.ENCRYPTION_KEY ??= '1f'.repeat(32);
process.env.LOG_LEVEL ??= 'warn';

const SUSTAINED_ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 5_000);
const INTERVAL = 15;
const MEASURE_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const FLAT_ENDPOINTS = Number(process.env.BENCH_FLAT_ENDPOINTS ?? 100_000);
const FLAT_SECONDS = 15;
const CONCURRENCY = 200;
function usage() {
  return { cpu: process.cpuUsage(), at: process.hrtime.bigint() };
}
function cpuPercent(from: ReturnType<typeof usage>, to: ReturnType<typeof usage>) {
  const cpuUs = to.cpu.user - from.cpu.user + (to.cpu.system - from.cpu.system);
  const wallUs = Number(to.at - from.at) / 1000;
  return (cpuUs / wallUs) * 100;
}

async function rawRate(urls: string[], seconds: number) {
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000, pipelining: 1 });
  let n = 0;
  let errors = 0;
  const stopAt = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      let i = w;
      while (Date.now() < stopAt) {
        const p = PATHS[i % PATHS.length];
        try {
          const res = await request(`${urls[i % urls.length]}${p}?e=${i}`, { dispatcher: agent });
          await res.body.text();
          n++;
        } catch {
          errors++;
        }
        i += CONCURRENCY;
      }
    }),
  );
  await agent.close();
  return { perSecond: n / seconds, errors };
}

async function main() {
  const db = await benchDatabase('opsdeck_bench_poller');
  const targets = await spawnFakeTargets(4);
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  const report: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
  try {
    // --- 1. sustained -------------------------------------------------------
    await addEndpoints(pool, targets.urls, SUSTAINED_ENDPOINTS, INTERVAL, INTERVAL);
    const poller = new Poller({ pool, concurrency: CONCURRENCY });
    const t0 = Date.now();
    poller.start();
    // One full interval to warm up (connections, JIT), then measure.
    await sleep((2 + INTERVAL) * 1000);
    const warmProbes = poller.stats().probes;
    poller.resetStats();
    const u0 = usage();
    const measureStart = new Date();
    await sleep(MEASURE_SECONDS * 1000);
    const u1 = usage();
    const s = poller.stats();
    const probes = s.probes - warmProbes;
    await poller.flush();
    const rss = process.memoryUsage().rss;
    await poller.stop();
    const persistedAll = Number((await pool.query('SELECT count(*) AS n FROM probe_results')).rows[0].n);
    const sustained = {
      endpoints: SUSTAINED_ENDPOINTS,
      intervalSeconds: INTERVAL,
      targetRate: SUSTAINED_ENDPOINTS / INTERVAL,
      measuredSeconds: MEASURE_SECONDS,
      probesPerSecond: probes / MEASURE_SECONDS,
      lagMs: s.lagMs,
      probesExecuted: poller.stats().probes,
      resultsPersisted: persistedAll,
      dropped: s.dropped,
      cpuPercent: cpuPercent(u0, u1),
      rssMiB: rss / 2 ** 20,
      runSeconds: (Date.now() - t0) / 1000,
      measureStart,
    };
    report.sustained = sustained;
    console.log('\n== Sustained: %d endpoints every %d s (%s probes/s asked)', SUSTAINED_ENDPOINTS, INTERVAL, fmt(sustained.targetRate));
    console.log('probes/s achieved     %s', fmt(sustained.probesPerSecond));
    console.log('scheduling lag        p50 %s ms · p99 %s ms · max %s ms (%d samples)', fmt(s.lagMs.p50), fmt(s.lagMs.p99), fmt(s.lagMs.max), s.lagMs.samples);
    console.log('persisted / executed  %d / %d (%s %%), dropped %d', persistedAll, sustained.probesExecuted, fmt((persistedAll / sustained.probesExecuted) * 100), s.dropped);
    console.log('poller CPU / RSS      %s %% of one core · %s MiB', fmt(sustained.cpuPercent), fmt(sustained.rssMiB));

    // --- 2. flat out -------------------------------------------------------
    await pool.query('TRUNCATE probe_results');
    await pool.query('DELETE FROM services');
    await addEndpoints(pool, targets.urls, FLAT_ENDPOINTS, 5, 0.001, 1_000_000);
    const flat = new Poller({ pool, concurrency: CONCURRENCY });
    flat.start();
    await sleep(5_000);
    const f0 = flat.stats().probes;
    const fu0 = usage();
    await sleep(FLAT_SECONDS * 1000);
    const fu1 = usage();
    const flatRate = (flat.stats().probes - f0) / FLAT_SECONDS;
    await flat.stop();
    const flatPersisted = Number((await pool.query('SELECT count(*) AS n FROM probe_results')).rows[0].n);
    report.flatOut = { endpoints: FLAT_ENDPOINTS, probesPerSecond: flatRate, cpuPercent: cpuPercent(fu0, fu1), probesExecuted: flat.stats().probes, resultsPersisted: flatPersisted };
    console.log('\n== Flat out: %d endpoints at the 5 s minimum (%s probes/s asked)', FLAT_ENDPOINTS, fmt(FLAT_ENDPOINTS / 5));
    console.log('probes/s achieved     %s (CPU %s %%), persisted %d of %d', fmt(flatRate), fmt(cpuPercent(fu0, fu1)), flatPersisted, flat.stats().probes);

    // --- 3. raw ------------------------------------------------------------
    const raw = await rawRate(targets.urls, 10);
    report.raw = raw;
    report.ratio = flatRate / raw.perSecond;
    console.log('\n== Raw keep-alive load loop, same targets, %d in flight', CONCURRENCY);
    console.log('requests/s            %s (errors %d)', fmt(raw.perSecond), raw.errors);
    console.log('\nflat-out poller / raw = %s (goal ≥ 0.50)', fmt(flatRate / raw.perSecond, 2));
    console.log('sustained lag p99 %s ms (goal < 1000) · every result persisted: %s', fmt(s.lagMs.p99), persistedAll === sustained.probesExecuted ? 'yes' : 'NO');
    fs.mkdirSync('bench-results', { recursive: true });
    fs.writeFileSync('bench-results/poller.json', JSON.stringify(report, null, 2));
  } finally {
    await pool.end();
    await targets.stop();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
