/**
 * Integration-test global setup: one fresh database per run,
 * opsdeck_test_<timestamp>_<random> on the server of DATABASE_URL (default
 * postgresql://postgres@127.0.0.1:5432/postgres), with every migration applied
 * by the project's runner. Test files find its URL in
 * process.env.DATABASE_URL (and in `inject('databaseUrl')`). Dropped (WITH
 * (FORCE)) at the end of the run.
 */
import type { TestProject } from 'vitest/node';
import { migrate } from '../../lib/db/migrate';
import { DEFAULT_SERVER_URL, MIGRATIONS_DIR, createDatabase, dropStaleTestDatabases } from './helpers/db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's migrated test database. */
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const original = process.env.DATABASE_URL;
  const serverUrl = original ?? DEFAULT_SERVER_URL;
  await dropStaleTestDatabases(serverUrl);
  const db = await createDatabase(serverUrl);
  try {
    await migrate({ connectionString: db.url, migrationsDir: MIGRATIONS_DIR });
  } catch (e) {
    await db.drop().catch(() => undefined);
    throw e;
  }
  // Test workers are started after global setup and inherit this environment.
  process.env.DATABASE_URL = db.url;
  project.provide('databaseUrl', db.url);

  return async () => {
    if (original === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = original;
    await db.drop();
  };
}
