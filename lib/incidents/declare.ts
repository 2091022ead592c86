import { db, type Tx } from '@/lib/db/client';
import { SYSTEM_ACTOR, type Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { badRequest, conflict } from '@/lib/api/errors';
import { appendEvent } from './events';
import { byRank, type Severity } from './policy';
import { getIncident, openIncidentsCovering, signalServiceSelect, toSignalService } from './query';
import { loadPolicy } from './severity-policy';
import { suggestSeverity } from './suggest';
import type { DeclareInput } from './schemas';
import type { ExistingIncidentRef, IncidentOut } from './types';

// Declaring an incident. Declarations are rare and must never double up, so
// they take one transaction-level advisory lock: under it the idempotency key
// is looked up, duplicates over the same services are found, and the next
// number is taken (no gaps, no races).

const DECLARE_LOCK = 'opsdeck.incidents.declare';
/** Deploys this recent before the declaration go on the timeline as context. */
const RECENT_DEPLOYS_MS = 60 * 60_000;

export type DeclareResult =
  | { kind: 'created'; incident: IncidentOut }
  | { kind: 'replayed'; incident: IncidentOut }
  | { kind: 'duplicate'; existing: ExistingIncidentRef[] };

type Outcome = { kind: 'created' | 'replayed'; id: string } | { kind: 'duplicate'; existing: ExistingIncidentRef[] };

async function byKey(tx: Tx, key: string, title: string): Promise<Outcome | null> {
  const found = await tx.incident.findUnique({ where: { idempotencyKey: key }, select: { id: true, title: true } });
  if (!found) return null;
  if (found.title !== title) throw conflict('This idempotencyKey was already used to declare another incident: use a new key for a new declaration');
  return { kind: 'replayed', id: found.id };
}

export async function declareIncident(input: DeclareInput, actor: Actor, ip: string | null): Promise<DeclareResult> {
  const serviceIds = [...(input.serviceIds ?? [])];
  const now = new Date();
  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${DECLARE_LOCK}))`;
    if (input.idempotencyKey) {
      const replay = await byKey(tx, input.idempotencyKey, input.title);
      if (replay) return replay;
    }
    const fromAlert = input.alertId
      ? await tx.alert.findUnique({ where: { id: input.alertId }, select: { id: true, serviceId: true, level: true, message: true, openedAt: true, resolvedAt: true } })
      : null;
    if (input.alertId && !fromAlert) throw badRequest('Invalid body: alertId: no alert with this id', [{ path: 'alertId', message: 'no alert with this id' }]);
    if (fromAlert && !serviceIds.includes(fromAlert.serviceId)) serviceIds.push(fromAlert.serviceId);

    const services = await tx.service.findMany({ where: { id: { in: serviceIds } }, select: signalServiceSelect });
    const unknown = serviceIds.map((id, i) => [id, i] as const).filter(([id]) => !services.some((s) => s.id === id));
    if (unknown.length) {
      throw badRequest(
        `Invalid body: serviceIds.${unknown[0][1]}: no service with this id`,
        unknown.map(([, i]) => ({ path: `serviceIds.${i}`, message: 'no service with this id' })),
      );
    }
    if (!input.allowDuplicate) {
      const existing = await openIncidentsCovering(tx, serviceIds);
      if (existing.length) return { kind: 'duplicate', existing };
    }

    const policy = await loadPolicy(tx);
    const suggestion = suggestSeverity(services.map(toSignalService), now);
    const severity: Severity = input.severity ?? suggestion?.level ?? byRank(policy).at(-1)!.level;
    const severitySource = input.severity ? 'given' : suggestion ? 'suggested' : 'default';

    const max = await tx.incident.aggregate({ _max: { number: true } });
    const number = (max._max.number ?? 0) + 1;
    const incident = await tx.incident.create({
      data: {
        number,
        title: input.title,
        summary: input.summary || null,
        severity,
        idempotencyKey: input.idempotencyKey ?? null,
        declaredAt: now,
        severitySetAt: now,
        declaredBy: actor.label,
        declaredById: actor.userId ?? actor.tokenId ?? null,
        // Whoever declares commands until they hand over.
        commanderId: actor.userId,
        services: { create: serviceIds.map((serviceId) => ({ serviceId, addedAt: now })) },
      },
      select: { id: true },
    });

    const names = services.map((s) => `${s.name} (${s.environment})`);
    await appendEvent(tx, incident.id, actor, {
      type: 'declared',
      at: now,
      body: `Declared ${severity}${names.length ? ` affecting ${names.join(', ')}` : ''}${
        severitySource === 'suggested' ? ` (severity suggested: ${suggestion!.reason})` : input.severityReason ? ` (${input.severityReason})` : ''
      }${fromAlert ? ` — from the ${fromAlert.level} alert "${fromAlert.message}"` : ''}`,
      data: {
        fromAlert: fromAlert ? { alertId: fromAlert.id, level: fromAlert.level, message: fromAlert.message, openedAt: fromAlert.openedAt.toISOString() } : null,
        severity,
        severitySource,
        severityReason: input.severityReason || null,
        serviceIds,
        suggestion: suggestion ? { level: suggestion.level, reason: suggestion.reason } : null,
      },
    });

    // What was already going on: alerts open now, deploys of the last hour.
    const alerts = await tx.alert.findMany({
      where: { serviceId: { in: serviceIds }, resolvedAt: null },
      orderBy: { openedAt: 'asc' },
      include: { service: { select: { name: true, environment: true } } },
    });
    const deploys = await tx.changeEvent.findMany({
      where: { serviceId: { in: serviceIds }, at: { gte: new Date(now.getTime() - RECENT_DEPLOYS_MS) } },
      orderBy: { at: 'asc' },
      include: { service: { select: { name: true } } },
    });
    const system = SYSTEM_ACTOR;
    for (const a of alerts) {
      await appendEvent(tx, incident.id, system, {
        type: 'alert_opened',
        at: a.openedAt,
        body: `${a.level} alert opened on ${a.service.name} (${a.service.environment}): ${a.message}`,
        data: { alertId: a.id, serviceId: a.serviceId, endpointId: a.endpointId, key: a.key, level: a.level, message: a.message, openAtDeclaration: true },
      });
    }
    for (const d of deploys) {
      await appendEvent(tx, incident.id, system, {
        type: 'deploy',
        at: d.at,
        body: `${d.kind} ${d.version} of ${d.service.name} (${d.environment}) by ${d.actor}${d.description ? `: ${d.description}` : ''}`,
        data: { changeId: d.id, serviceId: d.serviceId, kind: d.kind, version: d.version, environment: d.environment, by: d.actor, beforeDeclaration: true },
      });
    }

    await writeAudit(
      actor,
      {
        action: 'incident.declare',
        targetType: 'incident',
        targetId: incident.id,
        after: { number, title: input.title, severity, severitySource, serviceIds, summary: input.summary ?? null, idempotencyKey: input.idempotencyKey ?? null, alertId: fromAlert?.id ?? null },
      },
      ip,
      tx,
    );
    return { kind: 'created', id: incident.id };
  });

  if (outcome.kind === 'duplicate') return outcome;
  return { kind: outcome.kind, incident: await getIncident(outcome.id) };
}

/** The message of the 409 that lets a client offer to join instead. */
export function duplicateMessage(existing: ExistingIncidentRef[]): string {
  const list = existing.map((e) => `#${e.number} (${e.title})`).join(', ');
  return `${existing.length === 1 ? 'Incident' : 'Incidents'} ${list} already ${existing.length === 1 ? 'covers' : 'cover'} these services: join instead, or declare anyway with allowDuplicate: true`;
}
