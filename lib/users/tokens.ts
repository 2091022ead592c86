import { db } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { generateToken } from '@/lib/auth/tokens';
import { ApiError, notFound } from '@/lib/api/errors';

const tokenPublicSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

function requirePerson(actor: Actor): string {
  if (!actor.userId) throw new ApiError(403, 'Personal tokens belong to a person: sign in to manage them');
  return actor.userId;
}

export function listTokens(actor: Actor) {
  return db.apiToken.findMany({ where: { userId: requirePerson(actor) }, select: tokenPublicSelect, orderBy: { createdAt: 'desc' } });
}

/** Creates a token for the acting person. The plain token is returned once and never stored. */
export async function createToken(input: { name: string; expiresInDays?: number }, actor: Actor, ip: string | null) {
  const userId = requirePerson(actor);
  const { token, hash, prefix } = generateToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const saved = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { userId, name: input.name, prefix, tokenHash: hash, expiresAt }, select: tokenPublicSelect });
    await writeAudit(actor, { action: 'token.create', targetType: 'api_token', targetId: row.id, after: row }, ip, tx);
    return row;
  });
  return { ...saved, token };
}

export async function revokeToken(id: string, actor: Actor, ip: string | null) {
  const userId = requirePerson(actor);
  return db.$transaction(async (tx) => {
    const before = await tx.apiToken.findFirst({ where: { id, userId }, select: tokenPublicSelect });
    if (!before) throw notFound('Token');
    if (before.revokedAt) return before;
    const after = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: tokenPublicSelect });
    await writeAudit(actor, { action: 'token.revoke', targetType: 'api_token', targetId: id, before, after }, ip, tx);
    return after;
  });
}
