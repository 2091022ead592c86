/**
 * `npm run worker`: the poller as its own process. Run several (on several
 * machines) against the same PostgreSQL: they share the endpoints through
 * leases in the database. Set POLLER_ENABLED=false on the web servers then.
 */
import { logger } from '../lib/log';

async function main() {
  try {
    process.loadEnvFile('.env');
  } catch {
    /* optional */
  }
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is required: workers share a real PostgreSQL (the embedded one serves only `npm start`).');
    process.exit(1);
  }
  const { ensureSecrets } = await import('../lib/config/dev-secrets');
  const { ConfigError, env } = await import('../lib/config/env');
  try {
    ensureSecrets(process.env, process.env.OPSDECK_DATA_DIR ?? 'data');
    env();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : (e as Error).message);
    process.exit(1);
  }
  const { startPollerFromEnv } = await import('../lib/scheduler/run');
  const handle = startPollerFromEnv();
  logger.info('worker running', { workerId: handle.poller.workerId });
  const stop = () => void handle.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
