import { describe, expect, it } from 'vitest';
import { canonical, validateRunbook } from './schema';

const base = { slug: 'x', title: 'X', steps: [{ key: 'a', type: 'manual', title: 'A' }] };
const withStep = (step: object) => ({ ...base, steps: [step] });
const messages = (v: unknown) => {
  const r = validateRunbook(v);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('runbook rules', () => {
  it('accepts the smallest runbook and refuses one without steps', () => {
    expect(messages(base)).toEqual([]);
    expect(messages({ ...base, steps: [] })).toEqual(['steps: A runbook needs at least one step']);
  });

  it('checks verification conditions against their kind, threshold and kpi', () => {
    expect(messages(withStep({ key: 'v', type: 'verify', title: 'V', verify: { kind: 'readiness', condition: 'at_head' } }))).toEqual(['steps.0.verify.condition: at_head applies to a migration endpoint']);
    expect(messages(withStep({ key: 'v', type: 'verify', title: 'V', verify: { kind: 'metrics', condition: 'error_rate_below' } }))).toEqual(['steps.0.verify.threshold: error_rate_below needs a threshold']);
    expect(messages(withStep({ key: 'v', type: 'verify', title: 'V', verify: { kind: 'metrics', condition: 'kpi_below', threshold: 70 } }))).toEqual(['steps.0.verify.kpi: kpi_below needs a kpi (cpu, memory or disk)']);
    expect(messages(withStep({ key: 'v', type: 'verify', title: 'V', verify: { kind: 'health', condition: 'p95_below', threshold: 2000 } }))).toEqual(['steps.0.verify.kind: p95_below reads KPIs: use kind metrics or telemetry']);
    expect(messages(withStep({ key: 'v', type: 'verify', title: 'V', verify: { kind: 'metrics', condition: 'kpi_below', threshold: 70, kpi: 'cpu' } }))).toEqual([]);
  });

  it('keeps fields to their step types', () => {
    expect(messages(withStep({ key: 'm', type: 'manual', title: 'M', command: 'ls' }))).toEqual(['steps.0.command: Only command steps have a command']);
    expect(messages(withStep({ key: 'd', type: 'decision', title: 'D', branches: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }] }))).toEqual(['steps.0.branches.1.key: Branch key "a" is used twice']);
  });

  it('a when must name an earlier decision', () => {
    const later = { ...base, steps: [{ key: 'a', type: 'manual', title: 'A', when: { step: 'd', is: ['x'] } }, { key: 'd', type: 'decision', title: 'D', branches: [{ key: 'x', label: 'X' }, { key: 'y', label: 'Y' }] }] };
    expect(messages(later)).toEqual(['steps.0.when.step: when.step "d" must come before this step']);
    const notDecision = { ...base, steps: [{ key: 'a', type: 'manual', title: 'A' }, { key: 'b', type: 'manual', title: 'B', when: { step: 'a', is: ['x'] } }] };
    expect(messages(notDecision)).toEqual(['steps.1.when.step: when.step "a" is not a decision step']);
  });

  it('canonical drops empty fields and orders keys, so equal content hashes equal', () => {
    const a = validateRunbook({ ...base, summary: '', guardrails: [], steps: [{ title: 'A', type: 'manual', key: 'a' }] });
    const b = validateRunbook(base);
    if (!a.ok || !b.ok) throw new Error('invalid');
    expect(JSON.stringify(canonical(a.def))).toBe(JSON.stringify(canonical(b.def)));
  });
});
