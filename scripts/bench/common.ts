import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { migrate } from '../../lib/db/migrate';

/** A throwaway database on the local server of DATABASE_URL (default 127.0.0.1:5432). */
export async function benchDatabase(prefix: string) {
  const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(server.hostname)) throw new Error('benchmarks run against a local PostgreSQL only');
  const name = `${prefix}_${Date.now()}_${randomBytes(2).toString('hex')}`;
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const url = new URL(server);
  url.pathname = `/${name}`;
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  await migrate({ connectionString: url.toString(), migrationsDir: path.join(process.cwd(), 'prisma', 'migrations') });
  return {
    url: url.toString(),
    async drop() {
      const d = new pg.Client({ connectionString: admin.toString() });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    },
  };
}

/** Starts fake targets in a child process and returns their URLs. */
export async function spawnFakeTargets(count: number): Promise<{ urls: string[]; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/fake-targets.ts', String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = readline.createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake targets exited (${code})`)));
  });
  const { urls } = JSON.parse(line) as { urls: string[] };
  return {
    urls,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Runs `fn` once to warm up (plans, caches, JIT), then `n` times; the latency percentiles in ms. */
export async function timeIt(n: number, fn: () => Promise<unknown>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: samples[samples.length - 1] };
}

export const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The benchmark's mix of endpoint kinds and fake-target paths. */
export const PATHS = ['/health', '/health', '/health/ietf', '/health/spring', '/ready', '/live', '/migration', '/metrics', '/telemetry', '/health/aspnet'];
const KIND: Record<string, string> = { '/ready': 'readiness', '/live': 'liveness', '/migration': 'migration', '/metrics': 'metrics', '/telemetry': 'telemetry' };

/** Adds `count` endpoints of one new service, due from 2 s on, spread over `spreadSeconds`. */
export async function addEndpoints(pool: pg.Pool, urls: string[], count: number, interval: number, spreadSeconds: number, offset = 0) {
  const svc = await pool.query<{ id: string }>(
    `INSERT INTO services (id, name, environment, updated_at) VALUES (gen_random_uuid(), $1, 'bench', now()) RETURNING id`,
    [`bench-${offset}`],
  );
  const kinds: string[] = [];
  const targets: string[] = [];
  const due: number[] = [];
  for (let i = 0; i < count; i++) {
    const p = PATHS[(i + offset) % PATHS.length];
    kinds.push(KIND[p.split('?')[0]] ?? 'health');
    targets.push(`${urls[(i + offset) % urls.length]}${p}?e=${i + offset}`);
    // Spread over the interval, as the catalog's jitter does for real endpoints.
    due.push(2 + (i / count) * spreadSeconds);
  }
  await pool.query(
    `INSERT INTO endpoints (id, service_id, kind, url, interval_seconds, timeout_ms, next_due_at, updated_at)
     SELECT gen_random_uuid(), $1, k::"EndpointKind", u, $2, 5000, now() + make_interval(secs => d), now()
     FROM unnest($3::text[], $4::text[], $5::float8[]) AS x(k, u, d)`,
    [svc.rows[0].id, interval, kinds, targets, due],
  );
}
