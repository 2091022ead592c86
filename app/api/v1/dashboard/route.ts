import { route } from '@/lib/api/route';
import { loadDashboard } from '@/lib/dashboard/query';

// The home page's data in one call; the UI polls it every few seconds.
export const GET = route({ role: 'viewer' }, async () => loadDashboard());
