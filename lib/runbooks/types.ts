// Shapes the runbooks and checklists API answers with. Types only, so the UI
// can import them; dates are ISO strings.
import type { RunbookDef, StepDef } from './schema';
import type { ScheduleStatus } from './schedule';
import type { Progress, StepState } from './state';
import type { RunbookSuggestion } from './suggest';
import type { Verification, VerifyEvidence } from './verify';

export interface RunbookOut extends RunbookDef {
  id: string;
  version: number;
  builtin: boolean;
  updatedAt: string;
}

export interface RunbookVersionRef {
  version: number;
  createdAt: string;
  createdBy: string;
}

export interface RunbookDetailOut extends RunbookOut {
  /** The version shown (the current one unless ?version= asked for another). */
  shownVersion: number;
  currentVersion: number;
  versions: RunbookVersionRef[];
}

export interface RunStepOut extends StepDef {
  state: StepState;
  note: string | null;
  link: string | null;
  branch: string | null;
  /** Verification: the probe result that proved it (or that was there at an override). */
  evidence: VerifyEvidence | null;
  by: string | null;
  at: string | null;
  overridden: boolean;
  revision: number;
  applies: boolean;
  /** Why it does not apply, or what it waits for. */
  reason: string | null;
  /** Verification steps: the condition judged on the latest probe result, now. */
  live: Verification | null;
}

export interface RunHistoryOut {
  id: string;
  at: string;
  stepKey: string | null;
  state: StepState | null;
  actor: string;
  body: string;
  data: Record<string, unknown>;
}

export interface RunRef {
  id: string;
  runbook: { id: string; slug: string; title: string; version: number; currentVersion: number };
  incident: { id: string; number: number; title: string } | null;
  service: { id: string; name: string; environment: string } | null;
  startedBy: string;
  startedAt: string;
  completedAt: string | null;
  scheduleOccurrence: string | null;
  progress: Progress;
}

export interface RunOut extends RunRef {
  guardrails: string[];
  summary: string | null;
  whenToUse: string | null;
  severityHint: string | null;
  steps: RunStepOut[];
  history: RunHistoryOut[];
}

export interface ScheduledChecklistOut {
  runbook: { id: string; slug: string; title: string };
  status: Omit<ScheduleStatus, 'period'> & { period: { key: string; start: string; end: string } };
}

export type { RunbookSuggestion };
