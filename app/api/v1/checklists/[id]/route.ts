import { route, uuidParam } from '@/lib/api/route';
import { getRun } from '@/lib/runbooks/runs';

// Reading a run evaluates its open verification steps first: those whose condition holds tick themselves.
export const GET = route({ role: 'viewer' }, async ({ params }) => ({ run: await getRun(uuidParam(params.id, 'Checklist run')) }));
