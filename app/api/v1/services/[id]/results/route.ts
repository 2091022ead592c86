import { route, uuidParam } from '@/lib/api/route';
import { resultsQuerySchema } from '@/lib/catalog/schemas';
import { listResults } from '@/lib/catalog/services';

export const GET = route({ role: 'viewer', query: resultsQuerySchema }, async ({ params, query }) => ({
  results: await listResults(uuidParam(params.id, 'Service'), query),
}));
