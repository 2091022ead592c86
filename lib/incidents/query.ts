import type pg from 'pg';
import { db, pool as defaultPool, type Tx } from '@/lib/db/client';
import { notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { endpointFreshStatus, serviceStatus } from '@/lib/catalog/status';
import { thresholdsFromJson } from '@/lib/catalog/store';
import { evaluateKpis } from '@/lib/alerts/thresholds';
import type { ProbeSummary } from '@/lib/probes/types';
import { computeClocks } from './clocks';
import { allowedTransitions, OPEN_STATUSES } from './lifecycle';
import { compareSeverity, levelOf, type Severity, type SeverityLevel } from './policy';
import { loadPolicy } from './severity-policy';
import { suggestSeverity, type SignalService, type Suggestion } from './suggest';
import type { ExistingIncidentRef, IncidentOut, IncidentServiceOut, IncidentSummaryOut, PersonOut } from './types';
import type { ListQuery } from './schemas';

// Reading incidents: rows → API objects, with the live status of their
// services, their clocks and the severity the signals suggest.

const personSelect = { id: true, name: true, email: true } as const;

/** What the live view of a service needs: endpoints' latest state, thresholds. */
export const signalServiceSelect = {
  id: true,
  name: true,
  environment: true,
  thresholds: true,
  endpoints: {
    select: { id: true, kind: true, enabled: true, status: true, lastCheckedAt: true, intervalSeconds: true, lastSummary: true, lastError: true },
    orderBy: [{ kind: 'asc' }, { url: 'asc' }],
  },
} satisfies Prisma.ServiceSelect;

export const incidentInclude = {
  commander: { select: personSelect },
  communicationsLead: { select: personSelect },
  scribe: { select: personSelect },
  responders: { include: { user: { select: personSelect } }, orderBy: { addedAt: 'asc' } },
  services: { include: { service: { select: signalServiceSelect } }, orderBy: { addedAt: 'asc' } },
} satisfies Prisma.IncidentInclude;

type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;
type ServiceRow = Prisma.ServiceGetPayload<{ select: typeof signalServiceSelect }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSignalService(s: ServiceRow): SignalService {
  return {
    id: s.id,
    name: s.name,
    environment: s.environment,
    thresholds: thresholdsFromJson(s.thresholds),
    endpoints: s.endpoints.map((e) => ({ ...e, lastSummary: (e.lastSummary as ProbeSummary | null) ?? null })),
  };
}

function serviceOut(s: ServiceRow, now: Date): IncidentServiceOut {
  const thresholds = thresholdsFromJson(s.thresholds);
  const breaches: IncidentServiceOut['breaches'] = [];
  for (const e of s.endpoints) {
    const kpis = (e.lastSummary as ProbeSummary | null)?.kpis;
    if (!e.enabled || !kpis || endpointFreshStatus(e, now) === 'unknown') continue;
    for (const ev of evaluateKpis(kpis, thresholds)) {
      if (ev.level !== 'ok') breaches.push({ kpi: ev.kpi, value: ev.value, level: ev.level, limit: ev.level === 'critical' ? ev.threshold.critical : ev.threshold.warning });
    }
  }
  return {
    id: s.id,
    name: s.name,
    environment: s.environment,
    status: serviceStatus(s.endpoints, now),
    endpoints: s.endpoints.map((e) => ({
      id: e.id,
      kind: e.kind,
      enabled: e.enabled,
      status: endpointFreshStatus(e, now),
      error: e.lastError,
      lastCheckedAt: iso(e.lastCheckedAt),
    })),
    breaches,
  };
}

const person = (p: PersonOut | null): PersonOut | null => (p ? { id: p.id, name: p.name, email: p.email } : null);

function summaryOut(r: IncidentRow, policy: SeverityLevel[], now: Date): IncidentSummaryOut {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    summary: r.summary,
    severity: r.severity,
    status: r.status,
    declaredAt: r.declaredAt.toISOString(),
    declaredBy: r.declaredBy,
    severitySetAt: r.severitySetAt.toISOString(),
    acknowledgedAt: iso(r.acknowledgedAt),
    acknowledgedBy: r.acknowledgedBy,
    identifiedAt: iso(r.identifiedAt),
    mitigatedAt: iso(r.mitigatedAt),
    resolvedAt: iso(r.resolvedAt),
    closedAt: iso(r.closedAt),
    updatedAt: r.updatedAt.toISOString(),
    services: r.services.map((l) => ({ id: l.service.id, name: l.service.name, environment: l.service.environment, status: serviceStatus(l.service.endpoints, now) })),
    commander: person(r.commander),
    clocks: computeClocks(r, levelOf(policy, r.severity), now),
  };
}

