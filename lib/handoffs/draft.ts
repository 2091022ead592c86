import { db } from '@/lib/db/client';
import { serviceStatus } from '@/lib/catalog/status';
import { OPEN_STATUSES } from '@/lib/incidents/lifecycle';
import type { Prisma } from '@/lib/generated/prisma/client';
import { handoffTitle, renderHandoffMarkdown } from './markdown';
import type { DraftInput } from './schemas';
import type { HandoffDraftData, HandoffDraftOut } from './types';

/** Default shift window: the last 12 hours. */
export const DEFAULT_WINDOW_MS = 12 * 3600_000;

/** Gathers the state of things for a shift window and drafts the note. */
export async function draftHandoff(input: DraftInput, now: Date = new Date()): Promise<HandoffDraftOut> {
  const to = input.to ? new Date(input.to) : now;
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
  const team = input.team ?? null;
  const serviceWhere: Prisma.ServiceWhereInput = team ? { team } : {};

  const services = await db.service.findMany({
    where: serviceWhere,
    select: { id: true, name: true, environment: true, team: true, endpoints: { select: { enabled: true, status: true, lastCheckedAt: true, intervalSeconds: true } } },
    orderBy: [{ name: 'asc' }, { environment: 'asc' }],
  });
  const serviceIds = services.map((s) => s.id);
  // With a team: incidents touching its services; without: every one.
  const incidentScope: Prisma.IncidentWhereInput = team ? { services: { some: { serviceId: { in: serviceIds } } } } : {};

  const [openIncidents, resolved, deploys, alerts] = await Promise.all([
    db.incident.findMany({
      where: { ...incidentScope, status: { in: [...OPEN_STATUSES] } },
      select: { id: true, number: true, title: true, severity: true, status: true, declaredAt: true, commander: { select: { name: true, email: true } } },
      orderBy: [{ severity: 'asc' }, { declaredAt: 'asc' }],
    }),
    db.incident.findMany({
      where: { ...incidentScope, resolvedAt: { gte: from, lte: to } },
      select: { id: true, number: true, title: true, severity: true, resolvedAt: true },
      orderBy: { resolvedAt: 'asc' },
    }),
    db.changeEvent.findMany({
      where: { serviceId: team ? { in: serviceIds } : undefined, at: { gte: from, lte: to } },
      include: { service: { select: { name: true } } },
      orderBy: { at: 'asc' },
    }),
    db.alert.findMany({
      where: { serviceId: team ? { in: serviceIds } : undefined, resolvedAt: null },
      include: { service: { select: { name: true, environment: true } } },
      orderBy: [{ level: 'desc' }, { openedAt: 'asc' }],
    }),
  ]);

  const data: HandoffDraftData = {
    from: from.toISOString(),
    to: to.toISOString(),
    team,
    escalationContact: input.escalationContact || null,
    services: services.map((s) => ({ id: s.id, name: s.name, environment: s.environment, team: s.team, status: serviceStatus(s.endpoints, now) })),
    openIncidents: openIncidents.map((i) => ({
      id: i.id,
      number: i.number,
      title: i.title,
      severity: i.severity,
      status: i.status,
      commander: i.commander ? `${i.commander.name} <${i.commander.email}>` : null,
      declaredAt: i.declaredAt.toISOString(),
    })),
    deploys: deploys.map((c) => ({
      id: c.id,
      at: c.at.toISOString(),
      service: c.service.name,
      environment: c.environment,
      version: c.version,
      kind: c.kind,
      actor: c.actor,
      description: c.description,
    })),
    openAlerts: alerts.map((a) => ({ id: a.id, service: a.service.name, environment: a.service.environment, level: a.level, message: a.message, openedAt: a.openedAt.toISOString() })),
    resolvedIncidents: resolved.map((i) => ({ id: i.id, number: i.number, title: i.title, severity: i.severity, resolvedAt: i.resolvedAt!.toISOString() })),
  };
  return { ...data, title: handoffTitle(data), body: renderHandoffMarkdown(data) };
}
