import { db } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { ApiError, conflict, notFound, type IssueOut } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { endpointLabel, firstDueAt, newEndpoint, newServiceFields, planIsEmpty, planServiceChange, type PlanIssue, type ServiceChange } from './plan';
import type { CreateServiceInput, ListServicesQuery, ResultsQuery, UpdateServiceInput } from './schemas';
import { serviceOutInclude, toEndpointOut, toResultOut, toServiceOut } from './serialize';
import { auditView, executePlan, insertService, isUniqueViolation, loadServiceForUpdate, removeService } from './store';
import type { EndpointOut, ResultOut, ServiceOut } from './types';

// Use cases of the service catalog. Each change runs in one transaction with
// its audit entry; header values are encrypted in store.ts and never leave it.

const duplicateMessage = (name: string, environment: string) =>
  `A service named ${name} already exists in environment ${environment}: pick another name or environment, or edit that one`;

/** Issues found against the stored state, as a 400 in the API's error shape. */
export function planIssuesError(issues: PlanIssue[], format: (path: PlanIssue['path']) => string = (p) => p.map(String).join('.')): ApiError {
  const out: IssueOut[] = issues.map((i) => ({ path: format(i.path) || '(root)', message: i.message }));
  const first = out[0];
  return new ApiError(400, `Invalid body: ${first.path}: ${first.message}${out.length > 1 ? ` (and ${out.length - 1} more)` : ''}`, out);
}

export async function listServices(filters: Partial<ListServicesQuery> = {}, now: Date = new Date()): Promise<ServiceOut[]> {
  const where: Prisma.ServiceWhereInput = {};
  if (filters.environment) where.environment = filters.environment;
  if (filters.team) where.team = { equals: filters.team, mode: 'insensitive' };
  if (filters.q) {
    where.OR = [
      { name: { contains: filters.q, mode: 'insensitive' } },
      { description: { contains: filters.q, mode: 'insensitive' } },
      { team: { contains: filters.q, mode: 'insensitive' } },
      { tags: { has: filters.q } },
      { endpoints: { some: { url: { contains: filters.q, mode: 'insensitive' } } } },
    ];
  }
  const rows = await db.service.findMany({ where, include: serviceOutInclude, orderBy: [{ name: 'asc' }, { environment: 'asc' }] });
  const services = rows.map((r) => toServiceOut(r, now));
  return filters.status ? services.filter((s) => s.status === filters.status) : services;
}

export async function findService(id: string, now: Date = new Date()): Promise<ServiceOut | null> {
  const row = await db.service.findUnique({ where: { id }, include: serviceOutInclude });
  return row ? toServiceOut(row, now) : null;
}

export async function getService(id: string, now: Date = new Date()): Promise<ServiceOut> {
  const s = await findService(id, now);
  if (!s) throw notFound('Service');
  return s;
}

export async function createService(input: CreateServiceInput, actor: Actor, ip: string | null): Promise<ServiceOut> {
  const now = new Date();
  const fields = newServiceFields(input);
  const endpoints = input.endpoints.map((e) => newEndpoint({ ...e, path: [] }));
  let id: string;
  try {
    id = await db.$transaction(async (tx) => {
      const existing = await tx.service.findUnique({
        where: { name_environment: { name: fields.name, environment: fields.environment } },
        select: { id: true },
      });
      if (existing) throw conflict(duplicateMessage(fields.name, fields.environment));
      const newId = await insertService(tx, fields, endpoints, now);
      const stored = await loadServiceForUpdate(tx, newId);
      await writeAudit(actor, { action: 'service.create', targetType: 'service', targetId: newId, after: stored ? auditView(stored) : null }, ip, tx);
      return newId;
    });
  } catch (e) {
    // Two creates racing past the check above meet at the unique index.
    if (isUniqueViolation(e)) throw conflict(duplicateMessage(fields.name, fields.environment));
    throw e;
  }
  return getService(id);
}

