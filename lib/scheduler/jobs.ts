import type pg from 'pg';
import { Cron } from 'croner';
import { logger } from '@/lib/log';
import { runRetention, runRollup, type RetentionPolicy } from './rollup';

// Every poller process schedules these; a session advisory lock makes sure
// only one of them runs a given job at a time, however many workers there are.
async function exclusively(pool: pg.Pool, name: string, fn: () => Promise<unknown>) {
  // The embedded database serves this one process through one connection:
  // no other worker can exist, and a second connection for the lock is not to be had.
  if (process.env.OPSDECK_EMBEDDED_DB === '1') return fn();
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext('opsdeck.job.' || $1)) AS ok", [name]);
    if (!rows[0].ok) return;
    try {
      await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('opsdeck.job.' || $1))", [name]);
    }
  } finally {
    client.release();
  }
}

export function startMaintenanceJobs(pool: pg.Pool, policy: RetentionPolicy): { stop(): void } {
  const guard = (name: string, fn: () => Promise<unknown>) => async () => {
    try {
      await exclusively(pool, name, fn);
    } catch (e) {
      logger.warn(`job ${name} failed`, { error: (e as Error).message });
    }
  };
  const jobs = [
    new Cron('*/20 * * * * *', { protect: true }, guard('rollup-minute', () => runRollup(pool, 'minute'))),
    new Cron('30 */5 * * * *', { protect: true }, guard('rollup-hour', () => runRollup(pool, 'hour'))),
    // Open checklist runs: verification steps tick themselves when their condition holds.
    new Cron('*/5 * * * * *', { protect: true }, guard('checklist-verify', async () => (await import('@/lib/runbooks/runs')).autoVerifyOpenRuns())),
    new Cron('0 17 3 * * *', { protect: true }, guard('retention', async () => logger.info('retention', await runRetention(pool, policy)))),
  ];
  return { stop: () => jobs.forEach((j) => j.stop()) };
}
