/**
 * npm run bench:runbooks — checklist runs under load.
 *
 * Seeds services with a readiness and a health endpoint each (their latest
 * state written straight into the endpoints table, as the poller keeps it),
 * the built-in runbooks and open checklist runs bound to those services, a
 * fifth of them inside open incidents. Then measures:
 *  (a) one pass of the "checklist-verify" job (autoVerifyOpenRuns, every 5 s,
 *      at most 500 runs): the first pass, which ticks, then steady passes with
 *      nothing new to tick, then passes where every auto-verified step was
 *      reopened first (the worst case) — each against the 5 s interval;
 *  (b) changing a step (changeStep, what PATCH /api/v1/checklists/:id/steps/:key
 *      calls, including the run it answers with), one writer and then N writers
 *      on different steps of one run, and whether every change was kept;
 *  (c) reading a run (getRun, what GET /api/v1/checklists/:id and the run page
 *      call, live verification included).
 *
 * BENCH_SERVICES (200), BENCH_RUNS (500), BENCH_PASSES (20), BENCH_RETICK (2),
 * BENCH_ITERATIONS (40), BENCH_WRITERS (10), BENCH_WRITES (10 per writer).
 */
import fs from 'node:fs';
import pg from 'pg';
import type { Actor } from '../../lib/auth/actor';
import { benchDatabase, fmt, percentile } from './common';

process.env.AUTH_SECRET ??= 'bench-auth-secret-0123456789abcdef0123456789';
process.env.ENCRYPTION_KEY ??= '1f'.repeat(32);
process.env.LOG_LEVEL ??= 'warn';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 500);
const PASSES = Number(process.env.BENCH_PASSES ?? 20);
const RETICK = Number(process.env.BENCH_RETICK ?? 2);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 40);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 10);
const WRITES = Number(process.env.BENCH_WRITES ?? 10);
const JOB_INTERVAL_MS = 5_000;
const JOB_CAP = 500;

const ACTOR: Actor = { type: 'user', userId: '00000000-0000-4000-8000-00000000be4c', label: 'bench@opsdeck.test', role: 'commander' };

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 0.5), p95: percentile(s, 0.95), max: s[s.length - 1] ?? 0 };
}

// Counts the statements sent to PostgreSQL (Prisma's adapter goes through the same pg client).
let statements = 0;
const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const query = proto.query;
proto.query = function (this: unknown, ...args: unknown[]) {
  statements++;
  return query.apply(this, args);
};

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** Runs `jobs` with at most `width` in flight. */
async function inParallel<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

