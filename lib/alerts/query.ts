import { z } from 'zod';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { openIncidentsCovering } from '@/lib/incidents/query';

export const alertsQuerySchema = z.strictObject({
  state: z.enum(['open', 'resolved', 'all'], { error: 'state must be open, resolved or all' }).default('open'),
  serviceId: z.uuid('serviceId must be a UUID').optional(),
  level: z.enum(['warning', 'critical'], { error: 'level must be warning or critical' }).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1').max(1000, 'limit must be at most 1000').default(200),
});
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;

export async function listAlerts(q: AlertsQuery) {
  const where: Prisma.AlertWhereInput = {
    resolvedAt: q.state === 'open' ? null : q.state === 'resolved' ? { not: null } : undefined,
    serviceId: q.serviceId,
    level: q.level,
  };
  const rows = await db.alert.findMany({
    where,
    orderBy: [{ resolvedAt: { sort: 'desc', nulls: 'first' } }, { openedAt: 'desc' }],
    take: q.limit,
    include: { service: { select: { name: true, environment: true } } },
  });
  // Which open incidents already cover each alert's service: the page offers to join rather than declare.
  const covering = await openIncidentsCovering(db, [...new Set(rows.map((a) => a.serviceId))]);
  return rows.map((a) => ({
    id: a.id,
    service: { id: a.serviceId, name: a.service.name, environment: a.service.environment },
    endpointId: a.endpointId,
    key: a.key,
    state: a.resolvedAt ? 'resolved' : 'open',
    level: a.level,
    peakLevel: a.peakLevel,
    message: a.message,
    value: a.value,
    threshold: a.threshold,
    openedAt: a.openedAt,
    updatedAt: a.updatedAt,
    resolvedAt: a.resolvedAt,
    incidents: covering.filter((i) => i.serviceIds.includes(a.serviceId)).map(({ id, number, title, severity, status }) => ({ id, number, title, severity, status })),
  }));
}

export type AlertOut = Awaited<ReturnType<typeof listAlerts>>[number];
