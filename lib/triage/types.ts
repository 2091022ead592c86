// Shapes of the "First two minutes" triage. Pure types: the UI imports them too.
import type { EndpointKind, ProbeSummary, Status } from '@/lib/probes/types';

export type CheckState = 'pass' | 'warn' | 'fail' | 'na';

export interface TriageCheck {
  /** Stable id: health, components, liveness, readiness, migration, errorRate, p95LatencyMs, cpu, memory, disk, deploys. */
  id: string;
  label: string;
  state: CheckState;
  /** What was measured, formatted with its unit ("7.5 %", "down", "behind by 2"); null when nothing was. */
  value: string | null;
  /** What it is judged against ("warning 5 % · critical 10 %", "up"); null when nothing applies. */
  threshold: string | null;
  /** One line of context: the error, which components, how stale, which deploy. */
  detail: string | null;
}

export interface TriageResult {
  checks: TriageCheck[];
  /** Plain text for a chat channel. */
  text: string;
}

export interface TriageService {
  name: string;
  environment: string;
  /** Per-KPI overrides of the default thresholds. */
  thresholds?: Record<string, { warning: number; critical: number }> | null;
}

/** The endpoint fields triage reads; an API EndpointOut fits. */
export interface TriageEndpoint {
  kind: EndpointKind;
  url?: string;
  enabled: boolean;
  status: Status;
  lastCheckedAt: string | Date | null;
  intervalSeconds: number;
  failingSince?: string | Date | null;
  httpStatus?: number | null;
  error?: string | null;
  summary: ProbeSummary | null;
}

export interface TriageDeploy {
  at: string | Date;
  version: string;
  environment: string;
  description?: string | null;
  actor: string;
}
