import type { Status } from '@/lib/probes/types';

// What the poller remembers about an endpoint between two checks.
export interface EndpointState {
  /** The status people see: a failure counts only after `failuresBeforeDown` in a row. */
  status: Status;
  consecutiveFailures: number;
  /** First of the current run of failed checks (not reset by the confirmation). */
  failingSince: Date | null;
  statusChangedAt: Date | null;
}

export interface Observation {
  status: Status;
  at: Date;
}

/**
 * Folds one probe result into the endpoint's state. `down` is debounced: one
 * failed check keeps the previous status (a blip is not an outage), the
 * N-th in a row makes it `down`. `degraded` and `up` apply at once: they come
 * from the service's own words, not from a network hiccup.
 */
export function nextEndpointState(prev: EndpointState, obs: Observation, failuresBeforeDown: number): EndpointState {
  const threshold = Math.max(1, failuresBeforeDown);
  const failed = obs.status === 'down';
  const consecutiveFailures = failed ? prev.consecutiveFailures + 1 : 0;
  const failingSince = failed ? (prev.failingSince ?? obs.at) : null;

  let status: Status;
  if (!failed) status = obs.status;
  else if (consecutiveFailures >= threshold) status = 'down';
  else status = prev.status === 'down' ? 'down' : prev.status;

  return {
    status,
    consecutiveFailures,
    failingSince,
    statusChangedAt: status !== prev.status ? obs.at : prev.statusChangedAt,
  };
}

/**
 * When to check next: keep the endpoint's phase (due + interval) so checks
 * do not drift; when the poller fell behind by more than one interval,
 * restart from now with a random offset rather than firing a burst.
 */
export function nextDueAt(due: Date, intervalSeconds: number, now: Date, random: () => number = Math.random): Date {
  const intervalMs = intervalSeconds * 1000;
  const next = due.getTime() + intervalMs;
  if (next > now.getTime()) return new Date(next);
  return new Date(now.getTime() + Math.floor(random() * Math.min(intervalMs, 5_000)));
}
