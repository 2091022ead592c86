import { describe, expect, it } from 'vitest';
import { runbookSchema } from '@/lib/runbooks/schema';
import { summariseRun, type StoredStep } from './checklists';

const def = runbookSchema.parse({
  slug: 'rb',
  title: 'Roll back',
  steps: [
    { key: 'look', type: 'manual', title: 'Look' },
    { key: 'scope', type: 'decision', title: 'How far?', branches: [{ key: 'component', label: 'Component only' }, { key: 'app', label: 'App only' }] },
    { key: 'comp', type: 'command', title: 'Roll back the component', command: 'x', when: { step: 'scope', is: ['component'] } },
    { key: 'ready', type: 'verify', title: 'Ready', when: { step: 'scope', is: ['app'] }, verify: { kind: 'readiness', condition: 'up' } },
    { key: 'tell', type: 'manual', title: 'Tell the team' },
    { key: 'ticket', type: 'manual', title: 'Open a ticket' },
  ],
});

const step = (stepKey: string, state: StoredStep['state'], branch: string | null = null): StoredStep => ({ stepKey, state, branch });

describe('summariseRun', () => {
  it('counts applicable steps only, verified as done, and names the decision taken', () => {
    const s = summariseRun(def, [step('look', 'done'), step('scope', 'done', 'app'), step('comp', 'not_applicable'), step('ready', 'verified'), step('tell', 'skipped'), step('ticket', 'failed')]);
    expect(s).toEqual({ done: 3, skipped: 1, failed: 1, total: 5, notApplicable: 1, decisions: ['How far? → App only'] });
  });

  it('keeps waiting branch steps in the total while the decision is open', () => {
    const s = summariseRun(def, [step('look', 'done')]);
    expect(s).toMatchObject({ done: 1, skipped: 0, failed: 0, total: 6, notApplicable: 0, decisions: [] });
  });
});
