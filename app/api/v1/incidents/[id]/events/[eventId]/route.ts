import { route, uuidParam } from '@/lib/api/route';
import { notFound } from '@/lib/api/errors';
import { patchEventSchema } from '@/lib/incidents/schemas';
import { patchEvent } from '@/lib/incidents/timeline';

function eventIdParam(value: string | undefined): bigint {
  if (!value || !/^\d{1,18}$/.test(value)) throw notFound('Event');
  return BigInt(value);
}

export const PATCH = route({ role: 'responder', body: patchEventSchema }, async ({ params, body, actor, ip }) => ({
  event: await patchEvent(uuidParam(params.id, 'Incident'), eventIdParam(params.eventId), body, actor, ip),
}));
