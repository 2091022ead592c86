import { route, uuidParam } from '@/lib/api/route';
import { suggestForIncident } from '@/lib/runbooks/overview';
import { listRuns } from '@/lib/runbooks/runs';

// The incident's checklists: runbooks its signals call for, and the runs started in it.
export const GET = route({ role: 'viewer' }, async ({ params }) => {
  const id = uuidParam(params.id, 'Incident');
  const suggestions = await suggestForIncident(id);
  return { suggestions, runs: await listRuns({ incidentId: id }) };
});
