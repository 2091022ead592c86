import { created, route } from '@/lib/api/route';
import { createHandoffSchema, listHandoffsQuery } from '@/lib/handoffs/schemas';
import { createHandoff, listHandoffs } from '@/lib/handoffs/store';

export const GET = route({ role: 'viewer', query: listHandoffsQuery }, async ({ query }) => ({ handoffs: await listHandoffs(query.limit) }));

export const POST = route({ role: 'responder', body: createHandoffSchema }, async ({ body, actor, ip }) =>
  created({ handoff: await createHandoff(body, actor, ip) }),
);
