import { route, uuidParam } from '@/lib/api/route';
import { acknowledgeIncident } from '@/lib/incidents/change';

export const POST = route({ role: 'responder' }, async ({ params, actor, ip }) => ({
  incident: await acknowledgeIncident(uuidParam(params.id, 'Incident'), actor, ip),
}));
