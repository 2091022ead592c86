import { route, uuidParam } from '@/lib/api/route';
import { changeRole } from '@/lib/incidents/change';
import { roleChangeSchema } from '@/lib/incidents/schemas';

// Responders may join or leave themselves; every other change needs a commander (checked in changeRole).
export const POST = route({ role: 'responder', body: roleChangeSchema }, async ({ params, body, actor, ip }) => ({
  incident: await changeRole(uuidParam(params.id, 'Incident'), body, actor, ip),
}));
