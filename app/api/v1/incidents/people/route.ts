import { route } from '@/lib/api/route';
import { listPeople } from '@/lib/incidents/people';

/** Who can be given an incident role. */
export const GET = route({ role: 'responder' }, async () => ({ people: await listPeople() }));
