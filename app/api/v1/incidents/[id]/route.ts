import { route, uuidParam } from '@/lib/api/route';
import { patchIncident } from '@/lib/incidents/change';
import { getIncident } from '@/lib/incidents/query';
import { patchSchema } from '@/lib/incidents/schemas';

export const GET = route({ role: 'viewer' }, async ({ params }) => ({ incident: await getIncident(uuidParam(params.id, 'Incident')) }));

export const PATCH = route({ role: 'commander', body: patchSchema }, async ({ params, body, actor, ip }) => ({
  incident: await patchIncident(uuidParam(params.id, 'Incident'), body, actor, ip),
}));
