/**
 * `npm start`: the one command a newcomer runs. Loads .env, fills development
 * secrets, starts the embedded PostgreSQL when DATABASE_URL is unset, applies
 * migrations, creates the first admin, builds when the build is missing or
 * older than the sources, then serves the console (and, inside it, the poller).
 *
 *   --dev        next dev instead of a production build
 *   --no-build   never build (CI and Docker build separately)
 *   --port N     port to serve on (default PORT or 3000)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const root = process.cwd();
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dev = flag('--dev');
const dataDir = path.resolve(process.env.OPSDECK_DATA_DIR ?? path.join(root, 'data'));

function say(msg: string) {
  process.stdout.write(`[opsdeck] ${msg}\n`);
}
function fail(msg: string): never {
  process.stderr.write(`[opsdeck] ${msg}\n`);
  process.exit(1);
}

function run(cmd: string, cmdArgs: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) fail(`${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status})`);
}

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e === 'generated' || e.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'prisma/schema.prisma', 'public', 'types', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs'];
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

async function main() {
  try {
    process.loadEnvFile(path.join(root, '.env'));
  } catch {
    // No .env: the environment alone configures the console.
  }
  const { ensureSecrets } = await import('../lib/config/dev-secrets');
  try {
    const s = ensureSecrets(process.env, dataDir);
    if (s.generated.length) say(`generated development ${s.generated.join(', ')} in ${path.relative(root, s.file!)}`);
  } catch (e) {
    fail((e as Error).message);
  }

  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!process.env.DATABASE_URL) {
    const { startEmbeddedPostgres } = await import('../lib/db/embedded');
    const port = process.env.EMBEDDED_DB_PORT ? Number(process.env.EMBEDDED_DB_PORT) : 0;
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pglite'), port });
    process.env.DATABASE_URL = pg.url;
    // pglite-socket interleaves the extended-protocol messages of concurrent
    // connections outside transactions (a Bind can reach another connection's
    // statement), so the console talks to it through a single connection.
    process.env.DATABASE_POOL_MAX = '1';
    process.env.OPSDECK_EMBEDDED_DB = '1';
    stopEmbedded = pg.stop;
    say(`DATABASE_URL is not set: using the embedded PostgreSQL (PGlite) in ${path.relative(root, dataDir)}/pglite, ${pg.url}`);
  }
  if (!process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = `http://localhost:${option('--port') ?? process.env.PORT ?? 3000}`;
  if (option('--port')) process.env.PORT = option('--port');

  const { parseEnv, ConfigError } = await import('../lib/config/env');
  let config;
  try {
    config = parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }

  if (!fs.existsSync(path.join(root, 'lib', 'generated', 'prisma', 'client.ts'))) {
    say('generating the Prisma client');
    run('npm', ['run', '--silent', 'db:generate']);
  }

  const { migrate } = await import('../lib/db/migrate');
  const m = await migrate({ connectionString: config.DATABASE_URL, migrationsDir: path.join(root, 'prisma', 'migrations'), log: (l) => say(l) });
  say(m.applied.length ? `applied ${m.applied.length} migration(s): ${m.applied.join(', ')}` : `database schema is current (${m.alreadyApplied} migrations)`);

  // Built-in runbooks: created on first start, a new version when a file changed.
  const { seedBuiltinRunbooks } = await import('../lib/runbooks/builtin');
  const seeded = await seedBuiltinRunbooks();
  if (seeded.created.length || seeded.updated.length) say(`built-in runbooks: ${seeded.created.length} added, ${seeded.updated.length} updated, ${seeded.unchanged} unchanged`);
  for (const bad of seeded.invalid) say(`built-in runbook ${bad.file} skipped: ${bad.errors.join('; ')}`);

  const { ensureFirstAdmin } = await import('../lib/users/bootstrap');
  const { db, disconnectDb } = await import('../lib/db/client');
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    if ((await ensureFirstAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD)) === 'created') say(`created the first admin ${config.ADMIN_EMAIL}`);
  } else if ((await db.user.count()) === 0) {
    if (config.NODE_ENV === 'production') {
      say('no users yet: set ADMIN_EMAIL and ADMIN_PASSWORD, or run `npm run user:create`');
    } else {
      // A newcomer gets a working sign-in without reading docs; the password
      // goes to a private file, not to the log.
      const email = 'admin@opsdeck.local';
      const password = randomBytes(12).toString('base64url');
      await ensureFirstAdmin(email, password);
      const file = path.join(dataDir, 'initial-admin.txt');
      fs.writeFileSync(file, `email: ${email}\npassword: ${password}\n`, { mode: 0o600 });
      say(`created the first admin ${email}; its password is in ${path.relative(root, file)} (change it after signing in)`);
    }
  }
  await disconnectDb();

  if (!dev && !flag('--no-build')) {
    if (buildIsStale()) {
      say('building the console (first start or sources changed)…');
      const t0 = Date.now();
      run(bin('next'), ['build']);
      say(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }

  const port = String(config.PORT);
  const child = spawn(bin('next'), [dev ? 'dev' : 'start', '-p', port, '-H', config.HOST], { stdio: 'inherit', env: process.env });
  say(`serving on http://localhost:${port}`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  child.on('exit', async (code) => {
    await stopEmbedded?.().catch(() => undefined);
    process.exit(code ?? 0);
  });
}

main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
