// Shapes the catalog API answers with. Pure types, no runtime imports, so the
// UI can import them too. Dates are ISO strings: what the JSON carries.
import type { EndpointKind, ProbeSummary, Status } from '@/lib/probes/types';

export interface Link {
  label: string;
  url: string;
}

export interface ThresholdOverride {
  warning: number;
  critical: number;
}

export interface EndpointOut {
  id: string;
  kind: EndpointKind;
  url: string;
  enabled: boolean;
  intervalSeconds: number;
  timeoutMs: number;
  /** Names only: header values are write-only. */
  headerNames: string[];
  telemetryPaths: Record<string, string>;
  /** Fresh status: the stored one, or `unknown` when disabled or not checked within two intervals. */
  status: Status;
  lastCheckedAt: string | null;
  statusChangedAt: string | null;
  failingSince: string | null;
  consecutiveFailures: number;
  httpStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  summary: ProbeSummary | null;
  /** A check was asked for and the poller has not picked it up yet. */
  checkQueued: boolean;
}

export interface ServiceOut {
  id: string;
  name: string;
  environment: string;
  team: string | null;
  description: string | null;
  tags: string[];
  links: Link[];
  thresholds: Record<string, ThresholdOverride>;
  failuresBeforeDown: number;
  /** Worst fresh status of the enabled endpoints; `unknown` when none. */
  status: Status;
  /** Most recent check of any endpoint. */
  lastCheckedAt: string | null;
  createdAt: string;
  updatedAt: string;
  endpoints: EndpointOut[];
}

export interface ResultOut {
  at: string;
  endpointId: string;
  kind: EndpointKind;
  status: Status;
  httpStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  summary: ProbeSummary | null;
}

/** What applying a catalog document does (or would do, on a dry run). */
export interface CatalogDiff {
  /** Services to create: "name (environment)" and their endpoints as "kind url". */
  create: { service: string; endpoints: string[] }[];
  /** Services that change: one line per change, "field: before → after". */
  update: { service: string; changes: string[] }[];
  /** Services removed because the document says `prune: true` and does not list them. */
  delete: { service: string; endpoints: number }[];
  /** Services in the document that already match. */
  unchanged: number;
  prune: boolean;
}

export interface CatalogApplyResult {
  dryRun: boolean;
  /** False when the document matches what is stored (nothing was or would be written). */
  changed: boolean;
  diff: CatalogDiff;
}
