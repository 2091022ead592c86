import { describe, expect, it } from 'vitest';
import { addBusinessDays, computeClocks, formatCountdown, formatDuration, type ClockInput } from './clocks';
import { DEFAULT_POLICY } from './policy';

const [P1, P2, P3] = DEFAULT_POLICY;
const T0 = '2026-11-23T10:00:00.000Z'; // a Monday
const at = (min: number) => new Date(Date.parse(T0) + min * 60_000);
const open = (over: Partial<ClockInput> = {}): ClockInput => ({
  status: 'investigating',
  declaredAt: T0,
  severitySetAt: T0,
  acknowledgedAt: null,
  mitigatedAt: null,
  resolvedAt: null,
  ...over,
});

describe('computeClocks', () => {
  it('counts the time since declaration while open', () => {
    const c = computeClocks(open(), P2, at(12));
    expect(c.elapsedMs).toBe(12 * 60_000);
    expect(c.running).toBe(true);
  });

  it('P2: the response clock runs 15 min, escalation 60 min, with the time left', () => {
    const c = computeClocks(open(), P2, at(10));
    expect(c.response).toMatchObject({ targetMinutes: 15, state: 'running', remainingMs: 5 * 60_000, dueAt: at(15).toISOString(), text: 'Within 15 minutes' });
    expect(c.escalation).toMatchObject({ targetMinutes: 60, state: 'running', remainingMs: 50 * 60_000 });
    expect(c.overdue).toBe(false);
  });

  it('becomes overdue past the target, with a negative remainder', () => {
    const c = computeClocks(open(), P2, at(20));
    expect(c.response.state).toBe('overdue');
    expect(c.response.remainingMs).toBe(-5 * 60_000);
    expect(c.overdue).toBe(true);
    expect(computeClocks(open(), P2, at(61)).escalation.state).toBe('overdue');
  });

  it('acknowledging stops the response clock: met when in time, missed when late', () => {
    const met = computeClocks(open({ acknowledgedAt: at(5).toISOString() }), P2, at(30));
    expect(met.response).toMatchObject({ state: 'met', stoppedAt: at(5).toISOString(), remainingMs: null });
    expect(met.overdue).toBe(false);
    const missed = computeClocks(open({ acknowledgedAt: at(20).toISOString() }), P2, at(30));
    expect(missed.response.state).toBe('missed');
    // …but not the escalation clock.
    expect(missed.escalation.state).toBe('running');
  });

  it('P1 must be acknowledged at once (target 0) and escalates after 15 min', () => {
    const c = computeClocks(open(), P1, at(1));
    expect(c.response).toMatchObject({ targetMinutes: 0, state: 'overdue', text: 'Immediately' });
    expect(computeClocks(open(), P1, at(0)).response.state).toBe('running');
    expect(computeClocks(open(), P1, at(16)).escalation.state).toBe('overdue');
  });

  it('P3 has no timed response and no escalation', () => {
    const c = computeClocks(open(), P3, at(600));
    expect(c.response).toMatchObject({ targetMinutes: null, dueAt: null, state: 'none', remainingMs: null, text: 'Next business day' });
    expect(c.escalation.state).toBe('none');
    expect(c.overdue).toBe(false);
  });

  it('mitigation stops the escalation clock; going back to investigating restarts it', () => {
    const mitigated = computeClocks(open({ status: 'mitigated', mitigatedAt: at(40).toISOString() }), P2, at(90));
    expect(mitigated.escalation).toMatchObject({ state: 'met', stoppedAt: at(40).toISOString() });
    const reopened = computeClocks(open({ status: 'investigating', mitigatedAt: null }), P2, at(90));
    expect(reopened.escalation.state).toBe('overdue');
  });

  it('clocks start again from a severity change', () => {
    const c = computeClocks(open({ severitySetAt: at(120).toISOString() }), P1, at(125));
    expect(c.escalation).toMatchObject({ startedAt: at(120).toISOString(), state: 'running', remainingMs: 10 * 60_000 });
    expect(c.elapsedMs).toBe(125 * 60_000);
  });

  it('resolution stops everything, and dates the P1 postmortem 5 business days later', () => {
    const c = computeClocks(open({ status: 'resolved', mitigatedAt: at(30).toISOString(), resolvedAt: at(45).toISOString() }), P1, at(600));
    expect(c.running).toBe(false);
    expect(c.elapsedMs).toBe(45 * 60_000);
    // Nobody acknowledged: the resolution stopped the response clock, late.
    expect(c.response.state).toBe('missed');
    expect(c.escalation.state).toBe('missed');
    expect(c.overdue).toBe(false);
    expect(c.postmortem).toEqual({ required: true, businessDays: 5, dueAt: '2026-11-30T10:45:00.000Z' });
    expect(computeClocks(open(), P1, at(1)).postmortem.dueAt).toBeNull();
    expect(computeClocks(open({ status: 'resolved', resolvedAt: at(5).toISOString() }), P2, at(6)).postmortem).toEqual({ required: false, businessDays: null, dueAt: null });
  });
});

describe('addBusinessDays', () => {
  it('skips weekends and keeps the time of day', () => {
    expect(addBusinessDays('2026-11-27T16:00:00Z', 1).toISOString()).toBe('2026-11-30T16:00:00.000Z'); // Fri → Mon
    expect(addBusinessDays('2026-11-28T09:00:00Z', 1).toISOString()).toBe('2026-11-30T09:00:00.000Z'); // Sat → Mon
    expect(addBusinessDays('2026-11-23T09:00:00Z', 5).toISOString()).toBe('2026-11-30T09:00:00.000Z'); // Mon → next Mon
    expect(addBusinessDays('2026-11-23T09:00:00Z', 0).toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });
});

describe('formatting', () => {
  it('formats durations and countdowns for people', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 05 min');
    expect(formatDuration(27 * 3600_000)).toBe('1 d 3 h');
    expect(formatCountdown(-(4 * 60_000 + 7_000))).toBe('4:07');
    expect(formatCountdown(2 * 3600_000)).toBe('2 h 00 min');
  });
});
