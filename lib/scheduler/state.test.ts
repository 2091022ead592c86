import { describe, expect, it } from 'vitest';
import { nextDueAt, nextEndpointState, type EndpointState } from './state';

const t = (s: number) => new Date(Date.UTC(2026, 10, 23, 12, 0, s));
const fresh: EndpointState = { status: 'unknown', consecutiveFailures: 0, failingSince: null, statusChangedAt: null };

function run(statuses: ('up' | 'down' | 'degraded')[], n = 2, start: EndpointState = fresh) {
  let s = start;
  const seen: string[] = [];
  statuses.forEach((st, i) => {
    s = nextEndpointState(s, { status: st, at: t(i * 10) }, n);
    seen.push(s.status);
  });
  return { state: s, seen };
}

describe('nextEndpointState', () => {
  it('needs two failures in a row before an up endpoint is down', () => {
    const { seen, state } = run(['up', 'down', 'down', 'down']);
    expect(seen).toEqual(['up', 'up', 'down', 'down']);
    expect(state.consecutiveFailures).toBe(3);
    expect(state.failingSince).toEqual(t(10));
    expect(state.statusChangedAt).toEqual(t(20));
  });

  it('ignores a single blip', () => {
    const { seen, state } = run(['up', 'down', 'up', 'down', 'up']);
    expect(seen).toEqual(['up', 'up', 'up', 'up', 'up']);
    expect(state.consecutiveFailures).toBe(0);
    expect(state.failingSince).toBeNull();
  });

  it('recovers at the first good check', () => {
    const { seen } = run(['down', 'down', 'up']);
    expect(seen).toEqual(['unknown', 'down', 'up']);
  });

  it('applies degraded at once and keeps counting failures from it', () => {
    expect(run(['up', 'degraded', 'down', 'down']).seen).toEqual(['up', 'degraded', 'degraded', 'down']);
  });

  it('honours a per-service threshold of 1 and of 3', () => {
    expect(run(['up', 'down'], 1).seen).toEqual(['up', 'down']);
    expect(run(['up', 'down', 'down', 'down'], 3).seen).toEqual(['up', 'up', 'up', 'down']);
  });

  it('treats a threshold below 1 as 1', () => {
    expect(run(['down'], 0).seen).toEqual(['down']);
  });
});

describe('nextDueAt', () => {
  it('keeps the phase when on time', () => {
    expect(nextDueAt(t(0), 30, t(1))).toEqual(t(30));
  });
  it('restarts from now with an offset after falling behind', () => {
    const next = nextDueAt(t(0), 15, t(40), () => 0.5);
    expect(next.getTime()).toBe(t(40).getTime() + 2_500);
  });
});
