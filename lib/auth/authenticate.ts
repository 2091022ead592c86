import { getToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { db } from '@/lib/db/client';
import { env } from '@/lib/config/env';
import { API_KEY_ACTOR, type Actor } from './actor';
import { bearerFrom, hashToken, safeEqual, TOKEN_PREFIX } from './tokens';

const TOKEN_TOUCH_INTERVAL_MS = 60_000;

async function actorFromBearer(bearer: string): Promise<Actor | null> {
  const apiKey = env().ADMIN_API_KEY;
  if (apiKey && safeEqual(bearer, apiKey)) return API_KEY_ACTOR;
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;

  const token = await db.apiToken.findUnique({ where: { tokenHash: hashToken(bearer) }, include: { user: true } });
  const now = new Date();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now) || token.user.disabled) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
    // Best effort: a failed "last used" update must not fail the request.
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return {
    type: 'token',
    userId: token.userId,
    tokenId: token.id,
    label: `token:${token.prefix}… (${token.user.email})`,
    role: token.user.role,
  };
}

/** The user behind a session, read fresh so that a role change or a disabled account applies at once. */
export async function actorForUserId(userId: string | undefined | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId } }).catch(() => null);
  if (!user || user.disabled) return null;
  return { type: 'user', userId: user.id, label: user.email, role: user.role };
}

/** Session cookie or `Authorization: Bearer`; null when neither proves who is asking. */
export async function authenticate(req: NextRequest): Promise<Actor | null> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const bearer = bearerFrom(authorization);
    return bearer ? actorFromBearer(bearer) : null;
  }
  const jwt = await getToken({ req, secret: env().AUTH_SECRET });
  return actorForUserId(jwt?.sub);
}
