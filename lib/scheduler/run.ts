import { env } from '@/lib/config/env';
import { pool } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { Poller } from './poller';
import { startMaintenanceJobs } from './jobs';
import { startWebhookDispatcher } from '@/lib/webhooks/dispatcher';

/** Starts the poller and its maintenance jobs with the environment's settings; returns a stopper. */
export function startPollerFromEnv(): { poller: Poller; stop(): Promise<void> } {
  const e = env();
  const p = pool();
  const poller = new Poller({ pool: p, concurrency: e.POLLER_CONCURRENCY, allowlist: e.PROBE_ALLOWLIST });
  poller.start();
  const jobs = startMaintenanceJobs(p, {
    rawDays: e.RAW_RETENTION_DAYS,
    minuteRollupDays: e.MINUTE_ROLLUP_RETENTION_DAYS,
    hourRollupDays: e.ROLLUP_RETENTION_DAYS,
    webhookDeliveryDays: e.WEBHOOK_DELIVERY_RETENTION_DAYS,
  });
  // Webhook deliveries go out from the poller process, never from a request.
  const webhooks = startWebhookDispatcher(p);
  return {
    poller,
    async stop() {
      jobs.stop();
      await Promise.all([poller.stop(), webhooks.stop()]);
      logger.info('poller and jobs stopped');
    },
  };
}
