import { route, uuidParam } from '@/lib/api/route';
import { setEnabledSchema } from '@/lib/catalog/schemas';
import { setEndpointEnabled } from '@/lib/catalog/services';

export const PATCH = route({ role: 'admin', body: setEnabledSchema }, async ({ body, params, actor, ip }) => ({
  endpoint: await setEndpointEnabled(uuidParam(params.id, 'Service'), uuidParam(params.endpointId, 'Endpoint'), body.enabled, actor, ip),
}));
