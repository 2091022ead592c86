import { db } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { CreateHandoffInput } from './schemas';
import type { HandoffOut } from './types';

type Row = Prisma.HandoffGetPayload<object>;

function out(h: Row): HandoffOut {
  return {
    id: h.id,
    title: h.title,
    from: h.windowStart.toISOString(),
    to: h.windowEnd.toISOString(),
    team: h.team,
    escalationContact: h.escalationContact,
    body: h.body,
    author: h.author,
    createdAt: h.createdAt.toISOString(),
  };
}

export async function createHandoff(input: CreateHandoffInput, actor: Actor, ip: string | null): Promise<HandoffOut> {
  return db.$transaction(async (tx) => {
    const h = await tx.handoff.create({
      data: {
        title: input.title,
        windowStart: new Date(input.from),
        windowEnd: new Date(input.to),
        team: input.team ?? null,
        escalationContact: input.escalationContact || null,
        body: input.body,
        authorId: actor.userId ?? actor.tokenId ?? null,
        author: actor.label,
      },
    });
    await writeAudit(actor, { action: 'handoff.create', targetType: 'handoff', targetId: h.id, after: { title: h.title, from: h.windowStart, to: h.windowEnd, team: h.team } }, ip, tx);
    return out(h);
  });
}

/** Newest first; the list leaves the bodies out. */
export async function listHandoffs(limit = 50): Promise<Omit<HandoffOut, 'body'>[]> {
  const rows = await db.handoff.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
  return rows.map((h) => {
    const { body: _body, ...rest } = out(h);
    return rest;
  });
}

export async function getHandoff(id: string): Promise<HandoffOut> {
  const h = await db.handoff.findUnique({ where: { id } });
  if (!h) throw notFound('Hand-off');
  return out(h);
}
