import { created, route, uuidParam } from '@/lib/api/route';
import { addComment } from '@/lib/postmortems/change';
import { commentSchema } from '@/lib/postmortems/schemas';

export const POST = route({ role: 'responder', body: commentSchema }, async ({ params, body, actor, ip }) =>
  created({ comment: await addComment(uuidParam(params.id, 'Postmortem'), body, actor, ip) }),
);
