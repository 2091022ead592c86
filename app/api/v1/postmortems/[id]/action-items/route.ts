import { created, route, uuidParam } from '@/lib/api/route';
import { createActionItem } from '@/lib/postmortems/change';
import { getActionItem } from '@/lib/postmortems/query';
import { actionItemCreateSchema } from '@/lib/postmortems/schemas';

export const POST = route({ role: 'responder', body: actionItemCreateSchema }, async ({ params, body, actor, ip }) => {
  const id = await createActionItem(uuidParam(params.id, 'Postmortem'), body, actor, ip);
  return created({ actionItem: await getActionItem(id) });
});
