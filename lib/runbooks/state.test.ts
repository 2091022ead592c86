import { describe, expect, it } from 'vitest';
import { runbookSchema, type RunbookDef } from './schema';
import { applicability, decideChange, notApplicableReason, progress, reconcileStates, type StepStateLite } from './state';

const def: RunbookDef = runbookSchema.parse({
  slug: 'rb',
  title: 'Roll back',
  steps: [
    { key: 'look', type: 'manual', title: 'Look' },
    { key: 'scope', type: 'decision', title: 'How far?', branches: [{ key: 'component', label: 'Component only' }, { key: 'app', label: 'App only' }, { key: 'app-db', label: 'App and database' }] },
    { key: 'comp', type: 'command', title: 'Roll back the component', command: 'x', when: { step: 'scope', is: ['component'] } },
    { key: 'restore', type: 'manual', title: 'Restore DB', when: { step: 'scope', is: ['app-db'] } },
    { key: 'db-how', type: 'decision', title: 'Restore how?', when: { step: 'scope', is: ['app-db'] }, branches: [{ key: 'backup', label: 'Backup' }, { key: 'down', label: 'Downgrade' }] },
    { key: 'drill', type: 'manual', title: 'Drill', when: { step: 'db-how', is: ['backup'] } },
    { key: 'ready', type: 'verify', title: 'Ready', when: { step: 'scope', is: ['app', 'app-db'] }, verify: { kind: 'readiness', condition: 'up' } },
    { key: 'health', type: 'verify', title: 'Health', verify: { kind: 'health', condition: 'up' } },
  ],
});

const st = (entries: Record<string, [StepStateLite['state'], string?]>) =>
  Object.fromEntries(Object.entries(entries).map(([k, [state, branch]]) => [k, { state, branch: branch ?? null }]));

describe('applicability', () => {
  it('makes branch steps wait while the decision is open', () => {
    const a = applicability(def, {});
    expect(a.look.applies).toBe(true);
    expect(a.comp).toMatchObject({ applies: false, why: 'undecided', decision: 'scope' });
    expect(a.ready).toMatchObject({ applies: false, why: 'undecided' });
    expect(notApplicableReason(def, a.comp)).toContain('Waits for the decision “How far?”');
  });

  it('applies the taken branch and switches the others off, with the reason', () => {
    const a = applicability(def, st({ scope: ['done', 'app'] }));
    expect(a.ready.applies).toBe(true);
    expect(a.comp).toMatchObject({ applies: false, why: 'branch', branch: 'app' });
    expect(a.restore.applies).toBe(false);
    expect(notApplicableReason(def, a.comp)).toBe('Not applicable: “How far?” took App only (this step is for Component only)');
  });

  it('carries a not-applicable decision to the steps that depend on it', () => {
    const a = applicability(def, st({ scope: ['done', 'app'], 'db-how': ['pending'] }));
    expect(a['db-how']).toMatchObject({ applies: false, why: 'branch' });
    expect(a.drill).toMatchObject({ applies: false, why: 'branch', decision: 'scope' });
  });

  it('a reopened decision makes its steps wait again', () => {
    const a = applicability(def, st({ scope: ['pending', 'app'] }));
    expect(a.ready).toMatchObject({ applies: false, why: 'undecided' });
  });
});

