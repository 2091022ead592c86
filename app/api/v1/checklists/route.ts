import { created, route } from '@/lib/api/route';
import { listRunsQuery, startRunSchema } from '@/lib/runbooks/api-schemas';
import { listRuns, startRun } from '@/lib/runbooks/runs';

export const GET = route({ role: 'viewer', query: listRunsQuery }, async ({ query }) => ({ runs: await listRuns(query) }));

export const POST = route({ role: 'responder', body: startRunSchema }, async ({ body, actor, ip }) => created({ run: await startRun(body, actor, ip) }));
