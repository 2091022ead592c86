import type { Role } from '@/lib/auth/roles';

/** A user with that role and a personal API token for it; returns the token and the user's id. */
export async function createUserWithToken(role: Role, email: string, name = email): Promise<{ userId: string; token: string }> {
  const { db } = await import('@/lib/db/client');
  const { generateToken } = await import('@/lib/auth/tokens');
  const user = await db.user.create({ data: { email, name, passwordHash: 'x', role } });
  const t = generateToken();
  await db.apiToken.create({ data: { userId: user.id, name: 'test', prefix: t.prefix, tokenHash: t.hash } });
  return { userId: user.id, token: t.token };
}
