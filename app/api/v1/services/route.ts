import { created, route } from '@/lib/api/route';
import { createServiceSchema, listServicesQuerySchema } from '@/lib/catalog/schemas';
import { createService, listServices } from '@/lib/catalog/services';

export const GET = route({ role: 'viewer', query: listServicesQuerySchema }, async ({ query }) => ({
  services: await listServices(query),
}));

export const POST = route({ role: 'admin', body: createServiceSchema }, async ({ body, actor, ip }) =>
  created({ service: await createService(body, actor, ip) }),
);
