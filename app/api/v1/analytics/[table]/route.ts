import { route } from '@/lib/api/route';
import { notFound } from '@/lib/api/errors';
import { toCsv } from '@/lib/postmortems/analytics';
import { loadAnalytics } from '@/lib/postmortems/analytics-query';
import { ANALYTICS_TABLE_NAMES, tableOf, type AnalyticsTableName } from '@/lib/postmortems/analytics-tables';
import { analyticsQuerySchema } from '@/lib/postmortems/schemas';

/** One chart's numbers as CSV: /api/v1/analytics/<table>.csv?months=&target= */
export const GET = route({ role: 'viewer', query: analyticsQuerySchema }, async ({ params, query }) => {
  const name = (params.table ?? '').replace(/\.csv$/, '') as AnalyticsTableName;
  if (!params.table?.endsWith('.csv') || !ANALYTICS_TABLE_NAMES.includes(name)) throw notFound(`Analytics table (one of ${ANALYTICS_TABLE_NAMES.map((n) => `${n}.csv`).join(', ')})`);
  const t = tableOf(name, await loadAnalytics({ months: query.months, targetPercent: query.target }));
  return new Response(toCsv(t.columns, t.rows), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, 'cache-control': 'no-store' },
  });
});
