import { route, uuidParam } from '@/lib/api/route';
import { updateSections } from '@/lib/postmortems/change';
import { getPostmortem } from '@/lib/postmortems/query';
import { sectionsPatchSchema } from '@/lib/postmortems/schemas';

export const GET = route({ role: 'viewer' }, async ({ params }) => ({ postmortem: await getPostmortem(uuidParam(params.id, 'Postmortem')) }));

/** Writes the sections sent ({sections: {rootCause: "…"}}); the others are left alone. */
export const PATCH = route({ role: 'responder', body: sectionsPatchSchema }, async ({ params, body, actor, ip }) => ({
  postmortem: await updateSections(uuidParam(params.id, 'Postmortem'), body, actor, ip),
}));
