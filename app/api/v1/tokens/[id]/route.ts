import { route, uuidParam } from '@/lib/api/route';
import { revokeToken } from '@/lib/users/tokens';

export const DELETE = route({ role: 'viewer' }, async ({ actor, ip, params }) => ({
  token: await revokeToken(uuidParam(params.id, 'Token'), actor, ip),
}));
