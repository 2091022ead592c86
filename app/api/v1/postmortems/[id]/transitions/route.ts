import { route, uuidParam } from '@/lib/api/route';
import { transitionPostmortem } from '@/lib/postmortems/change';
import { transitionSchema } from '@/lib/postmortems/schemas';

/** {action: submit|approve|reopen, note?}: draft → in review → approved, and back to draft. */
export const POST = route({ role: 'commander', body: transitionSchema }, async ({ params, body, actor, ip }) => ({
  postmortem: await transitionPostmortem(uuidParam(params.id, 'Postmortem'), body.action, body.note, actor, ip),
}));
