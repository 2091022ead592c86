import { created, route } from '@/lib/api/route';
import { createUserSchema } from '@/lib/users/schemas';
import { createUser, listUsers } from '@/lib/users/manage';

export const GET = route({ role: 'admin' }, async () => ({ users: await listUsers() }));

export const POST = route({ role: 'admin', body: createUserSchema }, async ({ body, actor, ip }) =>
  created({ user: await createUser(body, actor, ip) }),
);
