import { route } from '@/lib/api/route';
import { listActionItems } from '@/lib/postmortems/query';
import { actionItemsQuerySchema } from '@/lib/postmortems/schemas';

export const GET = route({ role: 'viewer', query: actionItemsQuerySchema }, async ({ query }) => ({ actionItems: await listActionItems(query) }));
