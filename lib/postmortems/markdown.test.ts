import { describe, expect, it } from 'vitest';
import { postmortemMarkdown } from './markdown';
import { measure } from './measurements';
import type { PostmortemOut } from './types';

const metrics = measure({
  declaredAt: new Date('2026-11-27T18:00:00Z'),
  detectedAt: new Date('2026-11-27T17:52:00Z'),
  acknowledgedAt: null,
  mitigatedAt: new Date('2026-11-27T18:40:00Z'),
  resolvedAt: new Date('2026-11-27T19:30:00Z'),
  statusEvents: [{ at: new Date('2026-11-27T19:00:00Z'), from: 'resolved', to: 'investigating' }],
}, 'probe');

const pm: PostmortemOut = {
  id: 'p',
  incidentId: 'i',
  incident: { id: 'i', number: 42, title: 'Checkout | down', severity: 'P1', status: 'resolved' },
  status: 'approved',
  dueAt: '2026-12-04T19:30:00.000Z',
  overdue: false,
  metrics,
  draft: {
    draftedAt: '2026-11-27T19:30:00.000Z',
    incident: { id: 'i', number: 42, title: 'Checkout | down', severity: 'P1', summary: null, declaredBy: 'ann@x.test', commander: null },
    metrics,
    impact: [{ serviceId: 's', name: 'checkout', environment: 'prod', from: '2026-11-27T17:52:00.000Z', to: '2026-11-27T19:30:00.000Z', source: 'results', checks: 200, failedChecks: 80, downtimeSeconds: 2400, availabilityPercent: 60, errorRateAvg: 12.5, errorRateMax: 97 }],
    keyEvents: [{ at: '2026-11-27T18:00:00.000Z', type: 'declared', actor: 'ann@x.test', body: 'Declared P1' }],
    checklists: [],
  },
  sections: { summary: 'Checkout failed.', rootCause: 'Pool exhausted.\nSecond line.', contributingFactors: '', wentWell: '', wentBadly: '', gotLucky: '', lessons: '' },
  createdBy: 'system',
  createdAt: '2026-11-27T19:30:00.000Z',
  updatedAt: '2026-11-27T19:30:00.000Z',
  submittedAt: null,
  submittedBy: null,
  approvedAt: '2026-12-01T10:00:00.000Z',
  approvedBy: 'lead@x.test',
  actionItems: [{ id: 'a', postmortemId: 'p', title: 'Raise | limit', owner: { id: 'u', name: 'Bo', email: 'bo@x.test' }, dueDate: '2026-12-10', status: 'open', link: null, createdAt: '', updatedAt: '', closedAt: null, overdue: false }],
  comments: [],
};

describe('postmortemMarkdown', () => {
  const md = postmortemMarkdown(pm, new Date('2026-12-01T12:00:00Z'));
  it('states the measurements, never-acknowledged and reopened included', () => {
    expect(md).toContain('| Time to detect | 8 min | first failing probe 2026-11-27 17:52 UTC → declared |');
    expect(md).toContain('| Time to acknowledge | — | never acknowledged |');
    expect(md).toContain('| Time to resolve | 1 h 30 min |');
    expect(md).toContain('reopened 1×');
    expect(md).toContain('Approved by lead@x.test');
  });
  it('keeps table cells on one line with pipes escaped; empty sections say so', () => {
    expect(md).toContain('# Postmortem: incident #42 — Checkout | down');
    expect(md).toContain('| Raise \\| limit | Bo | 2026-12-10 | Open | — |');
    expect(md).toContain('| checkout (prod) | 40 min | 60.00 % | 12.50 % / 97.00 % | 200 (80) |');
    expect(md).toContain('## Root cause\n\nPool exhausted.\nSecond line.');
    expect(md).toContain('## Lessons\n\n_Not written yet._');
    expect(md).toContain('No checklists were run.');
  });
});
