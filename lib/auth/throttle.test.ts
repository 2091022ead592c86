import { describe, expect, it } from 'vitest';
import { decideThrottle, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, THROTTLE_WINDOW_MS } from './throttle';

const now = new Date('2026-11-23T12:00:00Z');

describe('decideThrottle', () => {
  it('allows below both limits', () => {
    expect(decideThrottle({ byEmail: MAX_FAILURES_PER_EMAIL - 1, byIp: MAX_FAILURES_PER_IP - 1 }, now)).toEqual({ allowed: true });
  });
  it('locks an account after too many failures and says when to retry', () => {
    const oldest = new Date(now.getTime() - 5 * 60_000);
    const d = decideThrottle({ byEmail: MAX_FAILURES_PER_EMAIL, byIp: 0, oldestEmailFailure: oldest }, now);
    expect(d.allowed).toBe(false);
    if (!d.allowed) {
      expect(d.retryAfterSeconds).toBe((THROTTLE_WINDOW_MS - 5 * 60_000) / 1000);
      expect(d.reason).toMatch(/account/);
    }
  });
  it('locks an address that tries many accounts', () => {
    const d = decideThrottle({ byEmail: 0, byIp: MAX_FAILURES_PER_IP }, now);
    expect(d.allowed).toBe(false);
    if (!d.allowed) expect(d.reason).toMatch(/address/);
  });
});
