import { db } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { TEST_EVENT, type WebhookEvent, type WebhookFormat, type WebhookPayload } from './events';
import { encryptSecret } from './secret';
import type { CreateWebhookInput, UpdateWebhookInput } from './schemas';

// Managing webhooks (admin) and reading their delivery log. Every change is
// written with its audit entry in one transaction; the secret is never returned.

export interface WebhookOut {
  id: string;
  name: string;
  url: string;
  format: WebhookFormat;
  events: WebhookEvent[];
  enabled: boolean;
  /** Whether a signing secret is stored (its value never leaves the server). */
  hasSecret: boolean;
  createdAt: string;
  updatedAt: string;
  deliveries: { pending: number; failed: number; lastDeliveredAt: string | null };
}

export interface DeliveryOut {
  id: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastHttpStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  log: { at: string; httpStatus: number | null; error: string | null; durationMs: number }[];
}

type Row = Prisma.WebhookGetPayload<object>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function out(w: Row, stats?: WebhookOut['deliveries']): WebhookOut {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    format: w.format,
    events: w.events as WebhookEvent[],
    enabled: w.enabled,
    hasSecret: w.secretEnc !== null,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
    deliveries: stats ?? { pending: 0, failed: 0, lastDeliveredAt: null },
  };
}

/** What the audit log keeps of a webhook: everything but the secret, which is only "set" or not. */
const auditView = (w: Row) => ({ name: w.name, url: w.url, format: w.format, events: w.events, enabled: w.enabled, hasSecret: w.secretEnc !== null });

export async function listWebhooks(): Promise<WebhookOut[]> {
  const rows = await db.webhook.findMany({ orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] });
  const stats = await db.webhookDelivery.groupBy({ by: ['webhookId', 'status'], _count: { _all: true }, _max: { deliveredAt: true } });
  return rows.map((w) => {
    const mine = stats.filter((s) => s.webhookId === w.id);
    const count = (st: string) => mine.find((s) => s.status === st)?._count._all ?? 0;
    return out(w, { pending: count('pending'), failed: count('failed'), lastDeliveredAt: iso(mine.find((s) => s.status === 'delivered')?._max.deliveredAt ?? null) });
  });
}

export async function getWebhook(id: string): Promise<WebhookOut> {
  const w = await db.webhook.findUnique({ where: { id } });
  if (!w) throw notFound('Webhook');
  return out(w);
}

export async function createWebhook(input: CreateWebhookInput, actor: Actor, ip: string | null): Promise<WebhookOut> {
  return db.$transaction(async (tx) => {
    const w = await tx.webhook.create({
      data: {
        name: input.name,
        url: input.url,
        format: input.format,
        events: input.events,
        enabled: input.enabled,
        secretEnc: input.secret ? encryptSecret(input.secret) : null,
      },
    });
    await writeAudit(actor, { action: 'webhook.create', targetType: 'webhook', targetId: w.id, after: auditView(w) }, ip, tx);
    return out(w);
  });
}

export async function updateWebhook(id: string, input: UpdateWebhookInput, actor: Actor, ip: string | null): Promise<WebhookOut> {
  return db.$transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw notFound('Webhook');
    const data: Prisma.WebhookUpdateInput = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.url !== undefined) data.url = input.url;
    if (input.format !== undefined) data.format = input.format;
    if (input.events !== undefined) data.events = input.events;
    if (input.enabled !== undefined) data.enabled = input.enabled;
    if (input.secret !== undefined) data.secretEnc = input.secret === null ? null : encryptSecret(input.secret);
    const after = await tx.webhook.update({ where: { id }, data });
    await writeAudit(
      actor,
      { action: 'webhook.update', targetType: 'webhook', targetId: id, before: auditView(before), after: { ...auditView(after), secretChanged: input.secret !== undefined } },
      ip,
      tx,
    );
    return out(after);
  });
}

export async function deleteWebhook(id: string, actor: Actor, ip: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.webhook.findUnique({ where: { id } });
    if (!before) throw notFound('Webhook');
    await tx.webhook.delete({ where: { id } });
    await writeAudit(actor, { action: 'webhook.delete', targetType: 'webhook', targetId: id, before: auditView(before) }, ip, tx);
  });
}

/** Queues a test event for this webhook (sent by the dispatcher even when the webhook is disabled). */
export async function sendTest(id: string, actor: Actor, ip: string | null): Promise<{ deliveryId: string }> {
  return db.$transaction(async (tx) => {
    const w = await tx.webhook.findUnique({ where: { id }, select: { id: true, name: true } });
    if (!w) throw notFound('Webhook');
    const payload: WebhookPayload = {
      event: TEST_EVENT,
      at: new Date().toISOString(),
      incident: null,
      data: { message: `Test event from opsdeck for the webhook “${w.name}”, sent by ${actor.label}`, webhook: { id: w.id, name: w.name } },
    };
    const d = await tx.webhookDelivery.create({ data: { webhookId: id, event: TEST_EVENT, payload: payload as unknown as Prisma.InputJsonValue }, select: { id: true } });
    await writeAudit(actor, { action: 'webhook.test', targetType: 'webhook', targetId: id, after: { deliveryId: d.id } }, ip, tx);
    return { deliveryId: d.id.toString() };
  });
}

export async function listDeliveries(webhookId: string, limit = 50): Promise<DeliveryOut[]> {
  const exists = await db.webhook.findUnique({ where: { id: webhookId }, select: { id: true } });
  if (!exists) throw notFound('Webhook');
  const rows = await db.webhookDelivery.findMany({
    where: { webhookId },
    orderBy: { id: 'desc' },
    take: limit,
    include: { log: { orderBy: { id: 'asc' } } },
  });
  return rows.map((d) => ({
    id: d.id.toString(),
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastHttpStatus: d.lastHttpStatus,
    lastError: d.lastError,
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
    log: d.log.map((a) => ({ at: a.at.toISOString(), httpStatus: a.httpStatus, error: a.error, durationMs: a.durationMs })),
  }));
}
