import { z } from 'zod';
import { db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';

export const auditQuerySchema = z.strictObject({
  format: z.enum(['json', 'jsonl'], { error: 'format must be json or jsonl' }).default('json'),
  since: z.iso.datetime({ offset: true, error: 'since must be an ISO date-time' }).optional(),
  until: z.iso.datetime({ offset: true, error: 'until must be an ISO date-time' }).optional(),
  action: z.string().max(100).optional(),
  actor: z.string().max(254).optional(),
  targetType: z.string().max(60).optional(),
  targetId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1').max(10_000, 'limit must be at most 10000').default(200),
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

function where(q: Omit<AuditQuery, 'format' | 'limit'>): Prisma.AuditLogWhereInput {
  return {
    at: { gte: q.since ? new Date(q.since) : undefined, lte: q.until ? new Date(q.until) : undefined },
    action: q.action ? { startsWith: q.action } : undefined,
    actorLabel: q.actor ? { contains: q.actor, mode: 'insensitive' } : undefined,
    targetType: q.targetType,
    targetId: q.targetId,
    id: q.before ? { lt: BigInt(q.before) } : undefined,
  };
}

export type AuditRow = ReturnType<typeof toJson>;

function toJson(r: Awaited<ReturnType<typeof db.auditLog.findMany>>[number]) {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: { type: r.actorType, id: r.actorId, label: r.actorLabel },
    action: r.action,
    target: r.targetType ? { type: r.targetType, id: r.targetId } : null,
    before: r.before,
    after: r.after,
    ip: r.ip,
  };
}

/** A page of entries, newest first; `nextBefore` continues below the last one. */
export async function listAudit(q: Omit<AuditQuery, 'format'>) {
  const rows = await db.auditLog.findMany({ where: where(q), orderBy: { id: 'desc' }, take: q.limit });
  const entries = rows.map(toJson);
  return { entries, nextBefore: rows.length === q.limit ? rows[rows.length - 1].id.toString() : null };
}

/** Every matching entry as JSON Lines, oldest first, read in chunks so a large export stays small in memory. */
export function auditJsonlStream(q: Omit<AuditQuery, 'format' | 'limit' | 'before'>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let after: bigint | undefined;
  return new ReadableStream({
    async pull(controller) {
      const rows = await db.auditLog.findMany({
        where: { ...where(q), id: after !== undefined ? { gt: after } : undefined },
        orderBy: { id: 'asc' },
        take: 1000,
      });
      if (rows.length === 0) return controller.close();
      after = rows[rows.length - 1].id;
      controller.enqueue(enc.encode(rows.map((r) => JSON.stringify(toJson(r))).join('\n') + '\n'));
    },
  });
}
