import type { Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { encryptHeaders } from './crypto';
import { firstDueAt, type NewEndpoint, type ServiceFields, type ServicePlan, type StoredEndpoint, type StoredService } from './plan';
import type { Link, ThresholdOverride } from './types';

// Data access of the catalog, always inside a transaction the caller owns.
// Header values are encrypted here and nowhere else.

const storedEndpointSelect = {
  id: true,
  kind: true,
  url: true,
  intervalSeconds: true,
  timeoutMs: true,
  enabled: true,
  headerNames: true,
  headersEnc: true,
  telemetryPaths: true,
  nextDueAt: true,
} as const;

const storedServiceSelect = {
  id: true,
  name: true,
  environment: true,
  team: true,
  description: true,
  tags: true,
  links: true,
  thresholds: true,
  failuresBeforeDown: true,
  endpoints: { select: storedEndpointSelect, orderBy: [{ kind: 'asc' }, { url: 'asc' }] },
} satisfies Prisma.ServiceSelect;

type StoredRow = Prisma.ServiceGetPayload<{ select: typeof storedServiceSelect }>;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function linksFromJson(v: unknown): Link[] {
  return Array.isArray(v)
    ? v.filter((l): l is Link => isRecord(l) && typeof l.label === 'string' && typeof l.url === 'string').map((l) => ({ label: l.label, url: l.url }))
    : [];
}

export function thresholdsFromJson(v: unknown): Record<string, ThresholdOverride> {
  if (!isRecord(v)) return {};
  const out: Record<string, ThresholdOverride> = {};
  for (const [k, t] of Object.entries(v)) {
    if (isRecord(t) && typeof t.warning === 'number' && typeof t.critical === 'number') out[k] = { warning: t.warning, critical: t.critical };
  }
  return out;
}

export function stringMapFromJson(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function toStored(row: StoredRow): StoredService {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    team: row.team,
    description: row.description,
    tags: row.tags,
    links: linksFromJson(row.links),
    thresholds: thresholdsFromJson(row.thresholds),
    failuresBeforeDown: row.failuresBeforeDown,
    endpoints: row.endpoints.map(
      (e): StoredEndpoint => ({ ...e, kind: e.kind, telemetryPaths: stringMapFromJson(e.telemetryPaths) }),
    ),
  };
}

/** One service as the planner needs it, locked against concurrent changes until the transaction ends. */
export async function loadServiceForUpdate(tx: Tx, id: string): Promise<StoredService | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM services WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) return null;
  const row = await tx.service.findUnique({ where: { id }, select: storedServiceSelect });
  return row ? toStored(row) : null;
}

export async function loadAllServices(tx: Tx): Promise<StoredService[]> {
  const rows = await tx.service.findMany({ select: storedServiceSelect, orderBy: [{ name: 'asc' }, { environment: 'asc' }] });
  return rows.map(toStored);
}

/** The service, minus anything secret, as written to the audit log. */
export function auditView(s: StoredService) {
  return {
    name: s.name,
    environment: s.environment,
    team: s.team,
    description: s.description,
    tags: s.tags,
    links: s.links,
    thresholds: s.thresholds,
    failuresBeforeDown: s.failuresBeforeDown,
    endpoints: s.endpoints.map((e) => ({
      id: e.id,
      kind: e.kind,
      url: e.url,
      intervalSeconds: e.intervalSeconds,
      timeoutMs: e.timeoutMs,
      enabled: e.enabled,
      headerNames: e.headerNames,
      telemetryPaths: e.telemetryPaths,
    })),
  };
}

function headerColumns(headers: Record<string, string>) {
  const names = Object.keys(headers);
  return { headerNames: names, headersEnc: names.length > 0 ? encryptHeaders(headers) : null };
}

function endpointCreateData(serviceId: string, ep: NewEndpoint, now: Date): Prisma.EndpointCreateManyInput {
  return {
    serviceId,
    kind: ep.kind,
    url: ep.url,
    intervalSeconds: ep.intervalSeconds,
    timeoutMs: ep.timeoutMs,
    enabled: ep.enabled,
    telemetryPaths: ep.telemetryPaths,
    ...headerColumns(ep.headers),
    nextDueAt: firstDueAt(now, ep.intervalSeconds),
  };
}

