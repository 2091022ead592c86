import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/config/env';
import { logger } from '@/lib/log';

function createPool() {
  const p = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  // An idle connection dropped by a database restart must not crash the
  // process: the pool discards it and the next query opens a new one.
  p.on('error', (e) => logger.warn('database connection lost', { error: e.message }));
  return p;
}

function createClient(pool: pg.Pool) {
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    // Password hashes leave the database only where a query asks for them.
    omit: { user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;
/** What a use case receives inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

// One pool and one client per process; kept on globalThis so that Next's dev
// reloads do not open a new pool on every edit.
const g = globalThis as unknown as { __opsdeckPool?: pg.Pool; __opsdeckDb?: Db };

/** The raw pg pool, for the few hot paths that need SQL Prisma cannot express (SKIP LOCKED, bulk inserts). */
export function pool(): pg.Pool {
  g.__opsdeckPool ??= createPool();
  return g.__opsdeckPool;
}

function client(): Db {
  g.__opsdeckDb ??= createClient(pool());
  return g.__opsdeckDb;
}

// Created on first use, not on import, so that `next build` can load route
// modules without a database or a complete environment.
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === 'function' ? value.bind(c) : value;
  },
});

export async function disconnectDb() {
  await g.__opsdeckDb?.$disconnect();
  await g.__opsdeckPool?.end();
  g.__opsdeckDb = undefined;
  g.__opsdeckPool = undefined;
}
