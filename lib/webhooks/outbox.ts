import type { Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { webhookEventsFor, type WebhookPayload } from './events';

// The transactional outbox. Called with the transaction that records an
// incident's timeline event: the delivery rows commit with the change or not
// at all. Nothing is sent here; the dispatcher does that in the background.

export async function enqueueIncidentWebhooks(
  tx: Tx,
  incidentId: string,
  e: { type: string; at?: Date; body: string; data?: Record<string, unknown> },
): Promise<number> {
  const events = webhookEventsFor(e.type, e.data);
  if (!events.length) return 0;
  const hooks = await tx.webhook.findMany({ where: { enabled: true, events: { hasSome: events } }, select: { id: true, events: true } });
  if (!hooks.length) return 0;
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: { id: true, number: true, title: true, severity: true, status: true },
  });
  const at = (e.at ?? new Date()).toISOString();
  const rows: Prisma.WebhookDeliveryCreateManyInput[] = [];
  for (const event of events) {
    const payload: WebhookPayload = {
      event,
      at,
      incident: { ...incident, url: `/incidents/${incident.id}` },
      data: { ...(e.data ?? {}), text: e.body },
    };
    for (const h of hooks) if (h.events.includes(event)) rows.push({ webhookId: h.id, event, payload: payload as unknown as Prisma.InputJsonValue });
  }
  const { count } = await tx.webhookDelivery.createMany({ data: rows });
  return count;
}
