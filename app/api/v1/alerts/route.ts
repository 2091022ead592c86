import { route } from '@/lib/api/route';
import { alertsQuerySchema, listAlerts } from '@/lib/alerts/query';

export const GET = route({ role: 'viewer', query: alertsQuerySchema }, async ({ query }) => ({ alerts: await listAlerts(query) }));
