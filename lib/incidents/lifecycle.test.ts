import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition, INCIDENT_STATUSES, isOpen, stampsAfter, transitionLabel, type IncidentStatus } from './lifecycle';

const none = { identifiedAt: null, mitigatedAt: null, resolvedAt: null, closedAt: null };
const T1 = new Date('2026-11-23T10:00:00Z');
const T2 = new Date('2026-11-23T10:30:00Z');

describe('incident lifecycle', () => {
  it('walks the happy path investigating → identified → mitigated → resolved → closed', () => {
    const path: IncidentStatus[] = ['investigating', 'identified', 'mitigated', 'resolved', 'closed'];
    for (let i = 0; i < path.length - 1; i++) expect(checkTransition(path[i], path[i + 1])).toEqual({ ok: true });
  });

  it('allows skipping forward and stepping back among the open statuses', () => {
    expect(checkTransition('investigating', 'mitigated').ok).toBe(true);
    expect(checkTransition('investigating', 'resolved').ok).toBe(true);
    expect(checkTransition('identified', 'investigating').ok).toBe(true);
    expect(checkTransition('mitigated', 'identified').ok).toBe(true);
  });

  it('reopens a resolved incident to investigating, and nothing else', () => {
    expect(checkTransition('resolved', 'investigating').ok).toBe(true);
    expect(checkTransition('resolved', 'identified')).toEqual({ ok: false, reason: 'An incident that is resolved cannot become identified; it can become investigating or closed' });
    expect(checkTransition('resolved', 'mitigated').ok).toBe(false);
    expect(transitionLabel('resolved', 'investigating')).toBe('Reopen');
  });

  it('cannot close an open incident, and closed is final', () => {
    for (const s of ['investigating', 'identified', 'mitigated'] as const) expect(checkTransition(s, 'closed').ok).toBe(false);
    for (const s of INCIDENT_STATUSES) {
      if (s === 'closed') continue;
      expect(checkTransition('closed', s)).toEqual({ ok: false, reason: 'A closed incident cannot change status' });
    }
    expect(allowedTransitions('closed')).toEqual([]);
  });

  it('refuses a move to the same status (the loser of two identical changes)', () => {
    expect(checkTransition('identified', 'identified')).toEqual({ ok: false, reason: 'The incident is already identified' });
  });

  it('every allowed move passes the check and every other one fails', () => {
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES) {
        expect(checkTransition(from, to).ok).toBe(allowedTransitions(from).includes(to));
      }
    }
  });

  it('knows which statuses are open', () => {
    expect(INCIDENT_STATUSES.filter(isOpen)).toEqual(['investigating', 'identified', 'mitigated']);
  });

  describe('timestamps', () => {
    it('sets identified, mitigated and resolved on the way', () => {
      const a = stampsAfter(none, 'identified', T1);
      expect(a).toEqual({ ...none, identifiedAt: T1 });
      const b = stampsAfter(a, 'mitigated', T2);
      expect(b).toEqual({ ...none, identifiedAt: T1, mitigatedAt: T2 });
      const c = stampsAfter(b, 'resolved', T2);
      expect(c.resolvedAt).toBe(T2);
      expect(stampsAfter(c, 'closed', T2).closedAt).toBe(T2);
    });

    it('resolving without mitigating counts as mitigated then', () => {
      expect(stampsAfter(none, 'resolved', T1)).toEqual({ ...none, mitigatedAt: T1, resolvedAt: T1 });
    });

    it('reopening clears what no longer holds', () => {
      const resolved = { identifiedAt: T1, mitigatedAt: T1, resolvedAt: T2, closedAt: null };
      expect(stampsAfter(resolved, 'investigating', T2)).toEqual(none);
      expect(stampsAfter({ ...resolved, resolvedAt: null }, 'identified', T2)).toEqual({ ...none, identifiedAt: T1 });
    });
  });
});

describe('stampsAfter with a whole row', () => {
  it('returns only the stamps, never other fields of the row', () => {
    const row = { ...none, status: 'investigating', id: 'x' };
    expect(Object.keys(stampsAfter(row, 'identified', T1)).sort()).toEqual(['closedAt', 'identifiedAt', 'mitigatedAt', 'resolvedAt']);
  });
});
