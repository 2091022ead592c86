import { describe, expect, it } from 'vitest';
import { allowedMoves, checkPostmortemTransition, isActionItemOverdue, isPostmortemOverdue, sectionsEditable } from './states';

describe('postmortem states', () => {
  it('draft → in review → approved, by a commander or admin', () => {
    expect(checkPostmortemTransition('draft', 'submit', 'commander')).toEqual({ ok: true, to: 'in_review' });
    expect(checkPostmortemTransition('in_review', 'approve', 'admin')).toEqual({ ok: true, to: 'approved' });
    expect(checkPostmortemTransition('approved', 'reopen', 'commander')).toEqual({ ok: true, to: 'draft' });
  });
  it('responders cannot submit or approve; wrong states are 409', () => {
    expect(checkPostmortemTransition('draft', 'submit', 'responder')).toMatchObject({ ok: false, status: 403 });
    expect(checkPostmortemTransition('draft', 'approve', 'admin')).toMatchObject({ ok: false, status: 409 });
    expect(checkPostmortemTransition('draft', 'reopen', 'admin')).toMatchObject({ ok: false, status: 409 });
  });
  it('allowed moves for the status bar', () => {
    expect(allowedMoves('draft', 'commander')).toEqual(['submit']);
    expect(allowedMoves('in_review', 'admin')).toEqual(['approve', 'reopen']);
    expect(allowedMoves('in_review', 'viewer')).toEqual([]);
  });
  it('approved locks the sections', () => {
    expect(sectionsEditable('in_review')).toBe(true);
    expect(sectionsEditable('approved')).toBe(false);
  });
});

describe('overdue', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  it('postmortems: past due and not approved', () => {
    expect(isPostmortemOverdue({ status: 'draft', dueAt: '2026-12-04T19:30:00Z' }, now)).toBe(true);
    expect(isPostmortemOverdue({ status: 'approved', dueAt: '2026-12-04T19:30:00Z' }, now)).toBe(false);
    expect(isPostmortemOverdue({ status: 'in_review', dueAt: '2026-12-05T12:00:01Z' }, now)).toBe(false);
  });
  it('action items: open after their due day', () => {
    expect(isActionItemOverdue({ status: 'open', dueDate: '2026-12-04' }, now)).toBe(true);
    expect(isActionItemOverdue({ status: 'in_progress', dueDate: '2026-12-05' }, now)).toBe(false);
    expect(isActionItemOverdue({ status: 'done', dueDate: '2026-11-01' }, now)).toBe(false);
    expect(isActionItemOverdue({ status: 'open', dueDate: null }, now)).toBe(false);
  });
});
