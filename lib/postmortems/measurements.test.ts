import { describe, expect, it } from 'vitest';
import { detectionStart, downtimeSeconds, failingStreakStart, formatSeconds, measure, type ProbeSample } from './measurements';

const t = (hhmm: string, day = '2026-11-27') => new Date(`${day}T${hhmm}:00Z`);
const s = (endpointId: string, hhmm: string, status: ProbeSample['status']): ProbeSample => ({ endpointId, at: t(hhmm), status });

describe('measure', () => {
  it('measures detect, acknowledge, mitigate and resolve in seconds', () => {
    const m = measure({ declaredAt: t('10:05'), detectedAt: t('10:00'), acknowledgedAt: t('10:07'), mitigatedAt: t('10:35'), resolvedAt: t('11:05'), statusEvents: [] }, 'probe');
    expect(m).toMatchObject({ timeToDetectSeconds: 300, timeToAcknowledgeSeconds: 120, timeToMitigateSeconds: 1800, timeToResolveSeconds: 3600, reopened: false, reopenCount: 0, detectedBy: 'probe' });
  });
  it('never acknowledged: time to acknowledge is null, the rest still measured', () => {
    const m = measure({ declaredAt: t('10:05'), detectedAt: null, acknowledgedAt: null, mitigatedAt: t('10:20'), resolvedAt: t('10:20'), statusEvents: [] });
    expect(m.timeToAcknowledgeSeconds).toBeNull();
    expect(m.timeToDetectSeconds).toBeNull();
    expect(m.detectedBy).toBeNull();
    expect(m.timeToResolveSeconds).toBe(900);
  });
  it('reopened: from the first declare to the final resolve, and says so', () => {
    const statusEvents = [
      { at: t('10:30'), from: 'investigating', to: 'resolved' },
      { at: t('11:00'), from: 'resolved', to: 'investigating' },
      { at: t('12:00'), from: 'investigating', to: 'resolved' },
    ];
    const m = measure({ declaredAt: t('10:00'), detectedAt: null, acknowledgedAt: t('10:01'), mitigatedAt: t('11:40'), resolvedAt: t('12:00'), statusEvents });
    expect(m).toMatchObject({ timeToResolveSeconds: 7200, timeToMitigateSeconds: 6000, reopened: true, reopenCount: 1 });
  });
  it('closing a resolved incident is not a reopen', () => {
    const m = measure({ declaredAt: t('10:00'), detectedAt: null, acknowledgedAt: null, mitigatedAt: t('10:10'), resolvedAt: t('10:10'), statusEvents: [{ at: t('10:20'), from: 'resolved', to: 'closed' }] });
    expect(m.reopened).toBe(false);
  });
  it('resolved across a weekend: plain elapsed time, weekends count for response', () => {
    const m = measure({ declaredAt: t('18:00', '2026-11-27'), detectedAt: t('17:50', '2026-11-27'), acknowledgedAt: t('18:02', '2026-11-27'), mitigatedAt: t('09:00', '2026-11-28'), resolvedAt: t('09:00', '2026-11-30'), statusEvents: [] });
    expect(m.timeToResolveSeconds).toBe((2 * 24 + 15) * 3600);
    expect(m.timeToMitigateSeconds).toBe(15 * 3600);
    expect(m.timeToDetectSeconds).toBe(600);
  });
  it('a detection after the declaration is not a detection', () => {
    const m = measure({ declaredAt: t('10:00'), detectedAt: t('10:05'), acknowledgedAt: null, mitigatedAt: null, resolvedAt: null, statusEvents: [] }, 'alert');
    expect(m.timeToDetectSeconds).toBeNull();
    expect(m.detectedBy).toBeNull();
    expect(m.timeToResolveSeconds).toBeNull();
  });
});

describe('failingStreakStart', () => {
  it('the first failure of the streak that runs into the declaration', () => {
    const samples = [s('a', '09:00', 'down'), s('a', '09:01', 'up'), s('a', '09:50', 'degraded'), s('a', '09:51', 'unknown'), s('a', '09:52', 'down'), s('a', '10:10', 'down')];
    expect(failingStreakStart(samples, t('10:00'))).toEqual(t('09:50'));
  });
  it('a streak that ended before the declaration does not count', () => {
    expect(failingStreakStart([s('a', '09:00', 'down'), s('a', '09:30', 'up')], t('10:00'))).toBeNull();
  });
  it('earliest over endpoints', () => {
    expect(failingStreakStart([s('a', '09:40', 'down'), s('b', '09:20', 'degraded'), s('b', '09:10', 'up')], t('10:00'))).toEqual(t('09:20'));
  });
  it('nothing failing → null', () => expect(failingStreakStart([s('a', '09:40', 'up')], t('10:00'))).toBeNull());
});

describe('detectionStart', () => {
  it('takes the earlier of probe and alert; alerts long closed do not count', () => {
    const samples = [s('a', '09:40', 'down')];
    expect(detectionStart(samples, [{ openedAt: t('09:42'), resolvedAt: null }], t('10:00'))).toEqual({ at: t('09:40'), by: 'probe' });
    expect(detectionStart(samples, [{ openedAt: t('09:30'), resolvedAt: t('10:30') }], t('10:00'))).toEqual({ at: t('09:30'), by: 'alert' });
    expect(detectionStart([], [{ openedAt: t('08:00'), resolvedAt: t('08:30') }], t('10:00'))).toBeNull();
    expect(detectionStart([], [{ openedAt: t('10:01'), resolvedAt: null }], t('10:00'))).toBeNull();
  });
});

describe('downtimeSeconds', () => {
  it('down while any endpoint is down, clipped to the window, state carried in from before it', () => {
    const samples = [s('a', '09:55', 'down'), s('a', '10:10', 'up'), s('b', '10:20', 'down'), s('b', '10:30', 'degraded'), s('a', '10:50', 'down')];
    // 10:00–10:10 (a), 10:20–10:30 (b), 10:50–11:00 (a, to the end of the window)
    expect(downtimeSeconds(samples, t('10:00'), t('11:00'))).toBe(30 * 60);
  });
  it('no samples, or an empty window, is no downtime', () => {
    expect(downtimeSeconds([], t('10:00'), t('11:00'))).toBe(0);
    expect(downtimeSeconds([s('a', '09:00', 'down')], t('11:00'), t('10:00'))).toBe(0);
  });
});

it('formatSeconds', () => {
  expect(formatSeconds(null)).toBe('—');
  expect(formatSeconds(42)).toBe('42 s');
  expect(formatSeconds(300)).toBe('5 min');
  expect(formatSeconds(3900)).toBe('1 h 5 min');
  expect(formatSeconds(63 * 3600)).toBe('2 d 15 h');
});
