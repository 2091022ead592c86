import type { RunbookDef, StepDef } from './schema';
import type { VerifyOutcome } from './verify';

// The rules of a checklist run, as pure functions: which steps apply given the
// decisions taken, which state changes are allowed, and how far along a run is.

export const STEP_STATES = ['pending', 'done', 'skipped', 'failed', 'verified', 'not_applicable'] as const;
export type StepState = (typeof STEP_STATES)[number];
/** What a person may ask for (not_applicable follows from decisions, never set by hand). */
export const SETTABLE_STATES = ['pending', 'done', 'skipped', 'failed', 'verified'] as const;
export type SettableState = (typeof SETTABLE_STATES)[number];

export const FINISHED: ReadonlySet<StepState> = new Set(['done', 'skipped', 'failed', 'verified', 'not_applicable']);

/** The stored part of a step's state the rules need. */
export interface StepStateLite {
  state: StepState;
  branch: string | null;
}

export type Applicability =
  | { applies: true }
  | { applies: false; why: 'branch'; decision: string; branch: string; needs: string[] }
  | { applies: false; why: 'undecided'; decision: string; needs: string[] };

/**
 * Whether a step applies given the decisions taken so far: a step with `when`
 * applies once its decision took one of the listed branches, is not applicable
 * when it took another, and waits while it is undecided. A decision that does
 * not itself apply makes its dependants not applicable too.
 */
export function applicability(def: RunbookDef, states: Record<string, StepStateLite | undefined>): Record<string, Applicability> {
  const out: Record<string, Applicability> = {};
  for (const s of def.steps) {
    if (!s.when) {
      out[s.key] = { applies: true };
      continue;
    }
    const parent = out[s.when.step];
    const taken = states[s.when.step];
    if (parent && !parent.applies) {
      // The decision itself waits or does not apply: so does this step, for the same reason.
      out[s.key] = parent.why === 'undecided' ? { applies: false, why: 'undecided', decision: parent.decision, needs: parent.needs } : { ...parent };
      continue;
    }
    if (!taken || taken.state !== 'done' || !taken.branch) out[s.key] = { applies: false, why: 'undecided', decision: s.when.step, needs: s.when.is };
    else if (s.when.is.includes(taken.branch)) out[s.key] = { applies: true };
    else out[s.key] = { applies: false, why: 'branch', decision: s.when.step, branch: taken.branch, needs: s.when.is };
  }
  return out;
}

/** Words for a step that does not apply: "Not applicable: “scope” took App only (this step is for Component only)". */
export function notApplicableReason(def: RunbookDef, a: Applicability): string | null {
  if (a.applies) return null;
  const decision = def.steps.find((s) => s.key === a.decision);
  const label = (k: string) => decision?.branches?.find((b) => b.key === k)?.label ?? k;
  const forWhat = a.needs.map(label).join(' or ');
  if (a.why === 'undecided') return `Waits for the decision “${decision?.title ?? a.decision}” (applies for ${forWhat})`;
  return `Not applicable: “${decision?.title ?? a.decision}” took ${label(a.branch)} (this step is for ${forWhat})`;
}

export interface ChangeRequest {
  state: SettableState;
  note?: string | null;
  branch?: string | null;
  link?: string | null;
  /** A commander marks a failing verification verified anyway, with a reason. */
  override?: boolean;
}

export interface ChangeContext {
  step: StepDef;
  applicability: Applicability;
  /** Can the actor override a failing verification (commander or above)? */
  canOverride: boolean;
  /** For verification steps asked to be verified: the live evaluation. */
  verification?: { outcome: VerifyOutcome; reason: string };
}

export type ChangeDecision =
  | { ok: true; state: StepState; overridden: boolean; attachEvidence: boolean }
  | { ok: false; status: 400 | 403 | 409; path?: string; message: string };

const blank = (s: string | null | undefined) => !s || !s.trim();

