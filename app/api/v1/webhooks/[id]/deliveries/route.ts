import { route, uuidParam } from '@/lib/api/route';
import { deliveriesQuerySchema } from '@/lib/webhooks/schemas';
import { listDeliveries } from '@/lib/webhooks/manage';

export const GET = route({ role: 'admin', query: deliveriesQuerySchema }, async ({ params, query }) => ({
  deliveries: await listDeliveries(uuidParam(params.id, 'Webhook'), query.limit),
}));
