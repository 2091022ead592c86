import { created, route, uuidParam } from '@/lib/api/route';
import { createPostmortemFor } from '@/lib/postmortems/change';
import { getPostmortemForIncident } from '@/lib/postmortems/query';

/** The incident's postmortem; 404 until there is one. */
export const GET = route({ role: 'viewer' }, async ({ params }) => ({ postmortem: await getPostmortemForIncident(uuidParam(params.id, 'Incident')) }));

/** "Create postmortem" for a resolved incident: 201 when drafted now, 200 with the existing one. */
export const POST = route({ role: 'commander' }, async ({ params, actor, ip }) => {
  const r = await createPostmortemFor(uuidParam(params.id, 'Incident'), actor, ip);
  return r.created ? created({ postmortem: r.postmortem }) : { postmortem: r.postmortem };
});
