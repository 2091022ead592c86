import path from 'node:path';
import { env } from '@/lib/config/env';
import { migrationStatus } from './migrate';
import { pool } from './client';

export type Readiness = { ok: true; migrations: { applied: number } } | { ok: false; reason: string };

const TIMEOUT_MS = 3_000;

/** Ready = database reachable and every migration in prisma/migrations applied. */
export async function readiness(): Promise<Readiness> {
  let connectionString: string;
  try {
    connectionString = env().DATABASE_URL;
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  try {
    const status = await Promise.race([
      migrationStatus({ connectionString, pool: pool(), migrationsDir: path.join(process.cwd(), 'prisma', 'migrations') }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`database did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ]);
    if (status.problem) return { ok: false, reason: status.problem };
    if (!status.atHead) return { ok: false, reason: `migrations pending: ${status.pending.join(', ')}` };
    return { ok: true, migrations: { applied: status.applied.length } };
  } catch (e) {
    return { ok: false, reason: `database unreachable: ${(e as Error).message}` };
  }
}
