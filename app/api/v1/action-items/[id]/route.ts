import { route, uuidParam } from '@/lib/api/route';
import { deleteActionItem, patchActionItem } from '@/lib/postmortems/change';
import { getActionItem } from '@/lib/postmortems/query';
import { actionItemPatchSchema } from '@/lib/postmortems/schemas';

export const GET = route({ role: 'viewer' }, async ({ params }) => ({ actionItem: await getActionItem(uuidParam(params.id, 'Action item')) }));

export const PATCH = route({ role: 'responder', body: actionItemPatchSchema }, async ({ params, body, actor, ip }) => {
  const id = await patchActionItem(uuidParam(params.id, 'Action item'), body, actor, ip);
  return { actionItem: await getActionItem(id) };
});

export const DELETE = route({ role: 'responder' }, async ({ params, actor, ip }) => {
  await deleteActionItem(uuidParam(params.id, 'Action item'), actor, ip);
  return { ok: true };
});
