/**
 * `npm run db:migrate`: applies pending migrations from prisma/migrations.
 *
 * DATABASE_URL (from the environment or .env) selects the server. Without it
 * the embedded database (PGlite in $OPSDECK_DATA_DIR/pglite, default
 * ./data/pglite) is used: the one `npm start` is serving if it runs, otherwise
 * it is started just for this run.
 */
import path from 'node:path';
import { migrate } from '../lib/db/migrate';
import { runningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgres } from '../lib/db/embedded';

const root = process.cwd();

function say(line: string) {
  process.stdout.write(`[db:migrate] ${line}\n`);
}

/** postgresql://user:secret@host/db → postgresql://user:***@host/db */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

async function main(): Promise<number> {
  try {
    process.loadEnvFile(path.join(root, '.env'));
  } catch {
    // No .env: the environment alone decides.
  }

  let url = process.env.DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  if (!url) {
    const dataDir = path.join(path.resolve(root, process.env.OPSDECK_DATA_DIR ?? 'data'), 'pglite');
    const running = runningEmbeddedPostgres(dataDir);
    if (running?.url) {
      url = running.url;
      say(`DATABASE_URL is not set: using the embedded database served by process ${running.pid} (${url})`);
    } else {
      const port = process.env.EMBEDDED_DB_PORT ? Number(process.env.EMBEDDED_DB_PORT) : 0;
      embedded = await startEmbeddedPostgres({ dataDir, port });
      url = embedded.url;
      const shown = dataDir.startsWith(root + path.sep) ? path.relative(root, dataDir) : dataDir;
      say(`DATABASE_URL is not set: started the embedded database in ${shown} for this run`);
    }
  } else {
    say(`migrating ${redact(url)}`);
  }

  try {
    const t0 = Date.now();
    const r = await migrate({ connectionString: url, migrationsDir: path.join(root, 'prisma', 'migrations'), log: say });
    if (r.applied.length > 0) {
      say(`applied ${r.applied.length} migration(s) in ${Date.now() - t0} ms: ${r.applied.join(', ')}`);
    } else {
      say(`nothing to apply: the database is current (${r.alreadyApplied} migration(s) applied)`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`[db:migrate] ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`[db:migrate] ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