function serviceColumns(f: Partial<ServiceFields>) {
  return {
    name: f.name,
    environment: f.environment,
    team: f.team,
    description: f.description,
    tags: f.tags,
    links: f.links as Prisma.InputJsonValue | undefined,
    thresholds: f.thresholds as Prisma.InputJsonValue | undefined,
    failuresBeforeDown: f.failuresBeforeDown,
  };
}

export async function insertService(tx: Tx, fields: ServiceFields, endpoints: NewEndpoint[], now: Date): Promise<string> {
  const service = await tx.service.create({ data: serviceColumns(fields) as Prisma.ServiceCreateInput, select: { id: true } });
  if (endpoints.length > 0) {
    await tx.endpoint.createMany({ data: endpoints.map((ep) => endpointCreateData(service.id, ep, now)) });
  }
  return service.id;
}

/** What is known about an endpoint from its previous configuration, forgotten. */
const RESET_STATE = {
  status: 'unknown',
  consecutiveFailures: 0,
  failingSince: null,
  lastError: null,
  lastCheckedAt: null,
  lastHttpStatus: null,
  lastLatencyMs: null,
  lastSummary: Prisma.DbNull,
  metricsSnapshot: Prisma.DbNull,
} as const;

/** Lease owner written when an endpoint's configuration changes under an in-flight probe. */
export const RECONFIGURED = 'catalog:reconfigured';

/** Endpoints gone: their rollups have no foreign key, and their open alerts would never close. */
async function forgetEndpoints(tx: Tx, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await tx.probeRollupMinute.deleteMany({ where: { endpointId: { in: ids } } });
  await tx.probeRollupHour.deleteMany({ where: { endpointId: { in: ids } } });
  await tx.alert.updateMany({ where: { endpointId: { in: ids }, resolvedAt: null }, data: { resolvedAt: now, openKey: null, updatedAt: now } });
}

export async function executePlan(tx: Tx, plan: ServicePlan, now: Date): Promise<void> {
  if (plan.deletes.length > 0) {
    const ids = plan.deletes.map((d) => d.id);
    await forgetEndpoints(tx, ids, now);
    await tx.endpoint.deleteMany({ where: { id: { in: ids }, serviceId: plan.serviceId } });
  }
  for (const u of plan.updates) {
    await tx.endpoint.update({
      where: { id: u.id },
      data: {
        ...u.fields,
        telemetryPaths: u.fields.telemetryPaths,
        ...(u.headers ? headerColumns(u.headers) : {}),
        // An expired lease held by nobody real: a probe of the old configuration still in
        // flight has lost its lease, so the scheduler's writer drops its state update, while
        // the endpoint stays claimable at once (lib/scheduler: claim.ts, writer.ts).
        ...(u.resetState ? { ...RESET_STATE, statusChangedAt: now, leaseOwner: RECONFIGURED, leaseUntil: now } : {}),
        ...(u.fields.enabled === false ? { checkNow: false } : {}),
        ...(u.dueAt ? { nextDueAt: u.dueAt } : {}),
      },
    });
  }
  if (plan.creates.length > 0) {
    await tx.endpoint.createMany({ data: plan.creates.map((ep) => endpointCreateData(plan.serviceId, ep, now)) });
  }
  const columns = serviceColumns(plan.fields);
  const anyField = Object.values(columns).some((v) => v !== undefined);
  // Touch updated_at even when only endpoints changed, so "last changed" means the whole service.
  await tx.service.update({ where: { id: plan.serviceId }, data: anyField ? columns : { updatedAt: now } });
}

/** Deletes a service with everything that hangs off it (endpoints, results and alerts cascade; rollups do not). */
export async function removeService(tx: Tx, id: string): Promise<void> {
  await tx.probeRollupMinute.deleteMany({ where: { serviceId: id } });
  await tx.probeRollupHour.deleteMany({ where: { serviceId: id } });
  await tx.service.delete({ where: { id } });
}

/** Serialises catalog writes that look at the whole catalog (YAML apply). */
export async function lockCatalog(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('opsdeck.catalog'))`;
}

export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === 'P2002';
}
