import { route, uuidParam } from '@/lib/api/route';
import { getHandoff } from '@/lib/handoffs/store';

export const GET = route({ role: 'viewer' }, async ({ params }) => ({ handoff: await getHandoff(uuidParam(params.id, 'Hand-off')) }));
