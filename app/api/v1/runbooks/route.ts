import { created, route } from '@/lib/api/route';
import { listRunbooksQuery } from '@/lib/runbooks/api-schemas';
import { createRunbook, listRunbooks } from '@/lib/runbooks/catalog';
import { runbookSchema } from '@/lib/runbooks/schema';

export const GET = route({ role: 'viewer', query: listRunbooksQuery }, async ({ query }) => ({ runbooks: await listRunbooks(query.q) }));

// The body is a runbook definition (lib/runbooks/schema.ts); authoring is for commanders and admins.
export const POST = route({ role: 'commander', body: runbookSchema }, async ({ body, actor, ip }) => created({ runbook: await createRunbook(body, actor, ip) }));
