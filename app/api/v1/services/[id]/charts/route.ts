import { route, uuidParam } from '@/lib/api/route';
import { notFound } from '@/lib/api/errors';
import { loadCharts } from '@/lib/charts/query';
import { chartsQuerySchema } from '@/lib/charts/schemas';

// History for the service page's charts, from the rollup tables only.
export const GET = route({ role: 'viewer', query: chartsQuerySchema }, async ({ params, query }) => {
  const charts = await loadCharts(uuidParam(params.id, 'Service'), query.range);
  if (!charts) throw notFound('Service');
  return charts;
});
