import { endpointFreshStatus } from '@/lib/catalog/status';
import type { ProbeSummary, Status } from '@/lib/probes/types';
import type { VerifySpec } from './schema';

// Does a verification step's condition hold, judged on the latest stored probe
// result of the bound service's endpoint of that kind? Pure: the caller loads
// the endpoint row and passes the clock.

/** The latest state of an endpoint as the endpoints table keeps it. */
export interface EndpointSnapshot {
  id: string;
  kind: string;
  url?: string;
  enabled: boolean;
  status: Status;
  intervalSeconds: number;
  lastCheckedAt: Date | string | null;
  lastHttpStatus: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  lastSummary: ProbeSummary | null;
}

/** The probe result attached to a step as its evidence. */
export interface VerifyEvidence {
  at: string | null;
  endpointId: string;
  kind: string;
  status: Status;
  httpStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  summary: ProbeSummary | null;
  /** The measured value a *_below condition compared (percent or ms). */
  value?: number;
  /** What was checked, in words, e.g. "readiness up". */
  condition: string;
}

export type VerifyOutcome = 'holds' | 'fails' | 'unknown';

export interface Verification {
  outcome: VerifyOutcome;
  /** One line a person reads: why it holds or not. */
  reason: string;
  evidence: VerifyEvidence | null;
}

const KPI_KEY = { cpu: 'cpu', memory: 'memory', disk: 'disk' } as const;

/** "readiness up", "metrics error rate below 5 %", … */
export function describeCondition(v: VerifySpec): string {
  switch (v.condition) {
    case 'up':
      return `${v.kind} up`;
    case 'not_down':
      return `${v.kind} not down`;
    case 'at_head':
      return 'migration at head';
    case 'error_rate_below':
      return `error rate below ${v.threshold} %`;
    case 'p95_below':
      return `p95 latency below ${v.threshold} ms`;
    case 'kpi_below':
      return `${v.kpi} below ${v.threshold} %`;
  }
}

function kpiValue(v: VerifySpec, summary: ProbeSummary | null): { name: string; value: number | undefined; unit: string } {
  const kpis = summary?.kpis ?? {};
  if (v.condition === 'error_rate_below') return { name: 'error rate', value: kpis.errorRate, unit: ' %' };
  if (v.condition === 'p95_below') return { name: 'p95 latency', value: kpis.p95LatencyMs, unit: ' ms' };
  const k = KPI_KEY[v.kpi ?? 'cpu'];
  return { name: k, value: kpis[k], unit: ' %' };
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);

/**
 * Evaluates one condition. No endpoint of the kind, a disabled endpoint or a
 * result older than two intervals is `unknown`: the console never ticks a step
 * on stale or missing evidence.
 */
export function evaluateVerify(v: VerifySpec, ep: EndpointSnapshot | null | undefined, now: Date | number = Date.now()): Verification {
  const condition = describeCondition(v);
  if (!ep) return { outcome: 'unknown', reason: `The service has no ${v.kind} endpoint to check`, evidence: null };
  const fresh = endpointFreshStatus(ep, now);
  const evidence: VerifyEvidence = {
    at: ep.lastCheckedAt ? new Date(ep.lastCheckedAt).toISOString() : null,
    endpointId: ep.id,
    kind: ep.kind,
    status: ep.status,
    httpStatus: ep.lastHttpStatus,
    latencyMs: ep.lastLatencyMs,
    error: ep.lastError,
    summary: ep.lastSummary,
    condition,
  };
  if (!ep.enabled) return { outcome: 'unknown', reason: `The ${v.kind} endpoint is disabled`, evidence: null };
  if (!ep.lastCheckedAt) return { outcome: 'unknown', reason: `The ${v.kind} endpoint has not been checked yet`, evidence: null };
  if (fresh === 'unknown' && ep.status !== 'unknown') return { outcome: 'unknown', reason: `No fresh ${v.kind} result (last one is older than two intervals)`, evidence };

  switch (v.condition) {
    case 'up':
      return fresh === 'up'
        ? { outcome: 'holds', reason: `${v.kind} is up`, evidence }
        : { outcome: fresh === 'unknown' ? 'unknown' : 'fails', reason: `${v.kind} is ${fresh}${ep.lastError ? `: ${ep.lastError}` : ''}`, evidence };
    case 'not_down':
      return fresh === 'up' || fresh === 'degraded'
        ? { outcome: 'holds', reason: `${v.kind} is ${fresh}`, evidence }
        : { outcome: fresh === 'unknown' ? 'unknown' : 'fails', reason: `${v.kind} is ${fresh}${ep.lastError ? `: ${ep.lastError}` : ''}`, evidence };
    case 'at_head': {
      const m = ep.lastSummary?.migration;
      if (m?.atHead === true) return { outcome: 'holds', reason: `at head${m.head ? ` (${m.head})` : ''}`, evidence };
      if (m?.atHead === false) {
        const behind = m.pending ? `${m.pending} migration(s) behind` : 'behind head';
        return { outcome: 'fails', reason: `${behind}${m.current ? `: at ${m.current}` : ''}${m.head ? `, head ${m.head}` : ''}`, evidence };
      }
      return { outcome: fresh === 'down' ? 'fails' : 'unknown', reason: fresh === 'down' ? `migration endpoint is down${ep.lastError ? `: ${ep.lastError}` : ''}` : 'The service cannot tell its migration state', evidence };
    }
    case 'error_rate_below':
    case 'p95_below':
    case 'kpi_below': {
      const k = kpiValue(v, ep.lastSummary);
      if (k.value === undefined || !Number.isFinite(k.value)) {
        return { outcome: 'unknown', reason: `No ${k.name} in the latest ${v.kind} result${fresh === 'down' ? ` (endpoint down)` : ''}`, evidence };
      }
      const value = round(k.value);
      const threshold = v.threshold ?? 0;
      return k.value < threshold
        ? { outcome: 'holds', reason: `${k.name} ${value}${k.unit} is below ${threshold}${k.unit}`, evidence: { ...evidence, value } }
        : { outcome: 'fails', reason: `${k.name} ${value}${k.unit} is not below ${threshold}${k.unit}`, evidence: { ...evidence, value } };
    }
  }
}

/** One line for the timeline and the step: "readiness up — HTTP 200, 12 ms, at 02:13:04Z". */
export function evidenceLine(e: VerifyEvidence): string {
  const parts: string[] = [e.status];
  if (e.httpStatus !== null) parts.push(`HTTP ${e.httpStatus}`);
  if (e.latencyMs !== null) parts.push(`${e.latencyMs} ms`);
  if (e.value !== undefined) parts.push(`value ${e.value}`);
  return `${e.condition}: ${parts.join(', ')}${e.at ? ` (checked ${e.at.slice(11, 19)} UTC)` : ''}`;
}
