import type { Tx } from '@/lib/db/client';

// The checklists run during an incident, for the postmortem's "checklists run"
// section. Runbooks live on another branch: until they are merged this returns
// no runs, and the review page says "No checklists were run". After the merge,
// read the incident's checklist runs and their step states here.

export interface ChecklistRunSummary {
  runbookTitle: string;
  startedAt: string;
  completedAt: string | null;
  done: number;
  skipped: number;
  failed: number;
  total: number;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the signature the runbook tables will fill in
export async function checklistRunsForIncident(tx: Tx, incidentId: string): Promise<ChecklistRunSummary[]> {
  return [];
}
