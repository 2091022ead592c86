/**
 * The migration runner (lib/db/migrate.ts) against real, empty scratch
 * databases: Prisma-compatible ledger, idempotence, refusals, atomic failure,
 * mutual exclusion of concurrent runs, and migrationStatus.
 */
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MIGRATION_LOCK_KEY, MigrationError, migrate, migrationStatus, readMigrations } from '../../lib/db/migrate';
import { MIGRATIONS_DIR, createScratchDatabase, withClient, type ScratchDatabase } from './helpers/db';

let names: string[] = [];
const scratch: ScratchDatabase[] = [];
const tempDirs: string[] = [];

beforeAll(async () => {
  names = (await readMigrations(MIGRATIONS_DIR)).map((m) => m.name);
  expect(names.length).toBeGreaterThan(0);
});
afterAll(async () => {
  await Promise.all(scratch.map((d) => d.drop()));
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function emptyDb(): Promise<string> {
  const db = await createScratchDatabase();
  scratch.push(db);
  return db.url;
}

/** A copy of prisma/migrations plus extra migrations (folder name → SQL). */
async function migrationsWith(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsdeck-migrations-'));
  tempDirs.push(dir);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

interface Row {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}
const ledger = (url: string) =>
  withClient(url, async (c) => (await c.query<Row>('SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name')).rows);
const tableExists = (url: string, name: string) =>
  withClient(url, async (c) => (await c.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [`"${name}"`])).rows[0].ok);

describe('the run-wide test database (global setup)', () => {
  it('is in process.env.DATABASE_URL and inject("databaseUrl"), fully migrated', async () => {
    const url = process.env.DATABASE_URL!;
    expect(url).toMatch(/\/opsdeck_test_\d{13}_[0-9a-f]{8}$/);
    expect(inject('databaseUrl')).toBe(url);
    expect(await migrationStatus({ connectionString: url, migrationsDir: MIGRATIONS_DIR })).toEqual({ atHead: true, pending: [], applied: names });
  });
});

describe('migrate()', () => {
  it('applies every migration to an empty database and records them exactly as Prisma does', async () => {
    const url = await emptyDb();
    expect(await migrationStatus({ connectionString: url, migrationsDir: MIGRATIONS_DIR })).toEqual({
      atHead: false,
      pending: names,
      applied: [],
      problem: 'no migrations applied',
    });

    const lines: string[] = [];
    const r = await migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR, log: (l) => lines.push(l) });
    expect(r).toEqual({ applied: names, alreadyApplied: 0, warnings: [] });
    expect(lines).toContain(`applying ${names[0]}`);

    const rows = await ledger(url);
    expect(rows.map((x) => x.migration_name)).toEqual(names);
    for (const row of rows) {
      const bytes = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    // The ledger table itself, column for column as Prisma's schema engine creates it.
    const cols = await withClient(url, async (c) =>
      (
        await c.query(
          `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
             FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
        )
      ).rows,
    );
    expect(cols).toEqual([
      { column_name: 'id', data_type: 'character varying', len: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', len: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', len: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', len: null, is_nullable: 'NO', column_default: '0' },
    ]);
    const pk = await withClient(url, async (c) => (await c.query(`SELECT conname FROM pg_constraint WHERE conrelid = '_prisma_migrations'::regclass AND contype = 'p'`)).rows);
    expect(pk).toEqual([{ conname: '_prisma_migrations_pkey' }]);

    expect(await migrationStatus({ connectionString: url, migrationsDir: MIGRATIONS_DIR })).toEqual({ atHead: true, pending: [], applied: names });

    // Second run: nothing to do.
    expect(await migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR })).toEqual({ applied: [], alreadyApplied: names.length, warnings: [] });
    expect(await ledger(url)).toHaveLength(names.length);
  });

  it('refuses, applying nothing, when an applied migration was changed', async () => {
    const url = await emptyDb();
    const dir = await migrationsWith();
    await migrate({ connectionString: url, migrationsDir: dir });

    const first = path.join(dir, names[0], 'migration.sql');
    const original = await readFile(first);
    await appendFile(first, '\n-- edited after it was applied\n');
    await mkdir(path.join(dir, '29991231000000_after_edit'));
    await writeFile(path.join(dir, '29991231000000_after_edit', 'migration.sql'), 'CREATE TABLE after_edit (id int);');

    const err = await migrate({ connectionString: url, migrationsDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toMatch(
      new RegExp(`^migration ${names[0]} was changed after it was applied \\(checksum [0-9a-f]{12}…≠[0-9a-f]{12}…\\); restore the file or create a new migration`),
    );
    expect(await tableExists(url, 'after_edit')).toBe(false);
    expect(await ledger(url)).toHaveLength(names.length);

    const status = await migrationStatus({ connectionString: url, migrationsDir: dir });
    expect(status.atHead).toBe(false);
    expect(status.pending).toEqual(['29991231000000_after_edit']);
    expect(status.problem).toMatch(/was changed after it was applied/);

    // Line endings rewritten by git (LF → CRLF) do not count as a change, as with Prisma.
    await writeFile(first, original.toString('utf8').replace(/\n/g, '\r\n'));
    expect((await migrate({ connectionString: url, migrationsDir: dir })).applied).toEqual(['29991231000000_after_edit']);
  });

  it('rolls a failing migration back entirely and names it in the error', async () => {
    const url = await emptyDb();
    const broken = '29991231000000_broken';
    const dir = await migrationsWith({
      [broken]: `CREATE TABLE broken_first (id int);\nCREATE TYPE broken_kind AS ENUM ('a');\nINSERT INTO no_such_table VALUES (1);\n`,
    });

    const err = await migrate({ connectionString: url, migrationsDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).migration).toBe(broken);
    expect((err as Error).message).toContain(`migration ${broken} failed and was rolled back`);
    expect((err as Error).message).toContain('relation "no_such_table" does not exist');
    expect((err as Error).message).toContain('line 3: INSERT INTO no_such_table VALUES (1);');

    // The good migrations before it are in; nothing of the broken one is.
    expect((await ledger(url)).map((r) => r.migration_name)).toEqual(names);
    expect(await tableExists(url, 'broken_first')).toBe(false);
    const enumLeft = await withClient(url, async (c) => (await c.query(`SELECT 1 FROM pg_type WHERE typname = 'broken_kind'`)).rowCount);
    expect(enumLeft).toBe(0);
    expect(await migrationStatus({ connectionString: url, migrationsDir: dir })).toEqual({ atHead: false, pending: [broken], applied: names });

    // Fixed, it applies.
    await writeFile(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE broken_first (id int);');
    expect(await migrate({ connectionString: url, migrationsDir: dir })).toEqual({ applied: [broken], alreadyApplied: names.length, warnings: [] });
  });

  it('refuses while the ledger records a failed migration (e.g. one prisma migrate deploy left behind)', async () => {
    const url = await emptyDb();
    const name = '29991231000000_half_done';
    const dir = await migrationsWith({ [name]: 'CREATE TABLE half_done (id int);' });
    await migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR });
    await withClient(url, (c) =>
      c.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES (gen_random_uuid()::text, repeat('0', 64), $1, 'boom')`, [name]),
    );

    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(new RegExp(`migration ${name} is recorded as failed`));
    expect(await tableExists(url, 'half_done')).toBe(false);
    const status = await migrationStatus({ connectionString: url, migrationsDir: dir });
    expect(status.atHead).toBe(false);
    expect(status.problem).toMatch(new RegExp(`${name} is recorded as failed`));

    // Marked rolled back (what `prisma migrate resolve --rolled-back` does), it is applied again.
    await withClient(url, (c) => c.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [name]));
    expect((await migrate({ connectionString: url, migrationsDir: dir })).applied).toEqual([name]);
    expect(await migrationStatus({ connectionString: url, migrationsDir: dir })).toEqual({ atHead: true, pending: [], applied: [...names, name] });
  });

  it('warns (without failing) about applied migrations the folder does not know', async () => {
    const url = await emptyDb();
    await migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR });
    await withClient(url, (c) =>
      c.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count) VALUES (gen_random_uuid()::text, repeat('0', 64), '29991231000000_from_a_newer_build', now(), 1)`,
      ),
    );
    const r = await migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR });
    expect(r.applied).toEqual([]);
    expect(r.warnings).toEqual([expect.stringContaining('unknown to the migrations folder: 29991231000000_from_a_newer_build')]);
    const status = await migrationStatus({ connectionString: url, migrationsDir: MIGRATIONS_DIR });
    expect(status).toMatchObject({ atHead: true, pending: [], unknown: ['29991231000000_from_a_newer_build'] });
    expect(status.problem).toBeUndefined();
  });

  it('lets two concurrent runs on one empty database apply each migration exactly once', async () => {
    const url = await emptyDb();
    // A slow last migration keeps the first run inside the lock while the second arrives.
    const dir = await migrationsWith({ '29991231000000_slow': 'SELECT pg_sleep(0.4);\nCREATE TABLE slow_done (id int);' });
    const all = [...names, '29991231000000_slow'];
    const logs: string[][] = [[], []];
    const [a, b] = await Promise.all(
      [0, 1].map((i) => migrate({ connectionString: url, migrationsDir: dir, log: (l) => logs[i].push(l) })),
    );
    expect([a.applied.length, b.applied.length].sort((x, y) => x - y)).toEqual([0, all.length]);
    expect(a.applied.length ? a.applied : b.applied).toEqual(all);
    expect(a.alreadyApplied + b.alreadyApplied).toBe(all.length);
    expect(logs.flat().some((l) => l.startsWith('waiting for another migration run'))).toBe(true);

    const counts = await withClient(url, async (c) => (await c.query(`SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY 1 ORDER BY 1`)).rows);
    expect(counts).toEqual(all.map((migration_name) => ({ migration_name, n: 1 })));
  });

  it('waits for the lock prisma migrate takes (same advisory key) and gives up after lockTimeoutMs', async () => {
    const url = await emptyDb();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await expect(migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR, lockTimeoutMs: 400 })).rejects.toThrow(
        /timed out after 400 ms waiting for the migration lock \(pg_advisory_lock\(72707369\)\)/,
      );
      expect(await tableExists(url, '_prisma_migrations')).toBe(false);
      const pending = migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR, lockTimeoutMs: 10_000 });
      await new Promise((r) => setTimeout(r, 300));
      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      expect((await pending).applied).toEqual(names);
    } finally {
      await holder.end();
    }
  });

  it('reports a database it cannot reach instead of hanging', async () => {
    const u = new URL(process.env.DATABASE_URL!);
    u.port = '1'; // nothing listens there
    await expect(migrationStatus({ connectionString: u.toString(), migrationsDir: MIGRATIONS_DIR })).rejects.toThrow(/ECONNREFUSED|connect/);
  });
});
