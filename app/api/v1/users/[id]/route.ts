import { route, uuidParam } from '@/lib/api/route';
import { updateUserSchema } from '@/lib/users/schemas';
import { updateUser } from '@/lib/users/manage';

export const PATCH = route({ role: 'admin', body: updateUserSchema }, async ({ body, actor, ip, params }) => ({
  user: await updateUser(uuidParam(params.id, 'User'), body, actor, ip),
}));
