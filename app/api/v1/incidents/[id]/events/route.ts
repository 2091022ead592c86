import { created, route, uuidParam } from '@/lib/api/route';
import { addEventSchema } from '@/lib/incidents/schemas';
import { addEvent } from '@/lib/incidents/timeline';

export const POST = route({ role: 'responder', body: addEventSchema }, async ({ params, body, actor, ip }) =>
  created({ event: await addEvent(uuidParam(params.id, 'Incident'), body, actor, ip) }),
);
