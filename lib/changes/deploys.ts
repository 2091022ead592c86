import { z } from 'zod';
import { db } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { ApiError } from '@/lib/api/errors';

export const deploySchema = z.strictObject({
  service: z.string({ error: 'service is required (its id or name)' }).trim().min(1, 'service is required (its id or name)').max(200),
  environment: z.string().trim().min(1).max(60, 'environment must be at most 60 characters').optional(),
  version: z.string({ error: 'version is required' }).trim().min(1, 'version is required').max(200, 'version must be at most 200 characters'),
  description: z.string().trim().max(2000, 'description must be at most 2000 characters').optional(),
  at: z.iso.datetime({ offset: true, error: 'at must be an ISO date-time' }).optional(),
});
export type DeployInput = z.infer<typeof deploySchema>;

export const deploysQuerySchema = z.strictObject({
  serviceId: z.uuid('serviceId must be a UUID').optional(),
  since: z.iso.datetime({ offset: true, error: 'since must be an ISO date-time' }).optional(),
  limit: z.coerce.number().int().min(1).max(500, 'limit must be at most 500').default(50),
});

const isUuid = (s: string) => z.uuid().safeParse(s).success;

/** Finds the service a pipeline names: by id, or by name (and environment when the name is ambiguous). */
async function resolveService(input: DeployInput) {
  if (isUuid(input.service)) {
    const s = await db.service.findUnique({ where: { id: input.service }, select: { id: true, name: true, environment: true } });
    if (s) return s;
  }
  const matches = await db.service.findMany({
    where: { name: input.service, environment: input.environment },
    select: { id: true, name: true, environment: true },
  });
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new ApiError(400, `No service named ${input.service}${input.environment ? ` in ${input.environment}` : ''}`, [
      { path: 'service', message: 'no such service' },
    ]);
  }
  throw new ApiError(400, `Several services are named ${input.service}: give the environment`, [
    { path: 'environment', message: `required: ${matches.map((m) => m.environment).join(', ')}` },
  ]);
}

export async function recordDeploy(input: DeployInput, actor: Actor, ip: string | null) {
  const service = await resolveService(input);
  return db.$transaction(async (tx) => {
    const change = await tx.changeEvent.create({
      data: {
        serviceId: service.id,
        kind: 'deploy',
        environment: input.environment ?? service.environment,
        version: input.version,
        description: input.description ?? null,
        actor: actor.label,
        at: input.at ? new Date(input.at) : undefined,
      },
    });
    await writeAudit(actor, { action: 'deploy.record', targetType: 'service', targetId: service.id, after: change }, ip, tx);
    return { ...change, service: { id: service.id, name: service.name } };
  });
}

export async function listDeploys(q: z.infer<typeof deploysQuerySchema>) {
  const rows = await db.changeEvent.findMany({
    where: { serviceId: q.serviceId, at: q.since ? { gte: new Date(q.since) } : undefined },
    orderBy: { at: 'desc' },
    take: q.limit,
    include: { service: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.serviceId,
    service: r.service.name,
    kind: r.kind,
    environment: r.environment,
    version: r.version,
    description: r.description,
    actor: r.actor,
    at: r.at,
  }));
}
