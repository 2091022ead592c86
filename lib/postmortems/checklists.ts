import type { Tx } from '@/lib/db/client';
import type { RunbookDef } from '@/lib/runbooks/schema';
import { applicability, progress, type StepState, type StepStateLite } from '@/lib/runbooks/state';

// The checklists run during an incident, for the postmortem's "checklists run"
// section: each run counted against the runbook version it started with, with
// the decisions taken (the branch is what a reviewer asks about first).

export interface ChecklistRunSummary {
  runId?: string;
  runbookTitle: string;
  version?: number;
  startedAt: string;
  completedAt: string | null;
  done: number;
  skipped: number;
  failed: number;
  /** Steps that apply (untaken branches left out). */
  total: number;
  notApplicable?: number;
  /** e.g. "How far does the rollback go? → App only" */
  decisions?: string[];
}

export interface StoredStep extends StepStateLite {
  stepKey: string;
}

/** Pure: a run's counts from its definition and stored step states. */
export function summariseRun(def: RunbookDef, steps: StoredStep[]): Pick<ChecklistRunSummary, 'done' | 'skipped' | 'failed' | 'total' | 'notApplicable' | 'decisions'> {
  const states: Record<string, StepStateLite> = Object.fromEntries(steps.map((s) => [s.stepKey, { state: s.state, branch: s.branch }]));
  const applies = applicability(def, states);
  const p = progress(def, states);
  const count = (...wanted: StepState[]) => def.steps.filter((s) => applies[s.key]?.applies && wanted.includes(states[s.key]?.state ?? 'pending')).length;
  const decisions = def.steps.flatMap((s) => {
    const taken = states[s.key]?.branch;
    if (s.type !== 'decision' || !taken) return [];
    const label = s.branches?.find((b) => b.key === taken)?.label ?? taken;
    return [`${s.title} → ${label}`];
  });
  return { done: count('done', 'verified'), skipped: count('skipped'), failed: count('failed'), total: p.total, notApplicable: p.notApplicable, decisions };
}

export async function checklistRunsForIncident(tx: Tx, incidentId: string): Promise<ChecklistRunSummary[]> {
  const runs = await tx.checklistRun.findMany({
    where: { incidentId },
    orderBy: { startedAt: 'asc' },
    include: { version: { select: { version: true, definition: true } }, steps: { select: { stepKey: true, state: true, branch: true } } },
  });
  return runs.map((r) => {
    const def = r.version.definition as unknown as RunbookDef;
    return {
      runId: r.id,
      runbookTitle: def.title,
      version: r.version.version,
      startedAt: r.startedAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
      ...summariseRun(def, r.steps),
    };
  });
}
