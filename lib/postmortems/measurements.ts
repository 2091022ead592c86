// The response measurements of an incident, from its timestamps and timeline.
// Pure: the drafting code gathers the inputs from the database.
//
// Every interval is measured from the declaration (the one and only declare),
// but time to detect, which ends there: from the first failure anyone could
// have seen (a failing probe or an alert on an affected service) to declaring.
// A reopened incident counts from its first declaration to its final
// resolution, and says how many times it was reopened.

export interface ProbeSample {
  endpointId: string;
  at: Date;
  status: 'up' | 'degraded' | 'down' | 'unknown';
}

export interface AlertSignal {
  openedAt: Date;
  resolvedAt: Date | null;
}

export interface MeasurementInput {
  declaredAt: Date;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  /** When the failure was first seen, null when nothing failing was seen (see detectionStart). */
  detectedAt: Date | null;
  /** Status events of the timeline, oldest first: {from, to, at}. */
  statusEvents: { at: Date; from: string; to: string }[];
}

export interface Metrics {
  /** First failing probe or alert → declared; null when nothing failing was seen before declaring. */
  timeToDetectSeconds: number | null;
  /** Declared → acknowledged; null when never acknowledged. */
  timeToAcknowledgeSeconds: number | null;
  /** Declared → mitigated (the last mitigation that held); null when not mitigated. */
  timeToMitigateSeconds: number | null;
  /** Declared → the final resolution; null while unresolved. */
  timeToResolveSeconds: number | null;
  detectedAt: string | null;
  declaredAt: string;
  acknowledgedAt: string | null;
  mitigatedAt: string | null;
  resolvedAt: string | null;
  reopened: boolean;
  reopenCount: number;
  /** Where detection came from: probe, alert, or null. */
  detectedBy: 'probe' | 'alert' | null;
}

const seconds = (from: Date, to: Date | null): number | null => (to === null ? null : Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)));

export function measure(input: MeasurementInput, detectedBy: Metrics['detectedBy'] = null): Metrics {
  const reopenCount = input.statusEvents.filter((e) => e.from === 'resolved' && e.to !== 'closed' && e.to !== 'resolved').length;
  const detected = input.detectedAt !== null && input.detectedAt.getTime() <= input.declaredAt.getTime() ? input.detectedAt : null;
  return {
    timeToDetectSeconds: detected ? seconds(detected, input.declaredAt) : null,
    timeToAcknowledgeSeconds: seconds(input.declaredAt, input.acknowledgedAt),
    timeToMitigateSeconds: seconds(input.declaredAt, input.mitigatedAt),
    timeToResolveSeconds: seconds(input.declaredAt, input.resolvedAt),
    detectedAt: detected?.toISOString() ?? null,
    declaredAt: input.declaredAt.toISOString(),
    acknowledgedAt: input.acknowledgedAt?.toISOString() ?? null,
    mitigatedAt: input.mitigatedAt?.toISOString() ?? null,
    resolvedAt: input.resolvedAt?.toISOString() ?? null,
    reopened: reopenCount > 0,
    reopenCount,
    detectedBy: detected ? detectedBy : null,
  };
}

const FAILING = new Set(['down', 'degraded']);

/**
 * When the failure that led to the declaration started, per the probes: for
 * each endpoint, the first failing result of the unbroken failing streak that
 * runs up to the declaration (a streak that ended before it, by an `up`
 * result, does not count). `unknown` results neither start nor break a streak.
 * Earliest over all endpoints; null when no endpoint was failing at declare.
 */
export function failingStreakStart(samples: ProbeSample[], declaredAt: Date): Date | null {
  const byEndpoint = new Map<string, ProbeSample[]>();
  for (const s of samples) {
    if (s.at.getTime() > declaredAt.getTime()) continue;
    const list = byEndpoint.get(s.endpointId) ?? [];
    list.push(s);
    byEndpoint.set(s.endpointId, list);
  }
  let earliest: Date | null = null;
  for (const list of byEndpoint.values()) {
    list.sort((a, b) => a.at.getTime() - b.at.getTime());
    let start: Date | null = null;
    for (const s of list) {
      if (FAILING.has(s.status)) start ??= s.at;
      else if (s.status === 'up') start = null;
    }
    if (start && (earliest === null || start < earliest)) earliest = start;
  }
  return earliest;
}

/**
 * The earliest signal: the probes' failing streak, or an alert on an affected
 * service that was still open at the declaration (or opened before and
 * resolved after it). Alerts that opened and closed well before do not count.
 */
export function detectionStart(samples: ProbeSample[], alerts: AlertSignal[], declaredAt: Date): { at: Date; by: 'probe' | 'alert' } | null {
  const probe = failingStreakStart(samples, declaredAt);
  let alert: Date | null = null;
  for (const a of alerts) {
    if (a.openedAt.getTime() > declaredAt.getTime()) continue;
    if (a.resolvedAt !== null && a.resolvedAt.getTime() < declaredAt.getTime()) continue;
    if (alert === null || a.openedAt < alert) alert = a.openedAt;
  }
  if (probe === null && alert === null) return null;
  if (alert === null || (probe !== null && probe <= alert)) return { at: probe!, by: 'probe' };
  return { at: alert, by: 'alert' };
}

/**
 * Seconds a service was down inside [from, to): it is down while any of its
 * endpoints' latest result is `down`. The state before `from` is taken from
 * the last sample before it, so a failure that began earlier counts from `from`.
 */
export function downtimeSeconds(samples: ProbeSample[], from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  const sorted = [...samples].sort((a, b) => a.at.getTime() - b.at.getTime());
  const state = new Map<string, string>();
  let downMs = 0;
  let cursor = start;
  const isDown = () => [...state.values()].some((s) => s === 'down');
  for (const s of sorted) {
    const t = s.at.getTime();
    if (t >= end) break;
    if (t > cursor) {
      if (isDown()) downMs += t - cursor;
      cursor = t;
    }
    state.set(s.endpointId, s.status);
  }
  if (isDown()) downMs += end - cursor;
  return Math.round(downMs / 1000);
}

/** "1 h 5 min", "42 s", "—" for null. */
export function formatSeconds(s: number | null): string {
  if (s === null) return '—';
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h < 48) return rest ? `${h} h ${rest} min` : `${h} h`;
  const d = Math.floor(h / 24);
  const rh = h % 24;
  return rh ? `${d} d ${rh} h` : `${d} d`;
}
