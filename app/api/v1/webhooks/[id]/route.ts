import { route, uuidParam } from '@/lib/api/route';
import { updateWebhookSchema } from '@/lib/webhooks/schemas';
import { deleteWebhook, getWebhook, updateWebhook } from '@/lib/webhooks/manage';

export const GET = route({ role: 'admin' }, async ({ params }) => ({ webhook: await getWebhook(uuidParam(params.id, 'Webhook')) }));

export const PATCH = route({ role: 'admin', body: updateWebhookSchema }, async ({ body, actor, ip, params }) => ({
  webhook: await updateWebhook(uuidParam(params.id, 'Webhook'), body, actor, ip),
}));

export const DELETE = route({ role: 'admin' }, async ({ actor, ip, params }) => {
  await deleteWebhook(uuidParam(params.id, 'Webhook'), actor, ip);
  return { ok: true };
});
