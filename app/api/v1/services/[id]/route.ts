import { route, uuidParam } from '@/lib/api/route';
import { updateServiceSchema } from '@/lib/catalog/schemas';
import { deleteService, getService, updateService } from '@/lib/catalog/services';

export const GET = route({ role: 'viewer' }, async ({ params }) => ({
  service: await getService(uuidParam(params.id, 'Service')),
}));

export const PATCH = route({ role: 'admin', body: updateServiceSchema }, async ({ body, params, actor, ip }) => ({
  service: await updateService(uuidParam(params.id, 'Service'), body, actor, ip),
}));

export const DELETE = route({ role: 'admin' }, async ({ params, actor, ip }) => deleteService(uuidParam(params.id, 'Service'), actor, ip));
