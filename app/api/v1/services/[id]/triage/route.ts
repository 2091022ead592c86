import { route, uuidParam } from '@/lib/api/route';
import { triageService } from '@/lib/triage/load';

// "First two minutes": the service's first checks, judged, and as chat text.
export const GET = route({ role: 'viewer' }, async ({ params }) => triageService(uuidParam(params.id, 'Service')));
