import { created, route } from '@/lib/api/route';
import { createWebhookSchema } from '@/lib/webhooks/schemas';
import { createWebhook, listWebhooks } from '@/lib/webhooks/manage';

export const GET = route({ role: 'admin' }, async () => ({ webhooks: await listWebhooks() }));

export const POST = route({ role: 'admin', body: createWebhookSchema }, async ({ body, actor, ip }) =>
  created({ webhook: await createWebhook(body, actor, ip) }),
);
