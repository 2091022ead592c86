import { db, type Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { hasRole } from '@/lib/auth/roles';
import { writeAudit } from '@/lib/audit/log';
import { ApiError, badRequest, conflict, notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { onIncidentResolved } from '@/lib/postmortems/draft';
import { appendEvent } from './events';
import { checkTransition, isOpen, stampsAfter, STATUS_LABELS } from './lifecycle';
import { getIncident } from './query';
import type { PatchInput, RoleChangeInput } from './schemas';
import { ROLE_LABELS, type IncidentOut } from './types';

// Changes to a running incident: status, severity, commander, roles,
// acknowledgement. Each one runs in one transaction with its timeline event
// and audit entry, and writes with a guard on the state it was decided on
// (UPDATE … WHERE status = <what we read>), so that of two concurrent
// identical changes exactly one wins and the other gets a 409.

const changedMeanwhile = () => conflict('The incident changed while you were deciding; reload it and try again');

const incidentState = {
  id: true,
  number: true,
  status: true,
  severity: true,
  commanderId: true,
  communicationsLeadId: true,
  scribeId: true,
  acknowledgedAt: true,
  acknowledgedBy: true,
  identifiedAt: true,
  mitigatedAt: true,
  resolvedAt: true,
  closedAt: true,
} satisfies Prisma.IncidentSelect;

async function loadState(tx: Tx, id: string) {
  const row = await tx.incident.findUnique({ where: { id }, select: incidentState });
  if (!row) throw notFound('Incident');
  return row;
}

const personLabel = (p: { name: string; email: string } | null | undefined) => (p ? `${p.name} <${p.email}>` : 'nobody');

/** A user who may hold a role: exists, enabled, and at least the given app role. */
async function holder(tx: Tx, userId: string, need: 'responder' | 'commander', path: string) {
  const u = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, role: true, disabled: true } });
  if (!u || u.disabled) throw badRequest(`Invalid body: ${path}: no active user with this id`, [{ path, message: 'no active user with this id' }]);
  if (!hasRole(u.role, need)) {
    const message = `${u.name} has the ${u.role} role; this needs at least ${need}`;
    throw badRequest(`Invalid body: ${path}: ${message}`, [{ path, message }]);
  }
  return u;
}

export async function patchIncident(id: string, input: PatchInput, actor: Actor, ip: string | null): Promise<IncidentOut> {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const before = await loadState(tx, id);
    if (before.status === 'closed') throw conflict('The incident is closed: it cannot change any more');
    const data: Prisma.IncidentUncheckedUpdateManyInput = {};
    const events: Parameters<typeof appendEvent>[3][] = [];
    const reason = input.reason?.trim() || null;

    if (input.status !== undefined) {
      const check = checkTransition(before.status, input.status);
      if (!check.ok) throw conflict(check.reason);
      Object.assign(data, { status: input.status }, stampsAfter(before, input.status, now));
      const verb = before.status === 'resolved' && input.status === 'investigating' ? 'Reopened' : `${STATUS_LABELS[before.status]} → ${STATUS_LABELS[input.status]}`;
      events.push({ type: 'status', at: now, body: `${verb}${reason && input.severity === undefined ? `: ${reason}` : ''}`, data: { from: before.status, to: input.status, reason } });
    }
    if (input.severity !== undefined) {
      if (input.severity === before.severity) throw conflict(`The incident is already ${before.severity}`);
      data.severity = input.severity;
      data.severitySetAt = now;
      events.push({ type: 'severity', at: now, body: `Severity ${before.severity} → ${input.severity}: ${reason}`, data: { from: before.severity, to: input.severity, reason } });
    }
    if (input.commanderId !== undefined) {
      if (input.commanderId === before.commanderId) throw conflict('That person is already the commander');
      const next = input.commanderId ? await holder(tx, input.commanderId, 'commander', 'commanderId') : null;
      const prev = before.commanderId ? await tx.user.findUnique({ where: { id: before.commanderId }, select: { name: true, email: true } }) : null;
      data.commanderId = input.commanderId;
      events.push({
        type: 'role',
        at: now,
        body: `${ROLE_LABELS.commander}: ${personLabel(prev)} → ${personLabel(next)}`,
        data: { role: 'commander', from: before.commanderId, to: input.commanderId },
      });
    }

    // The guard: the row must still be what the decision above was made on.
    const { count } = await tx.incident.updateMany({
      where: { id, status: before.status, severity: before.severity, commanderId: before.commanderId },
      data,
    });
    if (count !== 1) throw changedMeanwhile();
    for (const e of events) await appendEvent(tx, id, actor, e);
    const after = await tx.incident.findUniqueOrThrow({ where: { id }, select: incidentState });
    await writeAudit(actor, { action: 'incident.update', targetType: 'incident', targetId: id, before, after: { ...after, reason } }, ip, tx);
    // A level that requires a postmortem gets it drafted with the resolution, or not at all.
    if (input.status === 'resolved') await onIncidentResolved(tx, id, actor, ip, now);
  });
  return getIncident(id);
}

