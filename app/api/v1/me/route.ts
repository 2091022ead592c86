import { route } from '@/lib/api/route';

export const GET = route({ role: 'viewer' }, async ({ actor }) => ({
  actor: { type: actor.type, label: actor.label, role: actor.role, userId: actor.userId },
}));
