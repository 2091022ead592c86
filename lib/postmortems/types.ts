// Shapes the postmortems API answers with. Types only (the UI imports them);
// dates are ISO strings, as the JSON carries them.
import type { Severity } from '@/lib/incidents/policy';
import type { IncidentStatus } from '@/lib/incidents/lifecycle';
import type { EventType } from '@/lib/incidents/types';
import type { ChecklistRunSummary } from './checklists';
import type { Metrics } from './measurements';
import type { ActionItemStatus, PostmortemStatus, SectionKey } from './states';

export interface ServiceImpact {
  serviceId: string;
  name: string;
  environment: string;
  /** The window measured: detection (or declaration) to resolution. */
  from: string;
  to: string;
  /** Raw probe results, or the per-minute rollups once the raw results of the window have aged out. */
  source: 'results' | 'rollups';
  checks: number;
  failedChecks: number;
  /** Seconds some endpoint of the service was down inside the window. */
  downtimeSeconds: number;
  /** Share of checks that did not fail, percent; null without checks. */
  availabilityPercent: number | null;
  /** Error rate (share of 5xx, percent) the metrics endpoints reported: mean and peak; null when none. */
  errorRateAvg: number | null;
  errorRateMax: number | null;
}

export interface KeyEvent {
  at: string;
  type: EventType;
  actor: string;
  body: string;
}

/** What was measured from the record when the postmortem was drafted. */
export interface DraftSnapshot {
  draftedAt: string;
  incident: { id: string; number: number; title: string; severity: Severity; summary: string | null; declaredBy: string; commander: string | null };
  metrics: Metrics;
  impact: ServiceImpact[];
  keyEvents: KeyEvent[];
  checklists: ChecklistRunSummary[];
}

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface ActionItemOut {
  id: string;
  postmortemId: string;
  title: string;
  owner: PersonRef | null;
  /** YYYY-MM-DD */
  dueDate: string | null;
  status: ActionItemStatus;
  link: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  overdue: boolean;
}

export interface CommentOut {
  id: string;
  section: SectionKey | 'general';
  body: string;
  author: string;
  at: string;
}

export interface PostmortemIncidentRef {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
}

export interface PostmortemOut {
  id: string;
  incidentId: string;
  incident: PostmortemIncidentRef;
  status: PostmortemStatus;
  dueAt: string;
  overdue: boolean;
  /** The measured response times, in seconds (null when not measurable). */
  metrics: Metrics;
  draft: DraftSnapshot;
  sections: Record<SectionKey, string>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  actionItems: ActionItemOut[];
  comments: CommentOut[];
}

export interface PostmortemListItem {
  id: string;
  incident: PostmortemIncidentRef;
  status: PostmortemStatus;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  approvedAt: string | null;
  actionItems: { total: number; open: number; overdue: number };
}

export interface OverdueActionItemOut extends ActionItemOut {
  postmortem: { id: string; incidentNumber: number; incidentTitle: string };
}