export function incidentOut(r: IncidentRow, policy: SeverityLevel[], now: Date): IncidentOut {
  const base = summaryOut(r, policy, now);
  return {
    ...base,
    services: r.services.map((l) => serviceOut(l.service, now)),
    roles: {
      commander: person(r.commander),
      communications: person(r.communicationsLead),
      scribe: person(r.scribe),
      responders: r.responders.map((x) => person(x.user)!),
    },
    suggestion: suggestSeverity(r.services.map((l) => toSignalService(l.service)), now),
    allowedTransitions: [...allowedTransitions(r.status)],
    policy: levelOf(policy, r.severity),
  };
}

export async function findIncident(id: string, now: Date = new Date(), client: Tx | typeof db = db): Promise<IncidentOut | null> {
  // One after the other: inside a transaction both go over the same connection.
  const row = await client.incident.findUnique({ where: { id }, include: incidentInclude });
  return row ? incidentOut(row, await loadPolicy(client), now) : null;
}

export async function getIncident(id: string, now: Date = new Date()): Promise<IncidentOut> {
  const i = await findIncident(id, now);
  if (!i) throw notFound('Incident');
  return i;
}

/** Open first; among them the most severe, then the newest. */
export async function listIncidents(q: Pick<ListQuery, 'state' | 'limit'>, now: Date = new Date()): Promise<IncidentSummaryOut[]> {
  const where: Prisma.IncidentWhereInput =
    q.state === 'open' ? { status: { in: [...OPEN_STATUSES] } } : q.state === 'resolved' ? { status: { in: ['resolved', 'closed'] } } : {};
  const [rows, policy] = await Promise.all([
    db.incident.findMany({ where, include: incidentInclude, orderBy: { declaredAt: 'desc' }, take: q.limit }),
    loadPolicy(),
  ]);
  const open = (s: string) => ((OPEN_STATUSES as readonly string[]).includes(s) ? 0 : 1);
  return rows
    .map((r) => summaryOut(r, policy, now))
    .sort((a, b) => open(a.status) - open(b.status) || (open(a.status) === 0 ? compareSeverity(a.severity, b.severity) : 0) || b.declaredAt.localeCompare(a.declaredAt));
}

/** Open incidents that already cover any of these services. */
export async function openIncidentsCovering(client: Tx | typeof db, serviceIds: string[]): Promise<ExistingIncidentRef[]> {
  if (serviceIds.length === 0) return [];
  const rows = await client.incident.findMany({
    where: { status: { in: [...OPEN_STATUSES] }, services: { some: { serviceId: { in: serviceIds } } } },
    select: { id: true, number: true, title: true, severity: true, status: true, services: { select: { serviceId: true } } },
    orderBy: { number: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    severity: r.severity,
    status: r.status,
    serviceIds: r.services.map((s) => s.serviceId).filter((id) => serviceIds.includes(id)),
  }));
}

/** What the live signals of these services suggest, before any incident exists (the declare form). */
export async function suggestForServices(serviceIds: string[], now: Date = new Date()): Promise<{ suggestion: Suggestion | null; services: IncidentServiceOut[] }> {
  const rows = await db.service.findMany({ where: { id: { in: serviceIds } }, select: signalServiceSelect, orderBy: { name: 'asc' } });
  return { suggestion: suggestSeverity(rows.map(toSignalService), now), services: rows.map((r) => serviceOut(r, now)) };
}

export interface DashboardIncident {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: string;
  serviceIds: string[];
}

/** For the dashboard: every open incident with the ids of its services, most severe first. */
export async function openIncidentsForDashboard(pool: pg.Pool = defaultPool()): Promise<DashboardIncident[]> {
  const r = await pool.query<DashboardIncident>(
    `SELECT i.id, i.number, i.title, i.severity::text AS severity, i.status::text AS status,
            COALESCE(array_agg(s.service_id::text ORDER BY s.service_id) FILTER (WHERE s.service_id IS NOT NULL), '{}') AS "serviceIds"
     FROM incidents i LEFT JOIN incident_services s ON s.incident_id = i.id
     WHERE i.status IN ('investigating', 'identified', 'mitigated')
     GROUP BY i.id
     ORDER BY i.severity, i.declared_at DESC`,
  );
  return r.rows;
}
