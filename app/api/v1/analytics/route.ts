import { route } from '@/lib/api/route';
import { loadAnalytics } from '@/lib/postmortems/analytics-query';
import { analyticsQuerySchema } from '@/lib/postmortems/schemas';

/** ?months=6&target=99.9 → every chart's numbers. */
export const GET = route({ role: 'viewer', query: analyticsQuerySchema }, async ({ query }) => ({
  analytics: await loadAnalytics({ months: query.months, targetPercent: query.target }),
}));
