import { describe, expect, it } from 'vitest';
import { computeClocks } from './clocks';
import { cell, incidentMarkdown } from './markdown';
import { DEFAULT_POLICY } from './policy';
import type { IncidentOut, TimelineEventOut } from './types';

const T0 = '2026-11-23T10:00:00.000Z';
const incident: IncidentOut = {
  id: 'i1',
  number: 7,
  title: 'Checkout | payments failing',
  summary: 'Payments fail after the 1.4.2 deploy.',
  severity: 'P1',
  status: 'resolved',
  declaredAt: T0,
  declaredBy: 'ann@example.com',
  severitySetAt: T0,
  acknowledgedAt: '2026-11-23T10:02:00.000Z',
  acknowledgedBy: 'bob@example.com',
  identifiedAt: null,
  mitigatedAt: '2026-11-23T10:20:00.000Z',
  resolvedAt: '2026-11-23T10:30:00.000Z',
  closedAt: null,
  updatedAt: T0,
  services: [{ id: 's1', name: 'checkout', environment: 'production', status: 'up', endpoints: [], breaches: [] }],
  commander: { id: 'u1', name: 'Ann', email: 'ann@example.com' },
  roles: { commander: { id: 'u1', name: 'Ann', email: 'ann@example.com' }, communications: null, scribe: null, responders: [{ id: 'u2', name: 'Bob', email: 'bob@example.com' }] },
  suggestion: null,
  allowedTransitions: ['investigating', 'closed'],
  policy: DEFAULT_POLICY[0],
  clocks: computeClocks(
    { status: 'resolved', declaredAt: T0, severitySetAt: T0, acknowledgedAt: '2026-11-23T10:02:00.000Z', mitigatedAt: '2026-11-23T10:20:00.000Z', resolvedAt: '2026-11-23T10:30:00.000Z' },
    DEFAULT_POLICY[0],
    new Date('2026-11-23T11:00:00Z'),
  ),
};
const ev = (id: string, at: string, type: TimelineEventOut['type'], body: string, extra: Partial<TimelineEventOut> = {}): TimelineEventOut => ({
  id,
  at,
  type,
  actor: 'ann@example.com',
  body,
  data: {},
  pinned: false,
  correctsId: null,
  correctedBy: [],
  ...extra,
});

describe('incidentMarkdown', () => {
  const md = incidentMarkdown(incident, [
    ev('1', T0, 'declared', 'Declared P1'),
    ev('2', '2026-11-23T10:05:00.000Z', 'note', 'Rollback\nstarted', { pinned: true, correctedBy: ['3'] }),
    ev('3', '2026-11-23T10:06:00.000Z', 'correction', 'Rollback of 1.4.2 started', { correctsId: '2' }),
  ]);

  it('has the facts, escaped for tables', () => {
    expect(md.startsWith('# Incident #7: Checkout | payments failing\n')).toBe(true);
    expect(md).toContain('| Severity | P1 (Critical) |');
    expect(md).toContain('| Duration | 30 min |');
    expect(md).toContain('| Responders | Bob <bob@example.com> |');
    expect(md).toContain('| Postmortem due | 2026-11-30 10:30:00 UTC |');
    expect(md).toContain('## Summary\n\nPayments fail after the 1.4.2 deploy.');
  });

  it('lists pinned events with their corrected text, and the whole timeline in order', () => {
    expect(md).toContain('## Pinned\n\n- 2026-11-23 10:05:00 UTC — Rollback of 1.4.2 started (ann@example.com)');
    expect(md).toContain('| 2026-11-23 10:05:00 | Note | ann@example.com | Rollback ⏎ started *(corrected below)* |');
    expect(md).toContain('| 2026-11-23 10:06:00 | Correction | ann@example.com | Rollback of 1.4.2 started *(corrects the entry of 2026-11-23 10:05:00 UTC)* |');
    expect(md.indexOf('Declared P1')).toBeLessThan(md.indexOf('Rollback ⏎'));
  });

  it('escapes table cells', () => {
    expect(cell('a | b\r\nc')).toBe('a \\| b ⏎ c');
  });
});
