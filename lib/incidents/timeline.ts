import { db } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { hasRole } from '@/lib/auth/roles';
import { writeAudit } from '@/lib/audit/log';
import { ApiError, conflict, notFound } from '@/lib/api/errors';
import { actorId, appendEvent, eventInclude, eventOut } from './events';
import type { AddEventInput, PatchEventInput } from './schemas';
import type { EventType, TimelineEventOut } from './types';

// The timeline's use cases: read it, add a note or a status update, pin an
// event, correct a note. Nothing is ever deleted or rewritten.

async function requireIncident(id: string) {
  const i = await db.incident.findUnique({ where: { id }, select: { id: true, status: true } });
  if (!i) throw notFound('Incident');
  return i;
}

/** Oldest first; `types` narrows to some event types. */
export async function listTimeline(incidentId: string, types?: EventType[]): Promise<TimelineEventOut[]> {
  await requireIncident(incidentId);
  const rows = await db.incidentEvent.findMany({
    where: { incidentId, type: types?.length ? { in: types } : undefined },
    include: eventInclude,
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  return rows.map(eventOut);
}

export async function addEvent(incidentId: string, input: AddEventInput, actor: Actor, ip: string | null): Promise<TimelineEventOut> {
  return db.$transaction(async (tx) => {
    const i = await tx.incident.findUnique({ where: { id: incidentId }, select: { status: true } });
    if (!i) throw notFound('Incident');
    if (i.status === 'closed') throw conflict('The incident is closed: its timeline takes no more entries');
    const e = await appendEvent(tx, incidentId, actor, {
      type: input.type,
      body: input.body,
      data: input.fields ? { fields: input.fields } : {},
    });
    await writeAudit(actor, { action: `incident.event.${input.type}`, targetType: 'incident', targetId: incidentId, after: { eventId: e.id, type: input.type, body: input.body } }, ip, tx);
    return eventOut({ ...e, corrections: [] });
  });
}

const CORRECTABLE: EventType[] = ['note', 'update'];

/** Pin or unpin an event; or correct a note or update with a new event that references it. */
export async function patchEvent(incidentId: string, eventId: bigint, input: PatchEventInput, actor: Actor, ip: string | null): Promise<TimelineEventOut> {
  return db.$transaction(async (tx) => {
    const e = await tx.incidentEvent.findFirst({ where: { id: eventId, incidentId }, include: eventInclude });
    if (!e) throw notFound('Event');

    if ('pinned' in input) {
      if (e.pinned === input.pinned) return eventOut(e);
      const updated = await tx.incidentEvent.update({ where: { id: eventId }, data: { pinned: input.pinned }, include: eventInclude });
      await writeAudit(actor, { action: input.pinned ? 'incident.event.pin' : 'incident.event.unpin', targetType: 'incident', targetId: incidentId, after: { eventId: e.id } }, ip, tx);
      return eventOut(updated);
    }

    // Corrections always point at the original entry; the newest one is current.
    const original = e.type === 'correction' && e.correctsId !== null ? await tx.incidentEvent.findUniqueOrThrow({ where: { id: e.correctsId } }) : e;
    if (!CORRECTABLE.includes(original.type)) throw conflict('Only notes and status updates can be corrected; system events record what happened');
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { status: true } });
    if (incident.status === 'closed') throw conflict('The incident is closed: its timeline takes no more entries');
    if (original.actorId !== actorId(actor) && !hasRole(actor.role, 'commander')) {
      throw new ApiError(403, 'You can correct your own entries; correcting someone else’s needs the commander role');
    }
    const c = await appendEvent(tx, incidentId, actor, {
      type: 'correction',
      body: input.correction,
      correctsId: original.id,
      data: { corrects: original.id.toString(), originalType: original.type },
    });
    await writeAudit(
      actor,
      { action: 'incident.event.correct', targetType: 'incident', targetId: incidentId, before: { eventId: original.id, body: original.body }, after: { eventId: c.id, body: input.correction } },
      ip,
      tx,
    );
    return eventOut({ ...c, corrections: [] });
  });
}
