import { db } from '@/lib/db/client';
import { redact } from '@/lib/audit/log';
import { incidentMarkdown } from './markdown';
import { getIncident } from './query';
import { listTimeline } from './timeline';
import type { IncidentOut } from './types';

// Exports: the Markdown document, and the JSONL evidence bundle (the incident,
// its timeline, what the poller saw of its services during the incident, and
// the audit entries about it), streamed so a long incident does not have to
// fit in memory.

/** Probe results from this long before the declaration are included: how it started. */
export const EVIDENCE_LEAD_IN_MS = 30 * 60_000;
/** At most this many probe results per bundle; a final line says when more were left out. */
export const EVIDENCE_MAX_RESULTS = 200_000;
const PAGE = 2_000;

export async function exportMarkdown(id: string): Promise<{ filename: string; text: string }> {
  const incident = await getIncident(id);
  const events = await listTimeline(id);
  return { filename: `incident-${incident.number}.md`, text: incidentMarkdown(incident, events) };
}

export function evidenceWindow(i: Pick<IncidentOut, 'declaredAt' | 'resolvedAt' | 'closedAt'>, now: Date = new Date()) {
  const from = new Date(Date.parse(i.declaredAt) - EVIDENCE_LEAD_IN_MS);
  const end = i.resolvedAt ?? i.closedAt;
  return { from, to: end ? new Date(end) : now };
}

const line = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) + '\n';

export async function evidenceStream(id: string): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const incident = await getIncident(id);
  const window = evidenceWindow(incident);
  const serviceIds = incident.services.map((s) => s.id);
  const enc = new TextEncoder();

  async function* lines(): AsyncGenerator<string> {
    yield line({ type: 'incident', exportedAt: new Date().toISOString(), window: { from: window.from.toISOString(), to: window.to.toISOString() }, incident });
    for (const e of await listTimeline(id)) yield line({ type: 'event', event: e });

    let cursor: bigint | undefined;
    let sent = 0;
    while (serviceIds.length > 0 && sent < EVIDENCE_MAX_RESULTS) {
      const rows = await db.probeResult.findMany({
        where: { serviceId: { in: serviceIds }, at: { gte: window.from, lte: window.to } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        take: Math.min(PAGE, EVIDENCE_MAX_RESULTS - sent),
        ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const r of rows) {
        yield line({
          type: 'probe_result',
          result: {
            at: r.at.toISOString(),
            serviceId: r.serviceId,
            endpointId: r.endpointId,
            kind: r.kind,
            status: r.status,
            httpStatus: r.httpStatus,
            latencyMs: r.latencyMs,
            error: r.error,
            summary: r.summary,
          },
        });
      }
      sent += rows.length;
      if (rows.length === 0 || rows.length < PAGE) break;
      cursor = rows[rows.length - 1].id;
    }
    if (sent >= EVIDENCE_MAX_RESULTS) yield line({ type: 'truncated', probeResults: sent, note: `only the first ${EVIDENCE_MAX_RESULTS} probe results are included` });

    const audit = await db.auditLog.findMany({ where: { targetType: 'incident', targetId: id }, orderBy: { id: 'asc' } });
    for (const a of audit) {
      yield line({
        type: 'audit',
        entry: {
          id: a.id,
          at: a.at.toISOString(),
          actorType: a.actorType,
          actorId: a.actorId,
          actorLabel: a.actorLabel,
          action: a.action,
          before: redact(a.before),
          after: redact(a.after),
          ip: a.ip,
        },
      });
    }
  }

  const it = lines();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(enc.encode(value));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await it.return(undefined);
    },
  });
  return { filename: `incident-${incident.number}-evidence.jsonl`, stream };
}
