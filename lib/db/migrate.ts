/**
 * The project's migration runner: applies prisma/migrations/<name>/migration.sql
 * in folder-name order and records them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does, so either tool can take over from the other.
 *
 * - Same ledger table, same checksum (hex SHA-256 of the file; CRLF/LF variants
 *   accepted as Prisma does), same advisory lock key (72707369), so the two
 *   tools exclude each other.
 * - Each pending migration runs in its own transaction together with its ledger
 *   row: a failing migration leaves nothing of itself behind.
 * - Refuses to run (applies nothing) when an applied migration's file changed
 *   or when the ledger holds a failed migration.
 *
 * Migration authors: because each file runs inside a transaction, a migration
 * cannot use statements that refuse transactions (CREATE INDEX CONCURRENTLY,
 * VACUUM), and a value added with ALTER TYPE … ADD VALUE cannot be used in
 * the same file. Put such steps in a migration of their own / the next one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/** `prisma migrate` takes `pg_advisory_lock(72707369)`; using the same key makes the tools exclude each other. */
export const MIGRATION_LOCK_KEY = 72707369;
export const LEDGER_TABLE = '_prisma_migrations';

/** The ledger exactly as Prisma's schema engine creates it on PostgreSQL. */
const CREATE_LEDGER_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), 'prisma', 'migrations');
}

export interface MigrationFile {
  /** Folder name, e.g. 20261123000000_foundation. */
  name: string;
  sql: string;
  /** Hex SHA-256 of the migration.sql bytes, as Prisma records it. */
  checksum: string;
  /** Checksums of the CRLF→LF and LF→CRLF variants (Prisma accepts those too, git may rewrite line endings). */
  acceptedChecksums: string[];
}

export interface MigrateOptions {
  connectionString: string;
  migrationsDir?: string;
  log?: (line: string) => void;
  /** How long to wait for another migration run (ours or Prisma's) to release the lock. Default 60 s. */
  lockTimeoutMs?: number;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order. */
  applied: string[];
  /** Migrations that were already applied before this call (or by a concurrent run). */
  alreadyApplied: number;
  /** Non-fatal findings, e.g. applied migrations unknown to the migrations folder. */
  warnings: string[];
}

export interface MigrationStatus {
  /** Every migration in the folder is applied and nothing blocks migrating. */
  atHead: boolean;
  pending: string[];
  applied: string[];
  /** Why the database cannot be considered current (failed or changed migration, no ledger). */
  problem?: string;
  /** Applied migrations the folder does not know (the database is ahead of this build). Not a problem by itself. */
  unknown?: string[];
}

