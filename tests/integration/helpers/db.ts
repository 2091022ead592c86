/**
 * Throw-away databases for integration tests, on the PostgreSQL server that
 * DATABASE_URL points at (default postgresql://postgres@127.0.0.1:5432/postgres).
 *
 * Inside test files DATABASE_URL is already the run's migrated test database
 * (set by tests/integration/global-setup.ts); scratch databases are created
 * next to it on the same server.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_DB_PREFIX = 'opsdeck_test_';
const here = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(here, '../../..');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');
export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma');

export interface ScratchDatabase {
  name: string;
  url: string;
  /** DROP DATABASE … WITH (FORCE); idempotent. */
  drop(): Promise<void>;
}

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** opsdeck_test_<ms timestamp>_<random>: sortable, and old leftovers are recognisable. */
export function testDatabaseName(): string {
  return `${TEST_DB_PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
}

async function withAdmin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres'), connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    const u = new URL(serverUrl);
    throw new Error(
      `integration tests need a PostgreSQL server (CREATE DATABASE rights): cannot connect to ${u.hostname}:${u.port || 5432} as ${u.username || 'postgres'} (${(e as Error).message}); start one or point DATABASE_URL at one`,
      { cause: e },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** Creates an empty database on the server of `serverUrl`. */
export async function createDatabase(serverUrl: string, name: string = testDatabaseName()): Promise<ScratchDatabase> {
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  let dropped = false;
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      if (dropped) return;
      dropped = true;
      await dropDatabase(serverUrl, name);
    },
  };
}

/** An empty database of its own for a test (no migrations applied). Drop it in afterAll/afterEach. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  return createDatabase(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL);
}

/** Drops test databases left behind by runs that died more than `olderThanMs` ago (default 12 h). */
export async function dropStaleTestDatabases(serverUrl: string, olderThanMs = 12 * 3600_000): Promise<string[]> {
  return withAdmin(serverUrl, async (c) => {
    const r = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DB_PREFIX}%`]);
    const stale = r.rows
      .map((row) => row.datname)
      .filter((name) => {
        const ts = Number(/^opsdeck_test_(\d{13})_/.exec(name)?.[1]);
        return Number.isFinite(ts) && Date.now() - ts > olderThanMs;
      });
    for (const name of stale) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).catch(() => undefined);
    return stale;
  });
}

/** Runs `fn` with a connected client on `url`, closing it afterwards. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
