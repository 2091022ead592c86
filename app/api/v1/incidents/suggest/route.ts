import { route } from '@/lib/api/route';
import { suggestForServices } from '@/lib/incidents/query';
import { suggestQuerySchema } from '@/lib/incidents/schemas';

/** The severity the live signals of some services call for, before declaring. */
export const GET = route({ role: 'viewer', query: suggestQuerySchema }, async ({ query }) => suggestForServices(query.serviceIds));
