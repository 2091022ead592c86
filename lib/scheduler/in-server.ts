import { startPollerFromEnv } from './run';

// Imported once by instrumentation.ts in the Node.js server process.
const enabled = (process.env.POLLER_ENABLED ?? 'true').toLowerCase();
if (process.env.NEXT_PHASE !== 'phase-production-build' && enabled !== 'false' && enabled !== '0') {
  const handle = startPollerFromEnv();
  const stop = () => void handle.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
