/**
 * The embedded database (PGlite behind pglite-socket) for real: migrations,
 * a concurrent pg Pool, persistence across a restart, the data-folder lock.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDatabaseWithSchema } from '../../tests/integration/helpers/schema-diff';
import { embeddedLockFile, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';
import { migrate, migrationStatus, readMigrations } from './migrate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const migrationsDir = path.join(root, 'prisma', 'migrations');

describe('embedded PostgreSQL (PGlite)', { timeout: 120_000 }, () => {
  let tmp: string;
  let dataDir: string;
  let pgl: EmbeddedPostgres | undefined;
  let names: string[];

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'opsdeck-pglite-'));
    dataDir = path.join(tmp, 'data', 'pglite');
    names = (await readMigrations(migrationsDir)).map((m) => m.name);
  });
  afterAll(async () => {
    await pgl?.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  it('starts on a free port (ignoring a stale lock file) and serves pg', async () => {
    // A lock file left by a process that no longer exists must not block a start.
    await mkdir(path.dirname(dataDir), { recursive: true });
    await writeFile(embeddedLockFile(dataDir), JSON.stringify({ pid: 2 ** 22 + 12345, startedAt: new Date().toISOString() }));
    pgl = await startEmbeddedPostgres({ dataDir });
    expect(pgl.port).toBeGreaterThan(0);
    expect(pgl.url).toBe(`postgresql://postgres@127.0.0.1:${pgl.port}/postgres?sslmode=disable`);
    expect(JSON.parse(readFileSync(embeddedLockFile(dataDir), 'utf8'))).toMatchObject({ pid: process.pid, url: pgl.url, port: pgl.port });
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/already started by this process/);

    const c = new pg.Client(pgl.url);
    await c.connect();
    const r = await c.query<{ user: string; db: string }>('SELECT current_user AS user, current_database() AS db');
    await c.end();
    expect(r.rows[0]).toEqual({ user: 'postgres', db: 'postgres' });
  });

  it('applies every migration with the runner, giving exactly schema.prisma', async () => {
    const t0 = Date.now();
    const r = await migrate({ connectionString: pgl!.url, migrationsDir });
    const ms = Date.now() - t0;
    expect(r.applied).toEqual(names);
    console.info(`PGlite: applied ${names.length} migrations in ${ms} ms`);
    const c = new pg.Client(pgl!.url);
    await c.connect();
    try {
      const diffs = await compareDatabaseWithSchema(c, readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8'));
      expect(diffs).toEqual([]);
    } finally {
      await c.end();
    }
    expect(await migrationStatus({ connectionString: pgl!.url, migrationsDir })).toEqual({ atHead: true, pending: [], applied: names });
  });

  it('serves a pg Pool of several clients concurrently, transactions included', async () => {
    const pool = new pg.Pool({ connectionString: pgl!.url, max: 8 });
    try {
      await pool.query('CREATE TABLE embedded_check (n int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
      const clients = await Promise.all(Array.from({ length: 8 }, () => pool.connect()));
      try {
        // Eight connections open at once, each running a transaction: PGlite serialises them.
        await Promise.all(
          clients.map(async (c, i) => {
            await c.query('BEGIN');
            for (let k = 0; k < 5; k++) await c.query('INSERT INTO embedded_check (n) VALUES ($1)', [i * 100 + k]);
            await c.query('COMMIT');
          }),
        );
      } finally {
        clients.forEach((c) => c.release());
      }
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => pool.query<{ v: number }>('SELECT $1::int * 2 AS v', [i])));
      expect(results.map((r) => r.rows[0].v)).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
      expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM embedded_check')).rows[0].n).toBe(40);
    } finally {
      await pool.end();
    }
  });

  it('keeps two concurrent migration runs correct although advisory locks do not exclude there', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsdeck-pglite-mig-'));
    try {
      await cp(migrationsDir, dir, { recursive: true });
      await mkdir(path.join(dir, '29991231000000_extra_a'));
      await writeFile(path.join(dir, '29991231000000_extra_a', 'migration.sql'), 'CREATE TABLE extra_a (id int);');
      await mkdir(path.join(dir, '29991231000001_extra_b'));
      await writeFile(path.join(dir, '29991231000001_extra_b', 'migration.sql'), 'CREATE TABLE extra_b (id int);');
      const [a, b] = await Promise.all([migrate({ connectionString: pgl!.url, migrationsDir: dir }), migrate({ connectionString: pgl!.url, migrationsDir: dir })]);
      expect([...a.applied, ...b.applied].sort()).toEqual(['29991231000000_extra_a', '29991231000001_extra_b']);
      const c = new pg.Client(pgl!.url);
      await c.connect();
      const dup = await c.query('SELECT migration_name FROM _prisma_migrations GROUP BY 1 HAVING count(*) > 1');
      await c.end();
      expect(dup.rows).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps the data across a stop and a restart on the same folder', async () => {
    await pgl!.stop();
    await pgl!.stop(); // idempotent
    expect(existsSync(embeddedLockFile(dataDir))).toBe(false);
    pgl = await startEmbeddedPostgres({ dataDir });
    const c = new pg.Client(pgl.url);
    await c.connect();
    try {
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM embedded_check')).rows[0].n).toBe(40);
      expect((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations')).rows[0].n).toBe(names.length + 2);
    } finally {
      await c.end();
    }
    const r = await migrate({ connectionString: pgl.url, migrationsDir });
    expect(r.applied).toEqual([]);
    expect(r.warnings).toEqual([expect.stringContaining('29991231000000_extra_a, 29991231000001_extra_b')]);
  });
});
