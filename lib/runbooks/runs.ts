import type { Actor } from '@/lib/auth/actor';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { hasRole } from '@/lib/auth/roles';
import { writeAudit } from '@/lib/audit/log';
import { ApiError, notFound } from '@/lib/api/errors';
import { db, type Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { actorId, appendEvent } from '@/lib/incidents/events';
import type { ProbeSummary, Status } from '@/lib/probes/types';
import { findRunbookRow } from './catalog';
import { periodOf } from './schedule';
import type { RunbookDef, StepDef, VerifySpec } from './schema';
import { applicability, decideChange, notApplicableReason, progress, reconcileStates, type ChangeRequest, type StepState, type StepStateLite } from './state';
import type { RunHistoryOut, RunOut, RunRef, RunStepOut } from './types';
import { evaluateVerify, evidenceLine, type EndpointSnapshot, type Verification, type VerifyEvidence } from './verify';

// Checklist runs: start one (alone or inside an incident), read it (open
// verification steps are evaluated and tick themselves), change a step under
// the rules of state.ts. Every change is kept in the run's history, audited,
// and, inside an incident, written to its timeline in the same transaction.

const AUTO: Actor = { ...SYSTEM_ACTOR, label: 'opsdeck (auto-verify)' };

const endpointSelect = {
  id: true,
  serviceId: true,
  kind: true,
  url: true,
  enabled: true,
  status: true,
  intervalSeconds: true,
  lastCheckedAt: true,
  lastHttpStatus: true,
  lastLatencyMs: true,
  lastError: true,
  lastSummary: true,
} satisfies Prisma.EndpointSelect;

type EndpointRow = Prisma.EndpointGetPayload<{ select: typeof endpointSelect }>;

function snapshot(e: EndpointRow): EndpointSnapshot {
  return { ...e, status: e.status as Status, lastSummary: (e.lastSummary ?? null) as ProbeSummary | null };
}

const runInclude = {
  runbook: { select: { id: true, slug: true, title: true, currentVersion: true } },
  version: { select: { version: true, definition: true } },
  incident: { select: { id: true, number: true, title: true, status: true } },
  service: { select: { id: true, name: true, environment: true } },
  steps: true,
} satisfies Prisma.ChecklistRunInclude;

type RunRow = Prisma.ChecklistRunGetPayload<{ include: typeof runInclude }>;

const defOf = (r: { version: { definition: unknown } }) => r.version.definition as unknown as RunbookDef;

function statesOf(r: RunRow): Record<string, StepStateLite> {
  return Object.fromEntries(r.steps.map((s) => [s.stepKey, { state: s.state as StepState, branch: s.branch }]));
}

/** What verification needs to know about services and endpoints, loaded for one run or many at once. */
interface EndpointIndex {
  pinned: { id: string; name: string; environment: string }[];
  endpoints: EndpointRow[];
}

type VerifyTarget = { serviceId: string | null; service: { environment: string } | null };

function verifySteps(def: RunbookDef) {
  return def.steps.filter((s) => s.type === 'verify' && s.verify);
}

function serviceForStep(index: EndpointIndex, r: VerifyTarget, v: VerifySpec): string | null {
  if (!v.service) return r.serviceId;
  const same = index.pinned.filter((p) => p.name === v.service);
  return (same.find((p) => p.environment === r.service?.environment) ?? same[0])?.id ?? null;
}

/** Two queries whatever the number of runs: the pinned services by name, then their and the runs' enabled endpoints. */
async function loadEndpointIndex(client: Tx | typeof db, runs: { target: VerifyTarget; def: RunbookDef }[]): Promise<EndpointIndex> {
  const pinnedNames = [...new Set(runs.flatMap(({ def }) => verifySteps(def).map((s) => s.verify!.service).filter((n): n is string => !!n)))];
  const pinned = pinnedNames.length ? await client.service.findMany({ where: { name: { in: pinnedNames } }, select: { id: true, name: true, environment: true } }) : [];
  const partial: EndpointIndex = { pinned, endpoints: [] };
  const ids = [...new Set(runs.flatMap(({ target, def }) => verifySteps(def).map((s) => serviceForStep(partial, target, s.verify!))).filter((x): x is string => !!x))];
  const endpoints = ids.length ? await client.endpoint.findMany({ where: { serviceId: { in: ids }, enabled: true }, select: endpointSelect, orderBy: { lastCheckedAt: { sort: 'desc', nulls: 'last' } } }) : [];
  return { pinned, endpoints };
}

/** The endpoint a verification step checks: the step's pinned service or the run's, the most recently checked enabled endpoint of the kind. */
function endpointsFrom(index: EndpointIndex, r: VerifyTarget, def: RunbookDef): Map<string, EndpointRow | null> {
  const out = new Map<string, EndpointRow | null>();
  for (const s of verifySteps(def)) {
    const sid = serviceForStep(index, r, s.verify!);
    out.set(s.key, index.endpoints.find((e) => e.serviceId === sid && e.kind === s.verify!.kind) ?? null);
  }
  return out;
}

async function verifications(client: Tx | typeof db, r: RunRow, now = Date.now()): Promise<Map<string, Verification>> {
  const def = defOf(r);
  if (!verifySteps(def).length) return new Map();
  return verificationsFrom(await loadEndpointIndex(client, [{ target: r, def }]), r, now);
}

function verificationsFrom(index: EndpointIndex, r: RunRow, now: number): Map<string, Verification> {
  const def = defOf(r);
  const eps = endpointsFrom(index, r, def);
  const out = new Map<string, Verification>();
  for (const s of def.steps) {
    if (s.type !== 'verify' || !s.verify) continue;
    if (!r.serviceId && !s.verify.service) {
      out.set(s.key, { outcome: 'unknown', reason: 'No service is bound to this run: nothing to check against', evidence: null });
      continue;
    }
    const ep = eps.get(s.key);
    out.set(s.key, evaluateVerify(s.verify, ep ? snapshot(ep) : null, now));
  }
  return out;
}

function refOf(r: RunRow): RunRef {
  const def = defOf(r);
  return {
    id: r.id,
    runbook: { id: r.runbook.id, slug: r.runbook.slug, title: def.title, version: r.version.version, currentVersion: r.runbook.currentVersion },
    incident: r.incident ? { id: r.incident.id, number: r.incident.number, title: r.incident.title } : null,
    service: r.service,
    startedBy: r.startedBy,
    startedAt: r.startedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    scheduleOccurrence: r.scheduleOccurrence,
    progress: progress(def, statesOf(r)),
  };
}

async function loadRun(client: Tx | typeof db, id: string): Promise<RunRow> {
  const r = await client.checklistRun.findUnique({ where: { id }, include: runInclude });
  if (!r) throw notFound('Checklist run');
  return r;
}

function stepOut(def: RunbookDef, r: RunRow, s: StepDef, ap: ReturnType<typeof applicability>[string], live: Verification | null): RunStepOut {
  const row = r.steps.find((x) => x.stepKey === s.key);
  return {
    ...s,
    state: (row?.state ?? 'pending') as StepState,
    note: row?.note ?? null,
    link: row?.link ?? null,
    branch: row?.branch ?? null,
    evidence: (row?.evidence ?? null) as VerifyEvidence | null,
    by: row?.by ?? null,
    at: row?.at?.toISOString() ?? null,
    overridden: row?.overridden ?? false,
    revision: row?.revision ?? 0,
    applies: ap.applies,
    reason: notApplicableReason(def, ap),
    live,
  };
}

/** A run with its steps, each verification judged now, and its history. Open verifications tick themselves first. */
export async function getRun(id: string): Promise<RunOut> {
  let r = await loadRun(db, id);
  let live = await verifications(db, r);
  // The run page polls this: only when a condition holds is the run locked, ticked and read again.
  if (holdsForSome(r, live)) {
    await tickHolding(id);
    r = await loadRun(db, id);
    live = await verifications(db, r);
  }
  const def = defOf(r);
  const ap = applicability(def, statesOf(r));
  const history = await db.checklistRunEvent.findMany({ where: { runId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  return {
    ...refOf(r),
    guardrails: def.guardrails ?? [],
    summary: def.summary ?? null,
    whenToUse: def.whenToUse ?? null,
    severityHint: def.severityHint ?? null,
    steps: def.steps.map((s) => stepOut(def, r, s, ap[s.key], live.get(s.key) ?? null)),
    history: history.map(
      (h): RunHistoryOut => ({ id: h.id.toString(), at: h.at.toISOString(), stepKey: h.stepKey, state: h.state as StepState | null, actor: h.actor, body: h.body, data: (h.data ?? {}) as Record<string, unknown> }),
    ),
  };
}

export async function listRuns(filter: { incidentId?: string; runbookId?: string; state?: 'open' | 'completed' | 'all'; limit?: number }): Promise<RunRef[]> {
  const rows = await db.checklistRun.findMany({
    where: {
      incidentId: filter.incidentId,
      runbookId: filter.runbookId,
      completedAt: filter.state === 'open' ? null : filter.state === 'completed' ? { not: null } : undefined,
    },
    include: runInclude,
    orderBy: { startedAt: 'desc' },
    take: filter.limit ?? 100,
  });
  return rows.map(refOf);
}

/** Records one change: the run's history, the audit log, and the incident's timeline when there is an open one. */
async function record(tx: Tx, r: { id: string; incidentId: string | null; incident: { status: string } | null }, actor: Actor, ip: string | null, e: { stepKey?: string; state?: StepState; body: string; data: Record<string, unknown>; action: string }) {
  await tx.checklistRunEvent.create({
    data: { runId: r.id, stepKey: e.stepKey ?? null, state: e.state ?? null, actor: actor.label, actorId: actorId(actor), body: e.body, data: e.data as Prisma.InputJsonValue },
  });
  await writeAudit(actor, { action: e.action, targetType: 'checklist_run', targetId: r.id, after: { stepKey: e.stepKey, state: e.state, ...e.data } }, ip, tx);
  if (r.incidentId && r.incident && r.incident.status !== 'closed') {
    await appendEvent(tx, r.incidentId, actor, { type: 'checklist', body: e.body, data: { runId: r.id, stepKey: e.stepKey ?? null, state: e.state ?? null, ...e.data } });
  }
}

/** Sets completedAt when every applicable step is finished, clears it when a step reopens. */
async function settleCompletion(tx: Tx, runId: string, actor: Actor, ip: string | null) {
  const r = await loadRun(tx, runId);
  const p = progress(defOf(r), statesOf(r));
  if (p.complete && !r.completedAt) {
    await tx.checklistRun.update({ where: { id: runId }, data: { completedAt: new Date() } });
    await record(tx, r, actor, ip, { body: `Checklist “${defOf(r).title}” complete (${p.finished} steps${p.failed ? `, ${p.failed} failed` : ''}${p.notApplicable ? `, ${p.notApplicable} not applicable` : ''})`, data: { completed: true }, action: 'checklist.complete' });
  } else if (!p.complete && r.completedAt) {
    await tx.checklistRun.update({ where: { id: runId }, data: { completedAt: null } });
  }
}

/** Stores not_applicable / pending for the steps a decision switches off or on. */
async function applyReconcile(tx: Tx, runId: string, def: RunbookDef, states: Record<string, StepStateLite>, why: string, actor: Actor) {
  const changes = reconcileStates(def, states);
  for (const [key, state] of Object.entries(changes)) {
    await tx.checklistStepState.update({
      where: { runId_stepKey: { runId, stepKey: key } },
      data: { state, note: state === 'not_applicable' ? why : null, by: actor.label, byId: actorId(actor), at: new Date(), revision: { increment: 1 }, evidence: undefined },
    });
  }
}

async function lockRun(tx: Tx, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM checklist_runs WHERE id = ${id}::uuid FOR UPDATE`;
  if (!rows.length) throw notFound('Checklist run');
}

export interface StartInput {
  runbookId: string;
  incidentId?: string;
  serviceId?: string;
  version?: number;
}

export async function startRun(input: StartInput, actor: Actor, ip: string | null): Promise<RunOut> {
  const id = await db.$transaction(async (tx) => {
    const rb = await findRunbookRow(input.runbookId, tx);
    if (!rb) throw notFound('Runbook');
    const version = await tx.runbookVersion.findUnique({ where: { runbookId_version: { runbookId: rb.id, version: input.version ?? rb.currentVersion } } });
    if (!version) throw notFound(`Version ${input.version} of the runbook`);
    const def = version.definition as unknown as RunbookDef;

    let incident: { id: string; status: string; services: { serviceId: string }[] } | null = null;
    if (input.incidentId) {
      incident = await tx.incident.findUnique({ where: { id: input.incidentId }, select: { id: true, status: true, services: { select: { serviceId: true } } } });
      if (!incident) throw notFound('Incident');
      if (incident.status === 'closed') throw new ApiError(409, 'The incident is closed: start the checklist on its own');
    }
    // The service the verifications check: chosen, named by the runbook, or the incident's that has the most of the kinds checked.
    let serviceId: string | null = null;
    if (input.serviceId) {
      const s = await tx.service.findUnique({ where: { id: input.serviceId }, select: { id: true } });
      if (!s) throw new ApiError(400, 'That service does not exist', [{ path: 'serviceId', message: 'no service with this id' }]);
      serviceId = s.id;
    } else if (def.services?.length) {
      serviceId = (await tx.service.findFirst({ where: { name: def.services[0] }, select: { id: true } }))?.id ?? null;
    }
    if (!serviceId && incident?.services.length) {
      const kinds = new Set(def.steps.filter((s) => s.verify).map((s) => s.verify!.kind));
      const eps = await tx.endpoint.findMany({ where: { serviceId: { in: incident.services.map((s) => s.serviceId) }, enabled: true }, select: { serviceId: true, kind: true } });
      const score = (sid: string) => new Set(eps.filter((e) => e.serviceId === sid && kinds.has(e.kind)).map((e) => e.kind)).size;
      serviceId = [...incident.services].sort((a, b) => score(b.serviceId) - score(a.serviceId))[0].serviceId;
    }
    const occurrence = def.schedule && !incident ? periodOf(def.schedule, Date.now()).key : null;
    const run = await tx.checklistRun.create({
      data: {
        runbookId: rb.id,
        versionId: version.id,
        incidentId: incident?.id ?? null,
        serviceId,
        startedBy: actor.label,
        startedById: actorId(actor),
        scheduleOccurrence: occurrence,
      },
      include: { incident: { select: { status: true } }, service: { select: { name: true, environment: true } } },
    });
    await tx.checklistStepState.createMany({ data: def.steps.map((s) => ({ runId: run.id, stepKey: s.key })) });
    const on = run.service ? ` for ${run.service.name} (${run.service.environment})` : '';
    await record(tx, run, actor, ip, {
      body: `Started checklist “${def.title}” v${version.version}${on}`,
      data: { runbook: rb.slug, version: version.version, serviceId, started: true, ...(occurrence ? { occurrence } : {}) },
      action: 'checklist.start',
    });
    return run.id;
  });
  return getRun(id);
}

const STATE_WORDS: Record<StepState, string> = { pending: 'reopened', done: 'done', skipped: 'skipped', failed: 'failed', verified: 'verified', not_applicable: 'not applicable' };

export interface StepChangeInput extends ChangeRequest {
  /** Where the state came from: a person, or the console's own verification. */
  auto?: boolean;
}

/**
 * Changes one step. Different steps are different rows, so concurrent changes
 * of different steps never overwrite each other; changes of one run are
 * serialised by a row lock, and when two people change the same step the later
 * one wins while both stay in the history (the later one says what it replaced).
 */
export async function changeStep(runId: string, stepKey: string, req: ChangeRequest, actor: Actor, ip: string | null): Promise<RunOut> {
  await db.$transaction(async (tx) => {
    await lockRun(tx, runId);
    const r = await loadRun(tx, runId);
    const def = defOf(r);
    const step = def.steps.find((s) => s.key === stepKey);
    if (!step) throw notFound('Step');
    const states = statesOf(r);
    const ap = applicability(def, states)[stepKey];
    const live = step.type === 'verify' && (req.state === 'verified' || req.state === 'done') ? (await verifications(tx, r)).get(stepKey) : undefined;
    const decision = decideChange(req, { step, applicability: ap, canOverride: hasRole(actor.role, 'commander'), verification: live });
    if (!decision.ok) throw new ApiError(decision.status, decision.message, decision.path ? [{ path: decision.path, message: decision.message }] : []);

    const before = r.steps.find((s) => s.stepKey === stepKey)!;
    const evidence = decision.attachEvidence ? (live?.evidence ?? null) : null;
    await tx.checklistStepState.update({
      where: { runId_stepKey: { runId, stepKey } },
      data: {
        state: decision.state,
        note: req.note?.trim() || null,
        link: req.link?.trim() || null,
        branch: step.type === 'decision' && decision.state === 'done' ? req.branch! : null,
        evidence: evidence ? (evidence as unknown as Prisma.InputJsonValue) : Prisma.DbNull,
        overridden: decision.overridden,
        by: actor.label,
        byId: actorId(actor),
        at: new Date(),
        revision: { increment: 1 },
      },
    });

    const branchLabel = step.branches?.find((b) => b.key === req.branch)?.label;
    const replaced = before.state !== 'pending' && before.by && before.by !== actor.label ? ` (replaces ${STATE_WORDS[before.state as StepState]} by ${before.by})` : '';
    let body = `“${step.title}” ${STATE_WORDS[decision.state]}`;
    if (step.type === 'decision' && decision.state === 'done') body = `“${step.title}”: ${branchLabel ?? req.branch}`;
    if (decision.overridden) body += ' by override';
    if (req.note?.trim()) body += ` — ${req.note.trim()}`;
    if (evidence && !decision.overridden) body += ` [${evidenceLine(evidence)}]`;
    body += replaced;
    await record(tx, r, actor, ip, {
      stepKey,
      state: decision.state,
      body: `${def.title} · ${body}`,
      data: {
        runbook: r.runbook.slug,
        step: step.title,
        branch: step.type === 'decision' ? (req.branch ?? null) : null,
        note: req.note?.trim() || null,
        link: req.link?.trim() || null,
        overridden: decision.overridden,
        evidence,
        previous: { state: before.state, by: before.by, revision: before.revision },
      },
      action: decision.overridden ? 'checklist.step.override' : 'checklist.step',
    });

    if (step.type === 'decision') {
      const after = { ...states, [stepKey]: { state: decision.state, branch: decision.state === 'done' ? req.branch! : null } };
      await applyReconcile(tx, runId, def, after, `“${step.title}” took ${branchLabel ?? req.branch}`, actor);
    }
    await settleCompletion(tx, runId, actor, ip);
  });
  return getRun(runId);
}

/** Whether an open run has a pending verification whose condition holds now (a look without a lock). */
function holdsForSome(r: RunRow, live: Map<string, Verification>): boolean {
  return !r.completedAt && candidates(r).some((k) => live.get(k)?.outcome === 'holds');
}

/**
 * Ticks the open, applicable verification steps of a run whose condition holds
 * now, attaching the probe result; judged again under the run's lock. Returns how many it ticked.
 */
async function tickHolding(runId: string, now = Date.now()): Promise<number> {
  return db.$transaction(async (tx) => {
    await lockRun(tx, runId);
    const r = await loadRun(tx, runId);
    const def = defOf(r);
    const live = await verifications(tx, r, now);
    let ticked = 0;
    for (const key of candidates(r)) {
      const v = live.get(key);
      if (v?.outcome !== 'holds' || !v.evidence) continue;
      const step = def.steps.find((s) => s.key === key)!;
      await tx.checklistStepState.update({
        where: { runId_stepKey: { runId, stepKey: key } },
        data: { state: 'verified', evidence: v.evidence as unknown as Prisma.InputJsonValue, overridden: false, note: null, by: AUTO.label, byId: actorId(AUTO), at: new Date(), revision: { increment: 1 } },
      });
      await record(tx, r, AUTO, null, {
        stepKey: key,
        state: 'verified',
        body: `${def.title} · “${step.title}” verified automatically [${evidenceLine(v.evidence)}]`,
        data: { runbook: r.runbook.slug, step: step.title, auto: true, evidence: v.evidence },
        action: 'checklist.step.auto_verify',
      });
      ticked++;
    }
    if (ticked) await settleCompletion(tx, runId, AUTO, null);
    return ticked;
  });
}

/** Open verification steps that apply (waiting ones are not ticked ahead of their decision). */
function candidates(r: RunRow): string[] {
  const def = defOf(r);
  const ap = applicability(def, statesOf(r));
  return def.steps.filter((s) => s.type === 'verify' && ap[s.key].applies && (r.steps.find((x) => x.stepKey === s.key)?.state ?? 'pending') === 'pending').map((s) => s.key);
}

/**
 * The background job: every open run of the last 14 days. The look is batched
 * (the runs, then their endpoints, in a handful of queries); only a run with a
 * condition that holds goes on to tickHolding, which judges it again under its lock.
 */
export async function autoVerifyOpenRuns(now = Date.now()): Promise<{ runs: number; ticked: number }> {
  const open = await db.checklistRun.findMany({ where: { completedAt: null, startedAt: { gte: new Date(now - 14 * 86_400_000) } }, include: runInclude, orderBy: { startedAt: 'desc' }, take: 500 });
  const waiting = open.filter((r) => candidates(r).length > 0);
  if (!waiting.length) return { runs: open.length, ticked: 0 };
  const index = await loadEndpointIndex(db, waiting.map((r) => ({ target: r, def: defOf(r) })));
  let ticked = 0;
  for (const r of waiting) {
    if (holdsForSome(r, verificationsFrom(index, r, now))) ticked += await tickHolding(r.id, now);
  }
  return { runs: open.length, ticked };
}
