import { describe, expect, it } from 'vitest';
import { periodOf, previousPeriod, scheduleStatus } from './schedule';

const at = (s: string) => new Date(s);

describe('periods', () => {
  it('names days, ISO weeks and months in UTC', () => {
    expect(periodOf('daily', at('2026-11-24T23:59:59Z')).key).toBe('2026-11-24');
    expect(periodOf('weekly', at('2026-11-24T10:00:00Z'))).toMatchObject({ key: '2026-W48', start: at('2026-11-23T00:00:00Z'), end: at('2026-11-30T00:00:00Z') });
    // 1 January 2027 is a Friday: it belongs to the last ISO week of 2026.
    expect(periodOf('weekly', at('2027-01-01T00:00:00Z')).key).toBe('2026-W53');
    expect(periodOf('weekly', at('2026-01-01T00:00:00Z')).key).toBe('2026-W01');
    expect(periodOf('monthly', at('2026-12-31T12:00:00Z'))).toMatchObject({ key: '2026-12', end: at('2027-01-01T00:00:00Z') });
    expect(previousPeriod('monthly', periodOf('monthly', at('2026-01-15T00:00:00Z'))).key).toBe('2025-12');
  });
});

describe('scheduleStatus', () => {
  const now = at('2026-11-24T09:00:00Z');
  it('is due in a new period, in progress once started, done once completed', () => {
    const since = at('2026-11-24T08:00:00Z');
    expect(scheduleStatus('daily', since, [], now).state).toBe('due');
    expect(scheduleStatus('daily', since, [{ id: 'a', occurrence: '2026-11-24', startedAt: now, completedAt: null }], now)).toMatchObject({ state: 'in_progress', runId: 'a' });
    expect(scheduleStatus('daily', since, [{ id: 'a', occurrence: '2026-11-24', startedAt: now, completedAt: now }], now)).toMatchObject({ state: 'done', runId: 'a' });
  });
  it('is overdue when the previous period went without a completed run', () => {
    const since = at('2026-11-01T00:00:00Z');
    expect(scheduleStatus('daily', since, [], now)).toMatchObject({ state: 'overdue', missed: '2026-11-23' });
    const yesterday = { id: 'y', occurrence: '2026-11-23', startedAt: at('2026-11-23T08:00:00Z'), completedAt: at('2026-11-23T08:30:00Z') };
    expect(scheduleStatus('daily', since, [yesterday], now)).toMatchObject({ state: 'due', lastCompletedAt: '2026-11-23T08:30:00.000Z' });
    // A run left open yesterday does not count.
    expect(scheduleStatus('daily', since, [{ ...yesterday, completedAt: null }], now).state).toBe('overdue');
    expect(scheduleStatus('weekly', since, [], now)).toMatchObject({ state: 'overdue', missed: '2026-W47' });
  });
});