/** Decides whether a requested change of one step is allowed, and what it becomes. */
export function decideChange(req: ChangeRequest, ctx: ChangeContext): ChangeDecision {
  const { step } = ctx;
  const a = ctx.applicability;
  if (!a.applies && req.state !== 'pending') {
    return a.why === 'undecided'
      ? { ok: false, status: 409, message: `Decide “${a.decision}” first: this step applies only for ${a.needs.join(' or ')}` }
      : { ok: false, status: 409, message: `This step is not applicable: “${a.decision}” took ${a.branch}` };
  }
  if (req.branch && step.type !== 'decision') return { ok: false, status: 400, path: 'branch', message: 'Only decision steps take a branch' };
  if (req.override && step.type !== 'verify') return { ok: false, status: 400, path: 'override', message: 'Only a verification step can be overridden' };

  switch (req.state) {
    case 'pending':
      return { ok: true, state: 'pending', overridden: false, attachEvidence: false };
    case 'skipped':
    case 'failed':
      if (blank(req.note)) return { ok: false, status: 400, path: 'note', message: req.state === 'skipped' ? 'Say why the step is skipped' : 'Say what failed' };
      if (step.type === 'decision') return { ok: false, status: 400, path: 'state', message: 'A decision is taken, not skipped or failed: choose a branch' };
      return { ok: true, state: req.state, overridden: false, attachEvidence: false };
    case 'done':
    case 'verified': {
      if (step.type === 'decision') {
        if (req.state === 'verified') return { ok: false, status: 400, path: 'state', message: 'A decision is done with a branch, not verified' };
        const keys = (step.branches ?? []).map((b) => b.key);
        if (blank(req.branch)) return { ok: false, status: 400, path: 'branch', message: `Choose a branch: ${keys.join(', ')}` };
        if (!keys.includes(req.branch!)) return { ok: false, status: 400, path: 'branch', message: `"${req.branch}" is not a branch of this decision (${keys.join(', ')})` };
        if (blank(req.note)) return { ok: false, status: 400, path: 'note', message: 'Say why this branch' };
        return { ok: true, state: 'done', overridden: false, attachEvidence: false };
      }
      if (step.type !== 'verify') {
        if (req.state === 'verified') return { ok: false, status: 400, path: 'state', message: 'Only verification steps are verified; mark this one done' };
        return { ok: true, state: 'done', overridden: false, attachEvidence: false };
      }
      // Verification: only when the condition holds, or by a commander's override with a reason.
      const v = ctx.verification ?? { outcome: 'unknown' as const, reason: 'not evaluated' };
      if (v.outcome === 'holds' && !req.override) return { ok: true, state: 'verified', overridden: false, attachEvidence: true };
      if (!req.override) {
        return { ok: false, status: 409, message: `The condition does not hold (${v.reason}); it ticks itself when it does, or a commander can override with a reason` };
      }
      if (!ctx.canOverride) return { ok: false, status: 403, message: 'Overriding a verification needs the commander role' };
      if (blank(req.note)) return { ok: false, status: 400, path: 'note', message: 'An override needs a reason' };
      return { ok: true, state: 'verified', overridden: true, attachEvidence: true };
    }
  }
}

export interface Progress {
  /** Steps that apply or may still apply (waiting for a decision). */
  total: number;
  finished: number;
  notApplicable: number;
  failed: number;
  complete: boolean;
  percent: number;
}

/** How far a run is: not-applicable steps leave the count; waiting steps stay in it. */
export function progress(def: RunbookDef, states: Record<string, StepStateLite | undefined>): Progress {
  const a = applicability(def, states);
  let total = 0;
  let finished = 0;
  let na = 0;
  let failed = 0;
  for (const s of def.steps) {
    const ap = a[s.key];
    if (!ap.applies && ap.why === 'branch') {
      na++;
      continue;
    }
    total++;
    const st = states[s.key]?.state ?? 'pending';
    if (ap.applies && FINISHED.has(st)) finished++;
    if (ap.applies && st === 'failed') failed++;
  }
  return { total, finished, notApplicable: na, failed, complete: total > 0 && finished === total, percent: total ? Math.round((finished / total) * 100) : 100 };
}

/**
 * The states to store for the steps of a run after a change: steps whose branch
 * was not taken become not_applicable; steps that apply again return to pending.
 */
export function reconcileStates(def: RunbookDef, states: Record<string, StepStateLite | undefined>): Record<string, StepState> {
  const a = applicability(def, states);
  const out: Record<string, StepState> = {};
  for (const s of def.steps) {
    const cur = states[s.key]?.state ?? 'pending';
    const ap = a[s.key];
    if (!ap.applies && ap.why === 'branch' && cur !== 'not_applicable') out[s.key] = 'not_applicable';
    else if ((ap.applies || ap.why === 'undecided') && cur === 'not_applicable') out[s.key] = 'pending';
  }
  return out;
}
