/**
 * Scratch: the poller's SQL alone (claim + write batch), no HTTP. Measures
 * wall time per statement on one connection against a 100k-endpoint table.
 */
import pg from 'pg';
import { claimDue } from '../../lib/scheduler/claim';
import { writeBatch, type CompletedProbe } from '../../lib/scheduler/writer';
import { addEndpoints, benchDatabase, fmt } from './common';

const sqlTimes = new Map<string, { n: number; ms: number }>();
let explain = false;
const origQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
  const key = text.trim().replace(/\s+/g, ' ').slice(0, 40);
  const t0 = performance.now();
  const done = () => {
    const e = sqlTimes.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += performance.now() - t0;
    sqlTimes.set(key, e);
  };
  if (explain && typeof args[0] === 'string' && /^\s*(WITH|UPDATE|INSERT)/.test(args[0])) {
    args[0] = `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ${args[0]}`;
    const print = (res: { rows: { 'QUERY PLAN': string }[] }) => console.log(res.rows.map((x) => x['QUERY PLAN']).join('\n') + '\n');
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last] as (...a: unknown[]) => void;
      args[last] = (err: unknown, res: { rows: { 'QUERY PLAN': string }[] }) => {
        if (res) print(res);
        cb(err, { rows: [] });
      };
      return origQuery.apply(this, args);
    }
    const r = origQuery.apply(this, args) as Promise<{ rows: { 'QUERY PLAN': string }[] }>;
    void r.then(print);
    return r;
  }
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

const ROUNDS = Number(process.env.ROUNDS ?? 30);
const BATCH = 2000;

const summaries: Record<string, unknown> = {
  health: { format: 'checks', components: [{ name: 'database', status: 'up', raw: 'healthy' }, { name: 'cache', status: 'up', raw: 'healthy' }] },
  readiness: { format: 'status' },
  liveness: { format: 'text' },
  migration: { format: 'json', migration: { current: '20250301_add_orders_index', head: '20250301_add_orders_index', pending: 0, atHead: true } },
  metrics: { format: 'prometheus', kpis: { memory: 50, disk: 60, requestRate: 50.1, errorRate: 1, p95LatencyMs: 210.5, cpu: 20.1 } },
  telemetry: { format: 'json', kpis: {}, note: 'no telemetry paths configured' },
};

async function main() {
  const db = await benchDatabase('opsdeck_sql_scratch');
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const urls = ['http://127.0.0.1:1', 'http://127.0.0.1:2', 'http://127.0.0.1:3', 'http://127.0.0.1:4'];
  try {
    await addEndpoints(pool, urls, 100_000, 5, 0.001, 1_000_000);
    await new Promise((r) => setTimeout(r, 2100));
    const times = new Map<string, number>();
    const add = (k: string, ms: number) => times.set(k, (times.get(k) ?? 0) + ms);
    let rows = 0;
    for (let round = 0; round < ROUNDS; round++) {
      explain = process.env.EXPLAIN === 'claim' && round === ROUNDS - 1;
      let t = performance.now();
      const claimed = await claimDue(pool, 'w1', { lookaheadSeconds: 1, limit: BATCH });
      add('claim', performance.now() - t);
      const now = new Date();
      const batch: CompletedProbe[] = claimed.map((ep) => ({
        endpointId: ep.id,
        serviceId: ep.serviceId,
        kind: ep.kind,
        at: now,
        status: 'up',
        httpStatus: 200,
        latencyMs: 3,
        error: null,
        summary: summaries[ep.kind] as CompletedProbe['summary'],
        state: { status: 'up', consecutiveFailures: 0, failingSince: null, statusChangedAt: ep.state.statusChangedAt ?? now },
        nextDueAt: new Date(now.getTime() + Math.floor(Math.random() * 5000)),
        metricsSnapshot: ep.kind === 'metrics' ? { v: 1, at: now.getTime(), requests: { family: 'http_requests_total', total: 100000 + round, errors5xx: 1000 }, latency: { family: 'http_request_duration_seconds', unit: 's', buckets: { '0.05': 1, '0.1': 2, '0.25': 3, '0.5': 4, '1': 5, '2.5': 6, '5': 7, '10': 8, '+Inf': 9 } }, processCpuSeconds: 120, processStartTime: 1700000000 } : undefined,
        alerts: [],
      }));
      t = performance.now();
      explain = process.env.EXPLAIN === 'write' && round === ROUNDS - 1;
      await writeBatch(pool, 'w1', batch);
      add('write', performance.now() - t);
      rows += batch.length;
      explain = false;
    }
    for (const [k, v] of times) console.log('%s  %s ms total, %s µs/row', k.padEnd(8), fmt(v, 0), fmt((v * 1000) / rows, 1));
    for (const [k, v] of sqlTimes) console.log('%s ms  n=%d  %s µs/row  %s', fmt(v.ms, 0).padStart(7), v.n, fmt((v.ms * 1000) / rows, 1).padStart(6), k);
    const st = await pool.query(`SELECT relname, n_tup_upd, n_tup_hot_upd, pg_relation_size(relid) AS bytes FROM pg_stat_user_tables WHERE relname IN ('endpoints','probe_results')`);
    console.log(st.rows);
  } finally {
    await pool.end();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
