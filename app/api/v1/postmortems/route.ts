import { route } from '@/lib/api/route';
import { listPostmortems } from '@/lib/postmortems/query';
import { listQuerySchema } from '@/lib/postmortems/schemas';

export const GET = route({ role: 'viewer', query: listQuerySchema }, async ({ query }) => ({ postmortems: await listPostmortems(query) }));