/** Someone is on it: stops the response clock. Exactly one acknowledgement counts. */
export async function acknowledgeIncident(id: string, actor: Actor, ip: string | null): Promise<IncidentOut> {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const before = await loadState(tx, id);
    if (!isOpen(before.status)) throw conflict(`The incident is ${before.status}: there is nothing left to acknowledge`);
    const { count } = await tx.incident.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedBy: actor.label } });
    if (count !== 1) {
      const current = await tx.incident.findUniqueOrThrow({ where: { id }, select: { acknowledgedAt: true, acknowledgedBy: true } });
      throw new ApiError(409, `Already acknowledged by ${current.acknowledgedBy ?? 'someone'} at ${current.acknowledgedAt?.toISOString() ?? '?'}`);
    }
    await appendEvent(tx, id, actor, { type: 'acknowledged', at: now, body: `Acknowledged by ${actor.label}`, data: {} });
    await writeAudit(actor, { action: 'incident.acknowledge', targetType: 'incident', targetId: id, before: { acknowledgedAt: null }, after: { acknowledgedAt: now, acknowledgedBy: actor.label } }, ip, tx);
  });
  return getIncident(id);
}

const SINGLE_ROLE_COLUMN = { commander: 'commanderId', communications: 'communicationsLeadId', scribe: 'scribeId' } as const;

/**
 * Assign or unassign an incident role. Commander, communications lead and
 * scribe have one holder each: assigning hands the role over. Responders are
 * many. Commanders change any role; a responder may add or remove only themself
 * as a responder.
 */
export async function changeRole(id: string, input: RoleChangeInput, actor: Actor, ip: string | null): Promise<IncidentOut> {
  const self = actor.userId !== null && actor.userId === input.userId;
  if (!hasRole(actor.role, 'commander') && !(input.role === 'responder' && self)) {
    throw new ApiError(403, `Changing incident roles needs the commander role; as ${actor.role} you can only join or leave as a responder yourself`);
  }
  const now = new Date();
  await db.$transaction(async (tx) => {
    const before = await loadState(tx, id);
    if (before.status === 'closed') throw conflict('The incident is closed: its roles cannot change any more');
    let body: string;

    if (input.role === 'responder') {
      const user = input.action === 'assign' ? await holder(tx, input.userId, 'responder', 'userId') : await tx.user.findUnique({ where: { id: input.userId }, select: { name: true, email: true } });
      if (input.action === 'assign') {
        const { count } = await tx.incidentResponder.createMany({ data: [{ incidentId: id, userId: input.userId, addedAt: now }], skipDuplicates: true });
        if (count !== 1) throw conflict(`${personLabel(user)} is already a responder`);
        body = `${personLabel(user)} joined as ${ROLE_LABELS.responder.toLowerCase()}`;
      } else {
        const { count } = await tx.incidentResponder.deleteMany({ where: { incidentId: id, userId: input.userId } });
        if (count !== 1) throw conflict(`${personLabel(user)} is not a responder`);
        body = `${personLabel(user)} left as ${ROLE_LABELS.responder.toLowerCase()}`;
      }
    } else {
      const column = SINGLE_ROLE_COLUMN[input.role];
      const current = before[column];
      const prev = current ? await tx.user.findUnique({ where: { id: current }, select: { name: true, email: true } }) : null;
      let next: string | null;
      if (input.action === 'assign') {
        if (current === input.userId) throw conflict(`${personLabel(prev)} already is ${ROLE_LABELS[input.role].toLowerCase()}`);
        const user = await holder(tx, input.userId, input.role === 'commander' ? 'commander' : 'responder', 'userId');
        next = user.id;
        body = current ? `${ROLE_LABELS[input.role]}: handed over from ${personLabel(prev)} to ${personLabel(user)}` : `${ROLE_LABELS[input.role]}: ${personLabel(user)}`;
      } else {
        if (current !== input.userId) throw conflict(`That person is not the ${ROLE_LABELS[input.role].toLowerCase()}`);
        next = null;
        body = `${ROLE_LABELS[input.role]}: ${personLabel(prev)} stepped down`;
      }
      const { count } = await tx.incident.updateMany({ where: { id, [column]: current }, data: { [column]: next } });
      if (count !== 1) throw changedMeanwhile();
    }

    await appendEvent(tx, id, actor, { type: 'role', at: now, body, data: { role: input.role, userId: input.userId, action: input.action } });
    await writeAudit(actor, { action: `incident.role.${input.action}`, targetType: 'incident', targetId: id, after: { role: input.role, userId: input.userId } }, ip, tx);
  });
  return getIncident(id);
}
