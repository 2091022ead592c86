import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysBetween, isBusinessDay, postmortemDueAt } from './business-days';

// 2026-11-23 is a Monday.
describe('addBusinessDays', () => {
  it('skips weekends and keeps the time of day', () => {
    expect(addBusinessDays('2026-11-23T09:00:00Z', 1).toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(addBusinessDays('2026-11-23T09:00:00Z', 5).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(addBusinessDays('2026-11-26T12:00:00Z', 2).toISOString()).toBe('2026-11-30T12:00:00.000Z'); // Thu → Mon
  });
  it('a Friday-evening P1 resolution is due the next Friday evening', () => {
    expect(postmortemDueAt('2026-11-27T19:30:00Z', 5).toISOString()).toBe('2026-12-04T19:30:00.000Z');
  });
  it('a weekend start counts from Monday', () => {
    expect(addBusinessDays('2026-11-28T10:00:00Z', 1).toISOString()).toBe('2026-11-30T10:00:00.000Z'); // Sat → Mon
    expect(addBusinessDays('2026-11-29T23:59:00Z', 5).toISOString()).toBe('2026-12-04T23:59:00.000Z'); // Sun → Fri
  });
  it('zero days is the same instant; negative or fractional days are refused', () => {
    expect(addBusinessDays('2026-11-28T10:00:00Z', 0).toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(() => addBusinessDays('2026-11-28T10:00:00Z', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-11-28T10:00:00Z', 1.5)).toThrow(RangeError);
  });
  it('crosses month and year ends', () => {
    expect(addBusinessDays('2026-12-31T08:00:00Z', 1).toISOString()).toBe('2027-01-01T08:00:00.000Z'); // Thu → Fri (holidays are not known)
    expect(addBusinessDays('2027-01-01T08:00:00Z', 1).toISOString()).toBe('2027-01-04T08:00:00.000Z'); // Fri → Mon
  });
  it('does not mutate its argument', () => {
    const d = new Date('2026-11-27T19:30:00Z');
    addBusinessDays(d, 5);
    expect(d.toISOString()).toBe('2026-11-27T19:30:00.000Z');
  });
});

describe('businessDaysBetween', () => {
  it('counts whole business days, the inverse of addBusinessDays', () => {
    for (const start of ['2026-11-23T09:00:00Z', '2026-11-27T19:30:00Z', '2026-11-28T10:00:00Z']) {
      for (const n of [0, 1, 3, 5, 12]) expect(businessDaysBetween(start, addBusinessDays(start, n))).toBe(n);
    }
  });
  it('a weekend alone is no business day; earlier is negative', () => {
    expect(businessDaysBetween('2026-11-27T19:30:00Z', '2026-11-29T19:30:00Z')).toBe(0);
    expect(businessDaysBetween('2026-12-04T19:30:00Z', '2026-11-27T19:30:00Z')).toBe(-5);
  });
});

it('isBusinessDay', () => {
  expect(isBusinessDay('2026-11-27T23:59:59Z')).toBe(true);
  expect(isBusinessDay('2026-11-28T00:00:00Z')).toBe(false);
  expect(isBusinessDay('2026-11-29T12:00:00Z')).toBe(false);
});