/** PATCH semantics: see docs/api.md, "Services and catalog". */
export async function updateService(id: string, input: UpdateServiceInput, actor: Actor, ip: string | null): Promise<ServiceOut> {
  const now = new Date();
  const { endpoints, replaceEndpoints, ...fields } = input;
  const change: ServiceChange = {
    ...fields,
    endpoints: endpoints?.map((e, i) => ({ ...e, path: ['endpoints', i] })),
    removeUnlisted: replaceEndpoints === true,
  };
  let target = { name: '', environment: '' };
  try {
    await db.$transaction(async (tx) => {
      const before = await loadServiceForUpdate(tx, id);
      if (!before) throw notFound('Service');
      target = { name: input.name ?? before.name, environment: input.environment ?? before.environment };
      const { plan, issues } = planServiceChange(before, change, { now });
      if (issues.length > 0) throw planIssuesError(issues);
      if (planIsEmpty(plan)) return;
      if (plan.fields.name !== undefined || plan.fields.environment !== undefined) {
        const clash = await tx.service.findFirst({ where: { ...target, id: { not: id } }, select: { id: true } });
        if (clash) throw conflict(duplicateMessage(target.name, target.environment));
      }
      await executePlan(tx, plan, now);
      const after = await loadServiceForUpdate(tx, id);
      await writeAudit(
        actor,
        {
          action: 'service.update',
          targetType: 'service',
          targetId: id,
          before: auditView(before),
          after: after ? { ...auditView(after), changes: plan.changes } : { changes: plan.changes },
        },
        ip,
        tx,
      );
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(duplicateMessage(target.name, target.environment));
    throw e;
  }
  return getService(id);
}

export async function deleteService(id: string, actor: Actor, ip: string | null) {
  return db.$transaction(async (tx) => {
    const before = await loadServiceForUpdate(tx, id);
    if (!before) throw notFound('Service');
    await removeService(tx, id);
    await writeAudit(actor, { action: 'service.delete', targetType: 'service', targetId: id, before: auditView(before) }, ip, tx);
    return { deleted: { id, name: before.name, environment: before.environment } };
  });
}

export async function setEndpointEnabled(serviceId: string, endpointId: string, enabled: boolean, actor: Actor, ip: string | null): Promise<EndpointOut> {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const ep = await tx.endpoint.findFirst({
      where: { id: endpointId, serviceId },
      select: { id: true, kind: true, url: true, enabled: true, intervalSeconds: true },
    });
    if (!ep) throw notFound('Endpoint');
    if (ep.enabled === enabled) return;
    await tx.endpoint.update({
      where: { id: endpointId },
      // Back on: checked soon. Off: a pending "check now" is dropped with it.
      data: enabled ? { enabled, nextDueAt: firstDueAt(now, ep.intervalSeconds) } : { enabled, checkNow: false },
    });
    await writeAudit(
      actor,
      {
        action: enabled ? 'endpoint.enable' : 'endpoint.disable',
        targetType: 'endpoint',
        targetId: endpointId,
        before: { serviceId, endpoint: endpointLabel(ep), enabled: ep.enabled },
        after: { serviceId, endpoint: endpointLabel(ep), enabled },
      },
      ip,
      tx,
    );
  });
  const row = await db.endpoint.findUniqueOrThrow({
    where: { id: endpointId },
    omit: { headersEnc: true, metricsSnapshot: true, leaseOwner: true, leaseUntil: true },
  });
  return toEndpointOut(row, new Date());
}

/**
 * "Check now": every enabled endpoint of the service becomes due at once and is
 * flagged check_now, which the poller treats as due whatever its schedule.
 */
export async function requestCheck(serviceId: string, actor: Actor, ip: string | null): Promise<{ queued: number }> {
  return db.$transaction(async (tx) => {
    const service = await tx.service.findUnique({ where: { id: serviceId }, select: { id: true, name: true, environment: true } });
    if (!service) throw notFound('Service');
    const { count } = await tx.endpoint.updateMany({ where: { serviceId, enabled: true }, data: { checkNow: true, nextDueAt: new Date() } });
    await writeAudit(
      actor,
      { action: 'service.check', targetType: 'service', targetId: serviceId, after: { service: `${service.name} (${service.environment})`, queued: count } },
      ip,
      tx,
    );
    return { queued: count };
  });
}

export async function listResults(serviceId: string, q: Partial<ResultsQuery> = {}): Promise<ResultOut[]> {
  const exists = await db.service.findUnique({ where: { id: serviceId }, select: { id: true } });
  if (!exists) throw notFound('Service');
  const rows = await db.probeResult.findMany({
    where: {
      serviceId,
      kind: q.kind,
      status: q.status,
      endpointId: q.endpointId,
      at: q.since ? { gte: new Date(q.since) } : undefined,
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: q.limit ?? 100,
  });
  return rows.map(toResultOut);
}
