import { created, route } from '@/lib/api/route';
import { createTokenSchema } from '@/lib/users/schemas';
import { createToken, listTokens } from '@/lib/users/tokens';

export const GET = route({ role: 'viewer' }, async ({ actor }) => ({ tokens: await listTokens(actor) }));

// The response is the only time the plain token exists outside the caller.
export const POST = route({ role: 'viewer', body: createTokenSchema }, async ({ body, actor, ip }) =>
  created({ token: await createToken(body, actor, ip) }),
);
