/**
 * CPU profile of the poller's flat-out phase (the one bench:poller reports as
 * "flat out"): 100,000 endpoints at the 5 s minimum, 200 in flight, fake
 * targets in a child process.
 *
 *   npx tsx scripts/bench/profile-poller.ts
 *   PROFILE_SECONDS=10 PROFILE_WARMUP=5 PROFILE_TOP=30 npx tsx scripts/bench/profile-poller.ts
 *
 * Prints the probe rate, the CPU of the poller, the fake targets and every
 * PostgreSQL process over the profiled window, the time spent per SQL
 * statement, then the top self-time functions, inclusive time of the poller's
 * own functions, and self time by file / package. The raw profile is written
 * to bench-results/poller.cpuprofile (open it in Chrome DevTools).
 */
import fs from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import pg from 'pg';
import { Poller } from '../../lib/scheduler/poller';
import { addEndpoints, benchDatabase, fmt, sleep, spawnFakeTargets } from './common';
import { analyseProfile } from './cpuprofile';

process.env.AUTH_SECRET ??= 'bench-auth-secret-0123456789abcdef0123456789';
process.env.ENCRYPTION_KEY ??= '1f'.repeat(32);
process.env.LOG_LEVEL ??= 'warn';

const ENDPOINTS = Number(process.env.BENCH_FLAT_ENDPOINTS ?? 100_000);
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);
const WARMUP = Number(process.env.PROFILE_WARMUP ?? 5);
const TOP = Number(process.env.PROFILE_TOP ?? 30);
const CONCURRENCY = 200;
/** PROFILE=0: no CPU profile, only the rates and the CPU of each process (for A/B runs). */
const PROFILE = process.env.PROFILE !== '0';

// --- process CPU from /proc ---------------------------------------------------
const TICK_MS = 10; // CLK_TCK 100 on Linux

function procTicks(pid: number): { comm: string; ticks: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    // fields after "(comm) ": state=0 … utime=11, stime=12
    return { comm, ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function cmdline(pid: number) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** CPU ticks of every postgres process now, by pid (backends come and go, so per pid). */
function postgresTicks(): Map<number, { ticks: number; title: string }> {
  const out = new Map<number, { ticks: number; title: string }>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const pid = Number(d);
    const t = procTicks(pid);
    if (t && t.comm.startsWith('postgres')) out.set(pid, { ticks: t.ticks, title: cmdline(pid) });
  }
  return out;
}

// --- SQL timing: wall time per statement kind, measured at the client ----------
const sqlTimes = new Map<string, { n: number; ms: number }>();
const origQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
let timingOn = false;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  if (!timingOn) return origQuery.apply(this, args);
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
  const key = text.trim().replace(/\s+/g, ' ').slice(0, 48);
  const t0 = performance.now();
  const done = () => {
    const e = sqlTimes.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += performance.now() - t0;
    sqlTimes.set(key, e);
  };
  // pg.Pool#query calls client.query(text, values, callback).
  const last = args.length - 1;
  if (typeof args[last] === 'function') {
    const cb = args[last] as (...a: unknown[]) => void;
    args[last] = (...a: unknown[]) => {
      done();
      cb(...a);
    };
  }
  const r = origQuery.apply(this, args);
  if (r instanceof Promise) r.then(done, done);
  return r;
};

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
}

async function main() {
  const db = await benchDatabase('opsdeck_bench_profile');
  const targets = await spawnFakeTargets(4);
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  try {
    await addEndpoints(pool, targets.urls, ENDPOINTS, 5, 0.001, 1_000_000);
    const poller = new Poller({ pool, concurrency: CONCURRENCY });
    poller.start();
    await sleep(WARMUP * 1000);

    const session = new Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 500 });

    const p0 = poller.stats().probes;
    const pg0 = postgresTicks();
    const self0 = process.cpuUsage();
    const child0 = procTicks(targets.child.pid!)?.ticks ?? 0;
    const t0 = performance.now();
    timingOn = true;
    if (PROFILE) await post(session, 'Profiler.start');
    await sleep(SECONDS * 1000);
    const profile = PROFILE ? ((await post(session, 'Profiler.stop')) as { profile: Profiler.Profile }).profile : null;
    timingOn = false;
    const wallMs = performance.now() - t0;
    const self1 = process.cpuUsage(self0);
    const child1 = procTicks(targets.child.pid!)?.ticks ?? 0;
    const pg1 = postgresTicks();
    const probes = poller.stats().probes - p0;
    const stats = poller.stats();
    session.disconnect();
    await poller.stop();
    const tables = await pool.query(
      `SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup, autovacuum_count, autoanalyze_count
       FROM pg_stat_user_tables WHERE relname IN ('endpoints', 'probe_results', 'alerts') ORDER BY relname`,
    );

    fs.mkdirSync('bench-results', { recursive: true });
    if (profile) fs.writeFileSync('bench-results/poller.cpuprofile', JSON.stringify(profile));

    const pctOf = (ms: number) => `${fmt((ms / wallMs) * 100)} %`;
    console.log('\n== Flat out, profiled %s s: %s probes/s (%d endpoints, %d in flight)', fmt(wallMs / 1000), fmt(probes / (wallMs / 1000)), ENDPOINTS, CONCURRENCY);
    console.log('poller process CPU    %s of one core (user %s, system %s)', pctOf((self1.user + self1.system) / 1000), pctOf(self1.user / 1000), pctOf(self1.system / 1000));
    console.log('fake targets CPU      %s', pctOf((child1 - child0) * TICK_MS));
    let pgTotal = 0;
    const perBackend: { pid: number; ms: number; title: string }[] = [];
    for (const [pid, now] of pg1) {
      const ms = (now.ticks - (pg0.get(pid)?.ticks ?? 0)) * TICK_MS;
      pgTotal += ms;
      if (ms > 0) perBackend.push({ pid, ms, title: now.title });
    }
    console.log('postgres CPU (all)    %s', pctOf(pgTotal));
    const perProbe = (cpuMs: number) => `${fmt((cpuMs * 1000) / Math.max(1, probes), 0)} µs`;
    console.log(
      'CPU per probe         poller %s · postgres %s · fake targets %s',
      perProbe((self1.user + self1.system) / 1000),
      perProbe(pgTotal),
      perProbe((child1 - child0) * TICK_MS),
    );
    for (const b of perBackend.sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log('   %s  %d %s', pctOf(b.ms).padStart(8), b.pid, b.title.slice(0, 70));
    const load = fs.readFileSync('/proc/loadavg', 'utf8').trim();
    console.log('loadavg               %s · buffered %d · scheduled %d · in flight %d', load, stats.buffered, stats.scheduled, stats.inFlight);

    console.log('\n== Table activity since the database was created (whole run, not just the window)');
    for (const t of tables.rows) console.log('   %s', JSON.stringify(t));
    console.log('\n== SQL, client-side wall time in the window (summed over connections)');
    for (const [k, v] of [...sqlTimes.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log('%s ms  n=%s  avg %s ms  %s', fmt(v.ms, 0).padStart(8), String(v.n).padStart(5), fmt(v.ms / v.n, 2).padStart(7), k);
    }
    if (profile) analyseProfile(profile, TOP);
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
