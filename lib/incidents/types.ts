// Shapes the incidents API answers with. Types only, so the UI can import
// them; dates are ISO strings, as the JSON carries them.
import type { EndpointKind, Status } from '@/lib/probes/types';
import type { Clocks } from './clocks';
import type { IncidentStatus } from './lifecycle';
import type { Severity, SeverityLevel } from './policy';
import type { Suggestion } from './suggest';

export const EVENT_TYPES = ['declared', 'status', 'severity', 'role', 'acknowledged', 'note', 'update', 'correction', 'alert_opened', 'alert_resolved', 'deploy', 'checklist', 'postmortem'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const INCIDENT_ROLES = ['commander', 'communications', 'scribe', 'responder'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];

export const ROLE_LABELS: Record<IncidentRole, string> = {
  commander: 'Commander',
  communications: 'Communications lead',
  scribe: 'Scribe',
  responder: 'Responder',
};

export interface PersonOut {
  id: string;
  name: string;
  email: string;
}

export interface IncidentServiceRef {
  id: string;
  name: string;
  environment: string;
  /** Fresh status right now (worst enabled endpoint). */
  status: Status;
}

export interface IncidentServiceOut extends IncidentServiceRef {
  endpoints: { id: string; kind: EndpointKind; enabled: boolean; status: Status; error: string | null; lastCheckedAt: string | null }[];
  /** KPIs at warning or critical right now. */
  breaches: { kpi: string; value: number; level: 'warning' | 'critical'; limit: number }[];
}

export interface IncidentSummaryOut {
  id: string;
  number: number;
  title: string;
  summary: string | null;
  severity: Severity;
  status: IncidentStatus;
  declaredAt: string;
  declaredBy: string;
  severitySetAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  identifiedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  services: IncidentServiceRef[];
  commander: PersonOut | null;
  clocks: Clocks;
}

export interface IncidentOut extends Omit<IncidentSummaryOut, 'services'> {
  services: IncidentServiceOut[];
  roles: { commander: PersonOut | null; communications: PersonOut | null; scribe: PersonOut | null; responders: PersonOut[] };
  /** What the live signals of the services call for now; null when nothing does. */
  suggestion: Suggestion | null;
  allowedTransitions: IncidentStatus[];
  /** The policy level of the current severity (its targets drive the clocks). */
  policy: SeverityLevel;
}

export interface TimelineEventOut {
  id: string;
  at: string;
  type: EventType;
  actor: string;
  body: string;
  data: Record<string, unknown>;
  pinned: boolean;
  /** For a correction: the event it corrects. */
  correctsId: string | null;
  /** Ids of later corrections of this event (the last one is current). */
  correctedBy: string[];
}

export interface ExistingIncidentRef {
  id: string;
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  /** The requested services it already covers. */
  serviceIds: string[];
}
