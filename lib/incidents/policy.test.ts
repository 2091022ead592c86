import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, severityPolicySchema } from './policy';

const input = () => ({ levels: DEFAULT_POLICY.map(({ rank: _rank, ...l }) => ({ ...l })) });

describe('severity policy validation', () => {
  it('accepts the defaults and numbers the ranks in order', () => {
    const r = severityPolicySchema.safeParse(input());
    expect(r.success).toBe(true);
    expect(r.data!.levels.map((l) => [l.level, l.rank])).toEqual([['P1', 1], ['P2', 2], ['P3', 3]]);
  });

  it('needs exactly P1, P2, P3 in order', () => {
    const v = input();
    v.levels.reverse();
    const r = severityPolicySchema.safeParse(v);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['levels', 'levels must list P1, P2, P3, in that order, once each']]);
    expect(severityPolicySchema.safeParse({ levels: input().levels.slice(0, 2) }).success).toBe(false);
  });

  it('names the field and the level that is wrong', () => {
    const v = input();
    v.levels[1].escalateAfterMinutes = 5; // before the 15 min response target
    v.levels[0].postmortemDueBusinessDays = null;
    v.levels[2].name = '';
    (v.levels[2] as Record<string, unknown>).responseMinutes = 1.5;
    const r = severityPolicySchema.safeParse(v);
    const issues = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining(['levels.2.name: name is required', 'levels.2.responseMinutes: responseMinutes must be a whole number of minutes']),
    );
  });

  it('cross-checks postmortem and escalation', () => {
    const v = input();
    v.levels[1].escalateAfterMinutes = 5;
    v.levels[0].postmortemDueBusinessDays = null;
    v.levels[2].postmortemDueBusinessDays = 3;
    const issues = severityPolicySchema.safeParse(v).error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([
      'levels.0.postmortemDueBusinessDays: P1: say within how many business days the postmortem is due',
      'levels.1.escalateAfterMinutes: P2: escalation cannot come before the response target',
      'levels.2.postmortemDueBusinessDays: P3: no postmortem is required, so it has no due date (use null)',
    ]);
  });
});
