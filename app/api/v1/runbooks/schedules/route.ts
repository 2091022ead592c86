import { route } from '@/lib/api/route';
import { scheduleOverview } from '@/lib/runbooks/overview';

// Scheduled (daily, weekly, monthly) checklists and the state of their current period.
export const GET = route({ role: 'viewer' }, async () => ({ schedules: await scheduleOverview() }));
