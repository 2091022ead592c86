import type { Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { conflict, notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { appendEvent } from '@/lib/incidents/events';
import { levelOf } from '@/lib/incidents/policy';
import { loadPolicy } from '@/lib/incidents/severity-policy';
import { postmortemDueAt } from './business-days';
import { checklistRunsForIncident } from './checklists';
import { detectionStart, downtimeSeconds, formatSeconds, measure, type ProbeSample } from './measurements';
import type { DraftSnapshot, KeyEvent, ServiceImpact } from './types';

// Drafting a postmortem from the incident's record: the measurements, the
// impact on each affected service (from the raw probe results of the window),
// the key events of the timeline and the checklists run. Everything runs on
// the caller's transaction: the automatic draft is written together with the
// resolution that requires it.

/** How far before the declaration a failing streak or an alert may start. */
export const DETECTION_LOOKBACK_MS = 6 * 3600_000;
/** When the policy gives no due days (a postmortem created by hand for a P2/P3). */
export const DEFAULT_DUE_BUSINESS_DAYS = 5;
/** Raw results read per service for the impact; beyond this the window is cut. */
const MAX_SAMPLES = 200_000;
const KEY_EVENT_TYPES = new Set(['declared', 'status', 'severity', 'acknowledged', 'update', 'alert_opened', 'alert_resolved', 'deploy']);
const MAX_KEY_EVENTS = 80;

type SampleRow = { endpoint_id: string; at: Date; status: ProbeSample['status'] };
const toSample = (r: SampleRow): ProbeSample => ({ endpointId: r.endpoint_id, at: r.at, status: r.status });

async function samples(tx: Tx, serviceIds: string[], from: Date, to: Date): Promise<ProbeSample[]> {
  if (serviceIds.length === 0) return [];
  const rows = await tx.$queryRaw<SampleRow[]>`
    SELECT endpoint_id::text, at, status::text AS status FROM probe_results
    WHERE service_id = ANY(${serviceIds}::uuid[]) AND at >= ${from} AND at <= ${to}
    ORDER BY at LIMIT ${MAX_SAMPLES}`;
  return rows.map(toSample);
}

/** The last result of each endpoint before `at`: the state a window starts in. */
async function statesBefore(tx: Tx, serviceId: string, at: Date, since: Date): Promise<ProbeSample[]> {
  const rows = await tx.$queryRaw<SampleRow[]>`
    SELECT DISTINCT ON (endpoint_id) endpoint_id::text, at, status::text AS status FROM probe_results
    WHERE service_id = ${serviceId}::uuid AND at < ${at} AND at >= ${since}
    ORDER BY endpoint_id, at DESC`;
  return rows.map(toSample);
}

async function impactOf(tx: Tx, svc: { id: string; name: string; environment: string }, from: Date, to: Date): Promise<ServiceImpact> {
  // One after the other: a transaction is one connection, so Promise.all would only queue them
  // (and pg warns about queries issued while another runs).
  const before = await statesBefore(tx, svc.id, from, new Date(from.getTime() - DETECTION_LOOKBACK_MS));
  const inside = await samples(tx, [svc.id], from, to);
  const agg = await tx.$queryRaw<{ checks: number; failed: number; err_avg: number | null; err_max: number | null }[]>`
      SELECT count(*)::int AS checks,
             (count(*) FILTER (WHERE status = 'down'))::int AS failed,
             avg((summary -> 'kpis' ->> 'errorRate')::float8) FILTER (WHERE jsonb_typeof(summary -> 'kpis' -> 'errorRate') = 'number') AS err_avg,
             max((summary -> 'kpis' ->> 'errorRate')::float8) FILTER (WHERE jsonb_typeof(summary -> 'kpis' -> 'errorRate') = 'number') AS err_max
      FROM probe_results WHERE service_id = ${svc.id}::uuid AND at >= ${from} AND at <= ${to}`;
  const a = agg[0] ?? { checks: 0, failed: 0, err_avg: null, err_max: null };
  if (a.checks === 0) {
    // The raw results of an old window are gone after the retention: the minute rollups remain.
    const r = await impactFromRollups(tx, svc, from, to);
    if (r) return r;
  }
  return {
    serviceId: svc.id,
    name: svc.name,
    environment: svc.environment,
    from: from.toISOString(),
    to: to.toISOString(),
    source: 'results',
    checks: a.checks,
    failedChecks: a.failed,
    downtimeSeconds: downtimeSeconds([...before, ...inside], from, to),
    availabilityPercent: a.checks > 0 ? round2(((a.checks - a.failed) / a.checks) * 100) : null,
    errorRateAvg: round2(a.err_avg),
    errorRateMax: round2(a.err_max),
  };
}

const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/**
 * Impact from the per-minute rollups: counts add up; a minute counts as down
 * for the share of checks that failed on its worst endpoint.
 */
async function impactFromRollups(tx: Tx, svc: { id: string; name: string; environment: string }, from: Date, to: Date): Promise<ServiceImpact | null> {
  const rows = await tx.$queryRaw<{ checks: number; failed: number; down_s: number | null; err_avg: number | null; err_max: number | null }[]>`
    WITH r AS (
      SELECT bucket, count, failures, kpis FROM probe_rollups_minute
      WHERE service_id = ${svc.id}::uuid AND bucket >= date_trunc('minute', ${from}::timestamptz) AND bucket < ${to}
    ), worst AS (
      SELECT bucket, max(failures::float8 / NULLIF(count, 0)) AS share FROM r GROUP BY bucket
    )
    SELECT COALESCE((SELECT sum(count) FROM r), 0)::int AS checks,
           COALESCE((SELECT sum(failures) FROM r), 0)::int AS failed,
           (SELECT sum(share) * 60 FROM worst)::float8 AS down_s,
           (SELECT avg((kpis -> 'errorRate' ->> 'avg')::float8) FROM r WHERE jsonb_typeof(kpis -> 'errorRate' -> 'avg') = 'number') AS err_avg,
           (SELECT max((kpis -> 'errorRate' ->> 'max')::float8) FROM r WHERE jsonb_typeof(kpis -> 'errorRate' -> 'max') = 'number') AS err_max`;
  const a = rows[0];
  if (!a || a.checks === 0) return null;
  return {
    serviceId: svc.id,
    name: svc.name,
    environment: svc.environment,
    from: from.toISOString(),
    to: to.toISOString(),
    source: 'rollups',
    checks: a.checks,
    failedChecks: a.failed,
    downtimeSeconds: Math.min(Math.round(a.down_s ?? 0), Math.round((to.getTime() - from.getTime()) / 1000)),
    availabilityPercent: round2(((a.checks - a.failed) / a.checks) * 100),
    errorRateAvg: round2(a.err_avg),
    errorRateMax: round2(a.err_max),
  };
}

/** Measures the incident from its record, as of `now`. */
export async function buildDraft(tx: Tx, incidentId: string, now: Date = new Date()): Promise<DraftSnapshot> {
  const inc = await tx.incident.findUnique({
    where: { id: incidentId },
    include: {
      services: { include: { service: { select: { id: true, name: true, environment: true } } }, orderBy: { addedAt: 'asc' } },
      commander: { select: { name: true, email: true } },
    },
  });
  if (!inc) throw notFound('Incident');
  const services = inc.services.map((s) => s.service);
  const serviceIds = services.map((s) => s.id);
  const lookback = new Date(inc.declaredAt.getTime() - DETECTION_LOOKBACK_MS);

  const pre = await samples(tx, serviceIds, lookback, inc.declaredAt);
  const alerts = serviceIds.length
    ? await tx.alert.findMany({ where: { serviceId: { in: serviceIds }, openedAt: { gte: lookback, lte: inc.declaredAt } }, select: { openedAt: true, resolvedAt: true } })
    : [];
  const events = await tx.incidentEvent.findMany({ where: { incidentId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  const detected = detectionStart(pre, alerts, inc.declaredAt);
  const statusEvents = events
    .filter((e) => e.type === 'status')
    .map((e) => {
      const d = (e.data ?? {}) as { from?: string; to?: string };
      return { at: e.at, from: d.from ?? '', to: d.to ?? '' };
    });
  const metrics = measure(
    { declaredAt: inc.declaredAt, acknowledgedAt: inc.acknowledgedAt, mitigatedAt: inc.mitigatedAt, resolvedAt: inc.resolvedAt, detectedAt: detected?.at ?? null, statusEvents },
    detected?.by ?? null,
  );

  const windowFrom = detected?.at ?? inc.declaredAt;
  const windowTo = inc.resolvedAt ?? now;
  const impact: ServiceImpact[] = [];
  for (const s of services) impact.push(await impactOf(tx, s, windowFrom, windowTo));

  // Corrections replace the text of the event they correct; pinned notes count as key.
  const correctedBody = new Map<string, string>();
  for (const e of events) if (e.type === 'correction' && e.correctsId !== null) correctedBody.set(e.correctsId.toString(), e.body);
  const keyEvents: KeyEvent[] = events
    .filter((e) => KEY_EVENT_TYPES.has(e.type) || (e.type === 'note' && e.pinned) || (e.type === 'role' && (e.data as { role?: string })?.role === 'commander'))
    .slice(0, MAX_KEY_EVENTS)
    .map((e) => ({ at: e.at.toISOString(), type: e.type, actor: e.actor, body: correctedBody.get(e.id.toString()) ?? e.body }));

  return {
    draftedAt: now.toISOString(),
    incident: {
      id: inc.id,
      number: inc.number,
      title: inc.title,
      severity: inc.severity,
      summary: inc.summary,
      declaredBy: inc.declaredBy,
      commander: inc.commander ? `${inc.commander.name} <${inc.commander.email}>` : null,
    },
    metrics,
    impact,
    keyEvents,
    checklists: await checklistRunsForIncident(tx, incidentId),
  };
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

export interface EnsureResult {
  id: string;
  created: boolean;
}

/**
 * Creates the incident's postmortem from its record, or refreshes the draft of
 * the one that exists (a reopened incident resolved again): idempotent, on the
 * unique incident id. Approved or in-review postmortems keep their snapshot.
 */
export async function ensurePostmortem(tx: Tx, incidentId: string, actor: Actor, ip: string | null, why: 'required' | 'manual', now = new Date()): Promise<EnsureResult> {
  const inc = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true, severity: true, status: true, resolvedAt: true } });
  if (!inc) throw notFound('Incident');
  if (!inc.resolvedAt || (inc.status !== 'resolved' && inc.status !== 'closed')) throw conflict('Only a resolved incident gets a postmortem: resolve it first');
  const level = levelOf(await loadPolicy(tx), inc.severity);
  const days = level.postmortemDueBusinessDays ?? DEFAULT_DUE_BUSINESS_DAYS;
  const dueAt = postmortemDueAt(inc.resolvedAt, days);
  const draft = await buildDraft(tx, incidentId, now);

  const { count } = await tx.postmortem.createMany({
    data: [{ incidentId, dueAt, draft: json(draft), summary: draft.incident.summary ?? '', createdBy: actor.label, createdAt: now }],
    skipDuplicates: true,
  });
  const pm = await tx.postmortem.findUniqueOrThrow({ where: { incidentId }, select: { id: true, status: true, dueAt: true } });
  const due = `due ${dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (${days} business days after resolution)`;
  const measured = `time to resolve ${formatSeconds(draft.metrics.timeToResolveSeconds)}`;
  if (count === 1) {
    const body = why === 'required' ? `Postmortem drafted (required for ${inc.severity}), ${due}; ${measured}` : `Postmortem drafted by ${actor.label}, ${due}; ${measured}`;
    await appendEvent(tx, incidentId, actor, { type: 'postmortem', at: now, body, data: { postmortemId: pm.id, action: 'drafted', dueAt: dueAt.toISOString() } });
    await writeAudit(actor, { action: 'postmortem.create', targetType: 'postmortem', targetId: pm.id, after: { incidentId, dueAt, why, metrics: draft.metrics } }, ip, tx);
    return { id: pm.id, created: true };
  }
  if (pm.status === 'draft') {
    await tx.postmortem.update({ where: { id: pm.id }, data: { draft: json(draft), dueAt } });
    await appendEvent(tx, incidentId, actor, { type: 'postmortem', at: now, body: `Postmortem draft re-measured after the resolution, ${due}; ${measured}`, data: { postmortemId: pm.id, action: 'redrafted', dueAt: dueAt.toISOString() } });
    await writeAudit(actor, { action: 'postmortem.redraft', targetType: 'postmortem', targetId: pm.id, before: { dueAt: pm.dueAt }, after: { dueAt, metrics: draft.metrics } }, ip, tx);
  }
  return { id: pm.id, created: false };
}

/**
 * Called in the transaction that resolves an incident: drafts the postmortem
 * when the incident's level requires one (or re-measures an existing draft).
 */
export async function onIncidentResolved(tx: Tx, incidentId: string, actor: Actor, ip: string | null, now: Date): Promise<void> {
  const inc = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { severity: true, postmortem: { select: { id: true } } } });
  const level = levelOf(await loadPolicy(tx), inc.severity);
  if (level.postmortemRequired || inc.postmortem) await ensurePostmortem(tx, incidentId, actor, ip, 'required', now);
}
