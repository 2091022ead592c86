/**
 * Embedded PostgreSQL for newcomers: PGlite (Postgres compiled to WASM, data
 * persisted in a folder) served on a local TCP port by pglite-socket, so the
 * application talks to it through `pg` / Prisma's adapter-pg like to any
 * server.
 *
 * Known limits (PGlite runs ONE Postgres backend; every socket connection
 * shares it):
 * - advisory locks do not exclude connections from one another (they are one
 *   session); the migration runner re-checks its ledger inside each transaction;
 * - transactions are serialised: while one connection is inside BEGIN … COMMIT,
 *   queries from every other connection wait. A transaction that waits for
 *   another connection's query deadlocks, and long transactions stall all;
 * - session state is shared: SET, temp tables, named prepared statements
 *   ("prepared statement … already exists" when two connections use one name);
 * - LISTEN/NOTIFY notifications are not delivered to other connections;
 * - queries run on this process's event loop (WASM, one at a time);
 * - one process per data folder: a lock file guards it (see below).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export const DEFAULT_EMBEDDED_MAX_CONNECTIONS = 16;

export interface EmbeddedPostgresOptions {
  /** Folder holding the database files (e.g. ./data/pglite); created when missing. */
  dataDir: string;
  /** TCP port; 0 (default) picks a free one — read it from the result's `port`/`url`. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Concurrent socket connections accepted (pg pools included); default 16. */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** postgresql://postgres@127.0.0.1:<port>/postgres?sslmode=disable — works with `pg` and adapter-pg. */
  url: string;
  host: string;
  port: number;
  dataDir: string;
  /** Closes connections, shuts PGlite down cleanly (data flushed) and removes the lock file. Idempotent. */
  stop(): Promise<void>;
}

/** What the lock file next to the data folder says about the process serving it. */
export interface EmbeddedServerInfo {
  pid: number;
  url?: string;
  port?: number;
  host?: string;
  startedAt: string;
}

/** `<dataDir>.server.json`: kept next to (not inside) the data folder. */
export function embeddedLockFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.server.json`;
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readInfo(file: string): EmbeddedServerInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedServerInfo;
  } catch {
    return null;
  }
}

/**
 * The embedded server another live process runs on this data folder, if any
 * (e.g. `npm start` is running and `npm run db:migrate` wants to connect to it).
 */
export function runningEmbeddedPostgres(dataDir: string): EmbeddedServerInfo | null {
  const info = readInfo(embeddedLockFile(dataDir));
  if (!info || info.pid === process.pid || !pidAlive(info.pid)) return null;
  return info;
}

function takeLock(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() } satisfies EmbeddedServerInfo));
      fs.closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const info = readInfo(file);
      if (info && info.pid !== process.pid && pidAlive(info.pid)) {
        throw new Error(
          `the embedded database ${file.replace(/\.server\.json$/, '')} is already in use by process ${info.pid}` +
            `${info.url ? ` (${info.url})` : ''}: stop it, or connect to it by setting DATABASE_URL`,
        );
      }
      if (info && info.pid === process.pid) {
        throw new Error(`the embedded database ${file.replace(/\.server\.json$/, '')} is already started by this process`);
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not take the lock file ${file}`);
}

function urlFor(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `postgresql://postgres@${h}:${port}/postgres?sslmode=disable`;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const host = opts.host ?? '127.0.0.1';
  const lockFile = embeddedLockFile(dataDir);
  takeLock(lockFile);

  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    db = await PGlite.create({ dataDir });
    server = new PGLiteSocketServer({
      db,
      host,
      port: opts.port ?? 0,
      maxConnections: opts.maxConnections ?? DEFAULT_EMBEDDED_MAX_CONNECTIONS,
    });
    await server.start();
  } catch (e) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    fs.rmSync(lockFile, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`cannot serve the embedded database on ${host}:${opts.port}: the port is in use`, { cause: e });
    throw new Error(`cannot start the embedded database in ${dataDir}: ${(e as Error).message}`, { cause: e });
  }

  // getServerConn() reports the port actually bound ("127.0.0.1:54321"), also when 0 was asked.
  const port = Number(server.getServerConn().split(':').pop());
  const url = urlFor(host, port);
  fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, url, port, host, startedAt: new Date().toISOString() } satisfies EmbeddedServerInfo));

  let stopping: Promise<void> | undefined;
  const srv = server;
  const pglite = db;
  return {
    url,
    host,
    port,
    dataDir,
    stop() {
      stopping ??= (async () => {
        try {
          await srv.stop();
        } finally {
          try {
            await pglite.close();
          } finally {
            const info = readInfo(lockFile);
            if (info?.pid === process.pid) fs.rmSync(lockFile, { force: true });
          }
        }
      })();
      return stopping;
    },
  };
}
