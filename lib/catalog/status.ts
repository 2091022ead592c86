import { worstStatus, type Status } from '@/lib/probes/types';

// How fresh a stored status must be to count (DESIGN.md: a service is `unknown`
// when nothing fresh is known, i.e. no result within two intervals).

export const FRESH_INTERVALS = 2;

/** The columns of an endpoint the status needs; a Prisma row or an API object both fit. */
export interface EndpointStatusInput {
  enabled: boolean;
  status: Status;
  lastCheckedAt: Date | string | null;
  intervalSeconds: number;
}

function toMs(t: Date | string | number): number {
  return typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime();
}

/**
 * The endpoint's stored status while it is fresh; `unknown` when the endpoint is
 * disabled, was never checked, or was last checked more than two intervals ago.
 */
export function endpointFreshStatus(ep: EndpointStatusInput, now: Date | number = Date.now()): Status {
  if (!ep.enabled || !ep.lastCheckedAt) return 'unknown';
  const checked = toMs(ep.lastCheckedAt);
  if (!Number.isFinite(checked)) return 'unknown';
  const age = toMs(now) - checked;
  if (age > FRESH_INTERVALS * ep.intervalSeconds * 1000) return 'unknown';
  return ep.status;
}

/** A service is as bad as its worst enabled endpoint; `unknown` when it has no enabled endpoint. */
export function serviceStatus(endpoints: EndpointStatusInput[], now: Date | number = Date.now()): Status {
  return worstStatus(endpoints.filter((ep) => ep.enabled).map((ep) => endpointFreshStatus(ep, now)));
}
