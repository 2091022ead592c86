import { route, uuidParam } from '@/lib/api/route';
import { timelineQuerySchema } from '@/lib/incidents/schemas';
import { listTimeline } from '@/lib/incidents/timeline';

export const GET = route({ role: 'viewer', query: timelineQuerySchema }, async ({ params, query }) => ({
  events: await listTimeline(uuidParam(params.id, 'Incident'), query.type),
}));