/** A migration run was refused or a migration failed; the message says which and why. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads prisma/migrations/<name>/migration.sql, sorted by folder name. Files and other entries are ignored. */
export async function readMigrations(migrationsDir: string = defaultMigrationsDir()): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(/*turbopackIgnore: true*/ migrationsDir, { withFileTypes: true });
  } catch (e) {
    throw new MigrationError(`cannot read the migrations folder ${migrationsDir}: ${(e as Error).message}`, undefined, { cause: e });
  }
  const names = entries
    .filter((e) => e.isDirectory() || e.isSymbolicLink())
    .map((e) => e.name)
    .filter((name) => !name.startsWith('.'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: MigrationFile[] = [];
  for (const name of names) {
    let bytes: Buffer;
    try {
      bytes = await readFile(/*turbopackIgnore: true*/ path.join(migrationsDir, name, 'migration.sql'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') continue; // a symlink to a file
      throw new MigrationError(`migration folder ${name} has no readable migration.sql (${code ?? (e as Error).message})`, name, { cause: e });
    }
    const sql = bytes.toString('utf8');
    const checksum = sha256(bytes);
    const acceptedChecksums = [checksum, sha256(sql.replace(/\r\n/g, '\n')), sha256(sql.replace(/\n/g, '\r\n'))];
    out.push({ name, sql, checksum, acceptedChecksums });
  }
  return out;
}

interface LedgerRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
}

interface LedgerAnalysis {
  appliedNames: Set<string>;
  /** Applied names in the order they were applied. */
  appliedOrder: string[];
  failed: LedgerRow[];
  changed: { name: string; recorded: string; file: string }[];
  unknown: string[];
  pending: MigrationFile[];
}

function analyse(files: MigrationFile[], rows: LedgerRow[]): LedgerAnalysis {
  const byName = new Map(files.map((f) => [f.name, f]));
  const appliedRows = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
  const appliedNames = new Set(appliedRows.map((r) => r.migration_name));
  const appliedOrder = [...new Set(appliedRows.map((r) => r.migration_name))];
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  const changed: LedgerAnalysis['changed'] = [];
  const seenChanged = new Set<string>();
  for (const r of appliedRows) {
    const f = byName.get(r.migration_name);
    if (!f || seenChanged.has(f.name)) continue;
    if (!f.acceptedChecksums.includes(r.checksum.toLowerCase())) {
      seenChanged.add(f.name);
      changed.push({ name: f.name, recorded: r.checksum, file: f.checksum });
    }
  }
  const unknown = appliedOrder.filter((n) => !byName.has(n));
  const pending = files.filter((f) => !appliedNames.has(f.name));
  return { appliedNames, appliedOrder, failed, changed, unknown, pending };
}

function short(checksum: string): string {
  return `${checksum.slice(0, 12)}…`;
}

function changedMessage(c: { name: string; recorded: string; file: string }): string {
  return `migration ${c.name} was changed after it was applied (checksum ${short(c.recorded)}≠${short(c.file)}); restore the file or create a new migration`;
}

function failedMessage(r: LedgerRow): string {
  const when = r.started_at instanceof Date ? r.started_at.toISOString() : String(r.started_at);
  const logs = r.logs ? `: ${r.logs.split('\n')[0]}` : '';
  return (
    `migration ${r.migration_name} is recorded as failed in ${LEDGER_TABLE} (started ${when}${logs}); ` +
    `repair the database by hand, then mark it rolled back (UPDATE "${LEDGER_TABLE}" SET rolled_back_at = now() ` +
    `WHERE migration_name = '${r.migration_name}' AND finished_at IS NULL, or \`prisma migrate resolve --rolled-back ${r.migration_name}\`) and migrate again`
  );
}

function unknownMessage(unknown: string[]): string {
  return `the database has ${unknown.length} applied migration(s) unknown to the migrations folder: ${unknown.join(', ')} (is this build older than the database?)`;
}

async function ledgerExists(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query<{ exists: boolean }>(`SELECT to_regclass('"${LEDGER_TABLE}"') IS NOT NULL AS exists`);
  return r.rows[0]?.exists === true;
}

async function readLedger(client: pg.ClientBase): Promise<LedgerRow[]> {
  const r = await client.query<LedgerRow>(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at, started_at, logs
       FROM "${LEDGER_TABLE}" ORDER BY started_at ASC, migration_name ASC`,
  );
  return r.rows;
}

function newClient(connectionString: string): pg.Client {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000, application_name: 'opsdeck-migrate' });
  // A connection dropped while idle must not crash the process; the next query reports it.
  client.on('error', () => undefined);
  return client;
}

/** host:port/database of a connection string, without credentials. */
function describeTarget(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(unparsable connection string)';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function acquireLock(client: pg.Client, timeoutMs: number, log: (l: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [MIGRATION_LOCK_KEY]);
    if (r.rows[0]?.ok) return;
    if (!announced) {
      log(`waiting for another migration run to finish (advisory lock ${MIGRATION_LOCK_KEY})…`);
      announced = true;
    }
    if (Date.now() > deadline) {
      throw new MigrationError(
        `timed out after ${timeoutMs} ms waiting for the migration lock (pg_advisory_lock(${MIGRATION_LOCK_KEY})): another migration run (this runner or prisma migrate) holds it`,
      );
    }
    await sleep(150);
  }
}

/** "… at line 12: CREATE TABLE …" from a Postgres error position (1-based character offset into the script). */
function locate(sql: string, position: string | undefined): string {
  const pos = Number(position);
  if (!Number.isFinite(pos) || pos < 1) return '';
  const before = sql.slice(0, pos - 1);
  const line = before.split('\n').length;
  const text = (sql.split('\n')[line - 1] ?? '').trim();
  return ` (line ${line}${text ? `: ${text.length > 120 ? `${text.slice(0, 117)}…` : text}` : ''})`;
}

function describePgError(e: unknown, sql: string): string {
  const err = e as pg.DatabaseError;
  let msg = err?.message ?? String(e);
  if (err && typeof err === 'object' && 'code' in err && err.code) msg += ` [SQLSTATE ${err.code}]`;
  msg += locate(sql, err?.position);
  if (err?.detail) msg += `; detail: ${err.detail}`;
  if (err?.hint) msg += `; hint: ${err.hint}`;
  if (err?.where) msg += `; where: ${err.where.split('\n')[0]}`;
  return msg;
}

/**
 * Applies every pending migration. Throws a MigrationError (and applies nothing
 * more) when a migration fails, was changed after being applied, or when the
 * ledger records a failed migration.
 */
export async function migrate(opts: MigrateOptions): Promise<MigrateResult> {
  const log = opts.log ?? (() => undefined);
  const files = await readMigrations(opts.migrationsDir ?? defaultMigrationsDir());
  const client = newClient(opts.connectionString);
  try {
    await client.connect();
  } catch (e) {
    throw new MigrationError(`cannot connect to the database ${describeTarget(opts.connectionString)}: ${(e as Error).message}`, undefined, { cause: e });
  }
  client.on('notice', (n) => {
    // "relation … already exists, skipping" and friends: worth seeing, not fatal.
    if (n.severity !== 'DEBUG' && n.severity !== 'LOG') log(`${n.severity ?? 'NOTICE'}: ${n.message}`);
  });
  let locked = false;
  try {
    await acquireLock(client, opts.lockTimeoutMs ?? 60_000, log);
    locked = true;
    if (!(await ledgerExists(client))) await client.query(CREATE_LEDGER_SQL);

    // Read the ledger only under the lock: a concurrent run may just have applied everything.
    const a = analyse(files, await readLedger(client));
    const refusals = [...a.failed.map(failedMessage), ...a.changed.map(changedMessage)];
    if (refusals.length > 0) {
      const first = a.failed[0]?.migration_name ?? a.changed[0]?.name;
      throw new MigrationError(`${refusals.join('\n')}\nNo migration was applied.`, first);
    }
    const warnings: string[] = [];
    if (a.unknown.length > 0) {
      warnings.push(unknownMessage(a.unknown));
      log(`warning: ${warnings[0]}`);
    }

    const applied: string[] = [];
    let alreadyApplied = files.length - a.pending.length;
    for (const m of a.pending) {
      const t0 = Date.now();
      log(`applying ${m.name}`);
      await client.query('BEGIN');
      try {
        // Re-checked inside the transaction: on servers where the advisory lock
        // does not exclude other sessions (PGlite serves every connection from
        // one backend) a concurrent run may have applied it meanwhile.
        const done = await client.query(
          `SELECT 1 FROM "${LEDGER_TABLE}" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          [m.name],
        );
        if (done.rowCount) {
          await client.query('ROLLBACK');
          alreadyApplied++;
          log(`${m.name} was applied meanwhile by another run`);
          continue;
        }
        // Simple-query protocol (no parameters): the file may hold many statements.
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "${LEDGER_TABLE}" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(
          `migration ${m.name} failed and was rolled back (nothing of it was applied${applied.length ? `; applied before it in this run: ${applied.join(', ')}` : ''}): ${describePgError(e, m.sql)}`,
          m.name,
          { cause: e },
        );
      }
      applied.push(m.name);
      log(`applied ${m.name} in ${Date.now() - t0} ms`);
    }
    return { applied, alreadyApplied, warnings };
  } finally {
    if (locked) await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/**
 * Cheap read-only check for readiness probes: one connection, one or two
 * queries, no lock. Does not throw when the ledger is missing (then
 * `atHead: false, problem: "no migrations applied"`); throws only when the
 * database cannot be reached or queried.
 */
export async function migrationStatus(opts: { connectionString: string; migrationsDir?: string; pool?: pg.Pool }): Promise<MigrationStatus> {
  const files = await readMigrations(opts.migrationsDir ?? defaultMigrationsDir());
  // The app passes its pool: no new connection per readiness probe (and, on the
  // embedded database, no second connection at all).
  const pooled = opts.pool ? await opts.pool.connect() : null;
  const client = pooled ?? newClient(opts.connectionString);
  if (!pooled) await client.connect();
  try {
    if (!(await ledgerExists(client))) {
      return { atHead: false, pending: files.map((f) => f.name), applied: [], problem: 'no migrations applied' };
    }
    const a = analyse(files, await readLedger(client));
    const applied = a.appliedOrder;
    const pending = a.pending.map((f) => f.name);
    let problem: string | undefined;
    if (a.failed.length > 0) problem = failedMessage(a.failed[0]);
    else if (a.changed.length > 0) problem = changedMessage(a.changed[0]);
    else if (applied.length === 0) problem = 'no migrations applied';
    const status: MigrationStatus = { atHead: pending.length === 0 && !problem, pending, applied };
    if (problem) status.problem = problem;
    if (a.unknown.length > 0) status.unknown = a.unknown;
    return status;
  } finally {
    if (pooled) pooled.release();
    else await (client as pg.Client).end().catch(() => undefined);
  }
}
