import type { Actor } from '@/lib/auth/actor';
import type { Tx } from '@/lib/db/client';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

// Keys whose values must never be written to the audit log, at any depth.
const SECRET_KEYS = /^(password|passwordHash|token|tokenHash|secret|headers|authorization|apiKey)$/i;

/** Copy of a value fit for the audit log: secrets masked, dates as ISO strings, bigints as strings. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (depth > 8) return '[…]';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEYS.test(k) ? (v == null ? v : '[redacted]') : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

const json = (v: unknown) => (v === undefined ? Prisma.DbNull : (redact(v) as Prisma.InputJsonValue));

/**
 * Appends one entry. Pass the transaction of the change it describes so the
 * change and its audit entry are written together or not at all.
 */
export async function writeAudit(actor: Actor, entry: AuditEntry, ip: string | null, tx?: Tx) {
  await (tx ?? db).auditLog.create({
    data: {
      actorType: actor.type,
      actorId: actor.userId ?? actor.tokenId ?? null,
      actorLabel: actor.label,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      ip,
    },
  });
}