async function main() {
  const dbx = await benchDatabase('opsdeck_bench_runbooks');
  process.env.DATABASE_URL = dbx.url;
  const pool = new pg.Pool({ connectionString: dbx.url, max: 4 });
  const report: Record<string, unknown> = {};
  try {
    const { seedBuiltinRunbooks, loadBuiltins } = await import('../../lib/runbooks/builtin');
    const { startRun, changeStep, getRun, autoVerifyOpenRuns } = await import('../../lib/runbooks/runs');

    console.log(`seeding ${SERVICES} services × (readiness + health), the built-in runbooks, ${RUNS} open runs…`);
    const t0 = Date.now();
    await pool.query(
      `INSERT INTO services (id, name, environment, team, tags, updated_at)
       SELECT gen_random_uuid(), 'svc-' || lpad(i::text, 4, '0'), (ARRAY['production','staging'])[1 + i % 2], 'team-' || (i % 12), ARRAY['bench'], now()
       FROM generate_series(1, $1) i`,
      [SERVICES],
    );
    // Unchecked at first, so that starting the runs ticks nothing; their state is set below.
    await pool.query(
      `INSERT INTO endpoints (id, service_id, kind, url, interval_seconds, enabled, next_due_at, updated_at, status)
       SELECT gen_random_uuid(), s.id, k::"EndpointKind", 'http://127.0.0.1:9/' || k, 30, true, now() + interval '1 day', now(), 'unknown'
       FROM services s CROSS JOIN unnest(ARRAY['readiness', 'health']) k`,
    );
    const seeded = await seedBuiltinRunbooks();
    const defs = (await loadBuiltins()).flatMap((f) => (f.def ? [f.def] : []));
    // Scheduled runbooks outside an incident are one run per period: leave them to the scheduler.
    const plain = defs.filter((d) => !d.schedule);
    const services = (await pool.query<{ id: string }>('SELECT id::text FROM services ORDER BY name')).rows.map((r) => r.id);
    const incidents = Math.max(1, Math.round(RUNS / 25));
    await pool.query(
      `INSERT INTO incidents (id, number, title, severity, status, declared_at, declared_by, severity_set_at, updated_at)
       SELECT gen_random_uuid(), i, 'bench incident ' || i, (ARRAY['P1','P2','P3'])[1 + i % 3]::"IncidentSeverity", 'investigating', now() - interval '1 hour', 'bench', now() - interval '1 hour', now()
       FROM generate_series(1, $1) i`,
      [incidents],
    );
    const incidentIds = (await pool.query<{ id: string }>('SELECT id::text FROM incidents ORDER BY number')).rows.map((r) => r.id);
    await pool.query(
      `INSERT INTO incident_services (incident_id, service_id)
       SELECT i.id, s.id FROM incidents i JOIN LATERAL (SELECT id FROM services ORDER BY md5(i.id::text || id::text) LIMIT 1 + i.number % 3) s ON true`,
    );
    const inc = new Map<string, string[]>();
    for (const r of (await pool.query<{ incident_id: string; service_id: string }>('SELECT incident_id::text, service_id::text FROM incident_services')).rows) {
      inc.set(r.incident_id, [...(inc.get(r.incident_id) ?? []), r.service_id]);
    }
    const plan = Array.from({ length: RUNS }, (_, i) => {
      const def = plain[i % plain.length];
      if (i % 5 === 0) {
        const incidentId = incidentIds[(i / 5) % incidentIds.length];
        return { runbookId: def.slug, incidentId, serviceId: inc.get(incidentId)![0] };
      }
      return { runbookId: def.slug, serviceId: services[i % services.length] };
    });
    const runIds: string[] = [];
    await inParallel(plan, 4, async (p) => {
      runIds.push((await startRun(p, ACTOR, '127.0.0.1')).id);
    });
    // The latest state as the poller leaves it: most up, some down or degraded.
    await pool.query(
      `UPDATE endpoints SET last_checked_at = now(), status_changed_at = now() - interval '1 hour', last_http_status = 200, last_latency_ms = 20 + (random() * 80)::int,
         status = (CASE WHEN random() < 0.12 THEN 'down' WHEN random() < 0.06 THEN 'degraded' ELSE 'up' END)::"ProbeStatus"`,
    );
    await pool.query(`UPDATE endpoints SET last_error = 'HTTP 503', last_http_status = 503 WHERE status = 'down'`);
    await pool.query('ANALYZE');
    const verifySteps = (await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM checklist_step_states st JOIN checklist_runs r ON r.id = st.run_id JOIN runbook_versions v ON v.id = r.version_id
       WHERE st.state = 'pending' AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.definition -> 'steps') s WHERE s ->> 'key' = st.step_key AND s ->> 'type' = 'verify')`,
    )).rows[0].n;
    console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${seeded.created.length} runbooks (${plain.length} unscheduled used), ${runIds.length} runs (${incidents} incidents), ${verifySteps} pending verification steps`);

    // (a) the auto-verify job
    const fresh = () => pool.query('UPDATE endpoints SET last_checked_at = now()'); // the poller keeps results fresh
    await fresh();
    let mark = statements;
    const first = await timed(() => autoVerifyOpenRuns());
    const firstStatements = statements - mark;
    const steady: number[] = [];
    let steadyStatements = 0;
    for (let i = 0; i < PASSES; i++) {
      await fresh();
      mark = statements;
      const p = await timed(() => autoVerifyOpenRuns());
      steadyStatements = statements - mark;
      if (p.value.ticked) console.log(`  (steady pass ${i + 1} ticked ${p.value.ticked})`);
      steady.push(p.ms);
    }
    const retick: number[] = [];
    let reticked = 0;
    let retickStatements = 0;
    for (let i = 0; i < RETICK; i++) {
      await pool.query(`UPDATE checklist_step_states SET state = 'pending', evidence = NULL, by = NULL, by_id = NULL WHERE by = 'opsdeck (auto-verify)'`);
      await fresh();
      mark = statements;
      const p = await timed(() => autoVerifyOpenRuns());
      retickStatements = statements - mark;
      retick.push(p.ms);
      reticked = p.value.ticked;
    }
    const s = stats(steady);
    const r = stats(retick);
    report.autoVerify = { runs: first.value.runs, firstPass: { ms: first.ms, ticked: first.value.ticked, statements: firstStatements }, steady: { ...s, statements: steadyStatements }, retick: { ...r, ticked: reticked, statements: retickStatements }, intervalMs: JOB_INTERVAL_MS };
    console.log('\n== (a) Auto-verify job ("checklist-verify", every %d s, at most %d runs): %d open runs', JOB_INTERVAL_MS / 1000, JOB_CAP, first.value.runs);
    console.log('first pass            %s ms, ticked %d of %d pending verification steps → %s of the interval; %s statements (%s per tick)', fmt(first.ms, 0), first.value.ticked, verifySteps, fmt(first.ms / JOB_INTERVAL_MS, 2), firstStatements.toLocaleString('en-US'), fmt((firstStatements - steadyStatements) / Math.max(1, first.value.ticked), 1));
    console.log('steady (%d passes)    p50 %s ms · p95 %s ms · max %s ms → p95 is %s of the interval (%s ms, %s statements per run)', s.n, fmt(s.p50, 0), fmt(s.p95, 0), fmt(s.max, 0), fmt(s.p95 / JOB_INTERVAL_MS, 2), fmt(s.p50 / first.value.runs, 2), fmt(steadyStatements / first.value.runs, 1));
    console.log('all re-tick (%d)      %s ms, %d ticks each → max %s of the interval; %s statements', r.n, retick.map((x) => fmt(x, 0)).join(' · '), reticked, fmt(r.max / JOB_INTERVAL_MS, 2), retickStatements.toLocaleString('en-US'));

    // (b) changing steps. The runbook with the most steps a responder marks done without a decision.
    const eligible = (d: (typeof defs)[number]) => d.steps.filter((st) => st.type !== 'verify' && st.type !== 'decision' && !st.when).map((st) => st.key);
    const busiest = [...plain].sort((a, b) => eligible(b).length - eligible(a).length)[0];
    const keys = eligible(busiest);
    const seqRun = (await startRun({ runbookId: busiest.slug, serviceId: services[0], incidentId: incidentIds[0] }, ACTOR, null)).id;
    const seq: number[] = [];
    await changeStep(seqRun, keys[0], { state: 'done' }, ACTOR, null); // warm-up
    for (let i = 0; i < ITER; i++) {
      const key = keys[i % keys.length];
      const state = Math.floor(i / keys.length) % 2 === 0 ? 'done' : 'pending';
      seq.push((await timed(() => changeStep(seqRun, key, { state, note: `bench ${i}` }, ACTOR, null))).ms);
    }
    const q = stats(seq);

    const writers = Math.min(WRITERS, keys.length);
    const conRun = (await startRun({ runbookId: busiest.slug, serviceId: services[1], incidentId: incidentIds[0] }, ACTOR, null)).id;
    const countEvents = async () =>
      (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM checklist_run_events WHERE run_id = $1 AND step_key = ANY($2)`, [conRun, keys.slice(0, writers)])).rows[0].n;
    const before = await countEvents();
    const lat: number[] = [];
    const errors: string[] = [];
    const wall = await timed(() =>
      Promise.all(
        keys.slice(0, writers).map(async (key, w) => {
          for (let j = 0; j < WRITES; j++) {
            try {
              lat.push((await timed(() => changeStep(conRun, key, { state: j % 2 === 0 ? 'done' : 'pending', note: `writer ${w} change ${j}` }, { ...ACTOR, label: `writer-${w}@opsdeck.test` }, null))).ms);
            } catch (e) {
              errors.push((e as Error).message);
            }
          }
        }),
      ),
    );
    const c = stats(lat);
    const events = (await countEvents()) - before;
    const rows = (await pool.query<{ step_key: string; state: string; revision: number; note: string }>(`SELECT step_key, state::text, revision, note FROM checklist_step_states WHERE run_id = $1 AND step_key = ANY($2)`, [conRun, keys.slice(0, writers)])).rows;
    const lastState = WRITES % 2 === 1 ? 'done' : 'pending';
    const intact = rows.filter((x) => x.revision === WRITES && x.state === lastState && x.note === `writer ${keys.indexOf(x.step_key)} change ${WRITES - 1}`).length;
    const expected = writers * WRITES;
    const lost = expected - events;
    report.changeStep = { runbook: busiest.slug, sequential: q, concurrent: { writers, writes: WRITES, ...c, wallMs: wall.ms, perSecond: (expected / wall.ms) * 1000, events, expected, intact, errors: errors.length } };
    console.log('\n== (b) Change a step (changeStep = PATCH /api/v1/checklists/:id/steps/:key, answer included), runbook %s, inside an incident', busiest.slug);
    console.log('one writer            p50 %s ms · p95 %s ms (%d changes) → %s changes/s', fmt(q.p50), fmt(q.p95), q.n, fmt(1000 / q.p50, 0));
    console.log(
      '%d writers × %d        p50 %s ms · p95 %s ms · max %s ms; %s changes in %s s → %s changes/s (%s× one writer)',
      writers,
      WRITES,
      fmt(c.p50),
      fmt(c.p95),
      fmt(c.max),
      expected,
      fmt(wall.ms / 1000, 2),
      fmt((expected / wall.ms) * 1000, 0),
      fmt((expected / wall.ms) * 1000 / (1000 / q.p50), 2),
    );
    console.log('kept                  %d of %d changes in the history (%s lost), %d of %d steps at revision %d with their last writer\'s state and note, %d errors', events, expected, lost, intact, writers, WRITES, errors.length);
    if (errors.length) console.log('  first error: %s', errors[0]);

    // (c) reading a run
    const plainRun = runIds[1];
    const g1 = await timedN(ITER, () => getRun(plainRun));
    const g2 = await timedN(ITER, () => getRun(conRun));
    const h1 = (await getRun(plainRun)).history.length;
    const h2 = (await getRun(conRun)).history.length;
    report.getRun = { typical: { ...g1, history: h1 }, busy: { ...g2, history: h2 } };
    console.log('\n== (c) Read a run (getRun = GET /api/v1/checklists/:id and the run page, live verification included)');
    console.log('typical run           p50 %s ms · p95 %s ms (%d history entries)', fmt(g1.p50), fmt(g1.p95), h1);
    console.log('after the writers     p50 %s ms · p95 %s ms (%d history entries) → %s× the typical run', fmt(g2.p50), fmt(g2.p95), h2, fmt(g2.p50 / g1.p50, 2));

    fs.mkdirSync('bench-results', { recursive: true });
    fs.writeFileSync('bench-results/runbooks.json', JSON.stringify(report, null, 2));
  } finally {
    await pool.end();
    const { disconnectDb } = await import('../../lib/db/client');
    await disconnectDb();
    await dbx.drop();
  }
}

async function timedN(n: number, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push((await timed(fn)).ms);
  return stats(samples);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
