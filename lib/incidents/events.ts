import type { Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { EventType, TimelineEventOut } from './types';
import { enqueueIncidentWebhooks } from '@/lib/webhooks/outbox';

// Writing to and reading from the timeline. Appending is the only write the
// table allows (a trigger refuses the rest, but for the `pinned` flag).

/** The id stored with an event: the person, else the token, else the kind of actor. */
export function actorId(actor: Actor): string {
  return actor.userId ?? actor.tokenId ?? actor.type;
}

export interface NewEvent {
  type: EventType;
  body: string;
  data?: Record<string, unknown>;
  at?: Date;
  correctsId?: bigint | null;
}

export async function appendEvent(tx: Tx, incidentId: string, actor: Actor, e: NewEvent) {
  await enqueueIncidentWebhooks(tx, incidentId, e); // webhook outbox rows, in this same transaction
  return tx.incidentEvent.create({
    data: {
      incidentId,
      type: e.type,
      actor: actor.label,
      actorId: actorId(actor),
      body: e.body,
      data: (e.data ?? {}) as Prisma.InputJsonValue,
      at: e.at,
      correctsId: e.correctsId ?? null,
    },
  });
}

type EventRow = Prisma.IncidentEventGetPayload<{ include: { corrections: { select: { id: true } } } }>;

export function eventOut(e: EventRow): TimelineEventOut {
  return {
    id: e.id.toString(),
    at: e.at.toISOString(),
    type: e.type,
    actor: e.actor,
    body: e.body,
    data: (e.data ?? {}) as Record<string, unknown>,
    pinned: e.pinned,
    correctsId: e.correctsId === null ? null : e.correctsId.toString(),
    correctedBy: e.corrections.map((c) => c.id.toString()),
  };
}

export const eventInclude = { corrections: { select: { id: true }, orderBy: { id: 'asc' } } } satisfies Prisma.IncidentEventInclude;
