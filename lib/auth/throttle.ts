// Brute-force protection for sign-in. Failures are counted in Postgres (so
// several app instances share the count) over a sliding window.

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface FailureCounts {
  byEmail: number;
  byIp: number;
  /** Oldest failure inside the window for the limit that tripped, to say when to retry. */
  oldestEmailFailure?: Date;
  oldestIpFailure?: Date;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: string };

export function decideThrottle(counts: FailureCounts, now: Date): ThrottleDecision {
  const retryAfter = (oldest?: Date) =>
    Math.max(1, Math.ceil(((oldest?.getTime() ?? now.getTime()) + THROTTLE_WINDOW_MS - now.getTime()) / 1000));
  if (counts.byEmail >= MAX_FAILURES_PER_EMAIL) {
    return { allowed: false, retryAfterSeconds: retryAfter(counts.oldestEmailFailure), reason: 'too many failed sign-ins for this account' };
  }
  if (counts.byIp >= MAX_FAILURES_PER_IP) {
    return { allowed: false, retryAfterSeconds: retryAfter(counts.oldestIpFailure), reason: 'too many failed sign-ins from this address' };
  }
  return { allowed: true };
}
