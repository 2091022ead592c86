import { describe, expect, it } from 'vitest';
import { formatDateTime, relativeTime } from './time';

describe('relativeTime', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('reads naturally at each scale', () => {
    expect(relativeTime('2026-11-23T11:59:50Z', now)).toBe('10 s ago');
    expect(relativeTime('2026-11-23T11:57:00Z', now)).toBe('3 min ago');
    expect(relativeTime('2026-11-23T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-11-20T12:00:00Z', now)).toBe('3 d ago');
    expect(relativeTime('2026-11-23T12:05:00Z', now)).toBe('in 5 min');
    expect(relativeTime(null, now)).toBe('never');
  });
  it('formats absolute times in UTC', () => {
    expect(formatDateTime('2026-11-23T12:00:00.123Z')).toBe('2026-11-23 12:00:00 UTC');
  });
});