describe('decideChange', () => {
  const step = (k: string) => def.steps.find((s) => s.key === k)!;
  const yes = { applies: true } as const;

  it('needs a reason to skip and a note to fail', () => {
    expect(decideChange({ state: 'skipped' }, { step: step('look'), applicability: yes, canOverride: false })).toMatchObject({ ok: false, status: 400, path: 'note' });
    expect(decideChange({ state: 'failed', note: '  ' }, { step: step('look'), applicability: yes, canOverride: false })).toMatchObject({ ok: false, path: 'note' });
    expect(decideChange({ state: 'skipped', note: 'not needed' }, { step: step('look'), applicability: yes, canOverride: false })).toMatchObject({ ok: true, state: 'skipped' });
  });

  it('takes a decision with an existing branch and a reason only', () => {
    const ctx = { step: step('scope'), applicability: yes, canOverride: false };
    expect(decideChange({ state: 'done' }, ctx)).toMatchObject({ ok: false, path: 'branch' });
    expect(decideChange({ state: 'done', branch: 'nope', note: 'x' }, ctx)).toMatchObject({ ok: false, path: 'branch' });
    expect(decideChange({ state: 'done', branch: 'app' }, ctx)).toMatchObject({ ok: false, path: 'note' });
    expect(decideChange({ state: 'skipped', note: 'x' }, ctx)).toMatchObject({ ok: false, path: 'state' });
    expect(decideChange({ state: 'done', branch: 'app', note: 'schema unchanged' }, ctx)).toMatchObject({ ok: true, state: 'done' });
  });

  it('refuses a branch on a non-decision and verified on a manual step', () => {
    expect(decideChange({ state: 'done', branch: 'app' }, { step: step('look'), applicability: yes, canOverride: true })).toMatchObject({ ok: false, path: 'branch' });
    expect(decideChange({ state: 'verified' }, { step: step('look'), applicability: yes, canOverride: true })).toMatchObject({ ok: false, path: 'state' });
  });

  it('verifies only while the condition holds, or by a commander’s override with a reason', () => {
    const base = { step: step('health'), applicability: yes };
    const holds = { outcome: 'holds' as const, reason: 'health is up' };
    const fails = { outcome: 'fails' as const, reason: 'health is down' };
    expect(decideChange({ state: 'verified' }, { ...base, canOverride: false, verification: holds })).toEqual({ ok: true, state: 'verified', overridden: false, attachEvidence: true });
    expect(decideChange({ state: 'done' }, { ...base, canOverride: false, verification: holds })).toMatchObject({ ok: true, state: 'verified' });
    expect(decideChange({ state: 'verified' }, { ...base, canOverride: true, verification: fails })).toMatchObject({ ok: false, status: 409 });
    expect(decideChange({ state: 'verified', override: true, note: 'checked by hand' }, { ...base, canOverride: false, verification: fails })).toMatchObject({ ok: false, status: 403 });
    expect(decideChange({ state: 'verified', override: true }, { ...base, canOverride: true, verification: fails })).toMatchObject({ ok: false, status: 400, path: 'note' });
    expect(decideChange({ state: 'verified', override: true, note: 'checked by hand' }, { ...base, canOverride: true, verification: fails })).toEqual({ ok: true, state: 'verified', overridden: true, attachEvidence: true });
    expect(decideChange({ state: 'verified', override: true, note: 'x' }, { step: step('look'), applicability: yes, canOverride: true })).toMatchObject({ ok: false, path: 'override' });
  });

  it('refuses changes to steps that wait or do not apply, but allows reopening', () => {
    const a = applicability(def, st({ scope: ['done', 'app'] }));
    expect(decideChange({ state: 'done' }, { step: step('comp'), applicability: a.comp, canOverride: true })).toMatchObject({ ok: false, status: 409 });
    const w = applicability(def, {});
    expect(decideChange({ state: 'done' }, { step: step('comp'), applicability: w.comp, canOverride: true })).toMatchObject({ ok: false, status: 409, message: expect.stringContaining('Decide') });
    expect(decideChange({ state: 'pending' }, { step: step('comp'), applicability: a.comp, canOverride: false })).toMatchObject({ ok: true, state: 'pending' });
  });
});

describe('progress and reconciliation', () => {
  it('counts waiting steps, drops untaken branches, completes when all applicable steps finished', () => {
    expect(progress(def, {})).toMatchObject({ total: 8, finished: 0, complete: false });
    const s = st({ look: ['done'], scope: ['done', 'app'], ready: ['verified'], health: ['failed'] });
    expect(progress(def, s)).toEqual({ total: 4, finished: 4, notApplicable: 4, failed: 1, complete: true, percent: 100 });
  });

  it('marks untaken branches not applicable and brings them back when the decision changes', () => {
    const taken = st({ scope: ['done', 'app'] });
    expect(reconcileStates(def, taken)).toEqual({ comp: 'not_applicable', restore: 'not_applicable', 'db-how': 'not_applicable', drill: 'not_applicable' });
    const after = st({ scope: ['done', 'component'], comp: ['not_applicable'], restore: ['not_applicable'], ready: ['verified'] });
    expect(reconcileStates(def, after)).toEqual({ comp: 'pending', 'db-how': 'not_applicable', drill: 'not_applicable', ready: 'not_applicable' });
  });
});
