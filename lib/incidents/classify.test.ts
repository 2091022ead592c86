import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import { DEFAULT_POLICY } from './policy';

describe('classify (the guided wizard)', () => {
  it('asks the most severe level’s question first, one step at a time', () => {
    const s = classify(DEFAULT_POLICY, {});
    expect(s).toMatchObject({ done: false, step: 1, total: 3, next: { level: 'P1' } });
    if (!s.done) expect(s.next.question).toBe(DEFAULT_POLICY[0].question);
    expect(classify(DEFAULT_POLICY, { P1: false })).toMatchObject({ done: false, step: 2, next: { level: 'P2' } });
    expect(classify(DEFAULT_POLICY, { P1: false, P2: false })).toMatchObject({ done: false, step: 3, next: { level: 'P3' } });
  });

  it('stops at the first yes and says why', () => {
    const p1 = classify(DEFAULT_POLICY, { P1: true });
    expect(p1).toMatchObject({ done: true, level: 'P1', name: 'Critical' });
    if (p1.done) expect(p1.reason).toContain('yes to “Is the service unusable for everyone');

    const p2 = classify(DEFAULT_POLICY, { P1: false, P2: true });
    expect(p2).toMatchObject({ done: true, level: 'P2' });
    if (p2.done) expect(p2.reason).toMatch(/^P2 \(Major\): yes to “Do more than 5 %.*\(not P1: no to its question\)$/);

    const p3 = classify(DEFAULT_POLICY, { P1: false, P2: false, P3: true });
    if (p3.done) expect(p3.reason).toContain('(not P1 or P2: no to their questions)');
    expect(p3).toMatchObject({ done: true, level: 'P3' });
  });

  it('ignores answers to later questions once an earlier one says yes', () => {
    expect(classify(DEFAULT_POLICY, { P1: true, P2: true, P3: false })).toMatchObject({ done: true, level: 'P1' });
  });

  it('falls back to the lowest level when every answer is no, saying so', () => {
    const s = classify(DEFAULT_POLICY, { P1: false, P2: false, P3: false });
    expect(s).toMatchObject({ done: true, level: 'P3' });
    if (s.done) expect(s.reason).toContain('no criterion matched');
  });

  it('follows the policy’s order and questions, not the array order', () => {
    const reversed = [...DEFAULT_POLICY].reverse().map((l) => (l.level === 'P2' ? { ...l, question: 'Custom question?' } : l));
    expect(classify(reversed, {})).toMatchObject({ next: { level: 'P1' } });
    expect(classify(reversed, { P1: false })).toMatchObject({ next: { level: 'P2', question: 'Custom question?' } });
  });

  it('refuses an empty policy', () => {
    expect(() => classify([], {})).toThrow(/no levels/);
  });
});
