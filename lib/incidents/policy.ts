import { z } from 'zod';

// The severity policy: what each level means and which clocks it starts.
// Pure types and validation; the stored policy lives in severity_levels
// (see severity-policy.ts), seeded by the migration with DEFAULT_POLICY.

export const SEVERITIES = ['P1', 'P2', 'P3'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface SeverityLevel {
  level: Severity;
  /** 1 = most severe. */
  rank: number;
  name: string;
  criteria: string;
  /** The yes/no question the classification wizard asks for this level. */
  question: string;
  /** Minutes to the first response: 0 = immediately, null = no timed target (see responseText). */
  responseMinutes: number | null;
  responseText: string;
  /** Minutes without mitigation before escalating; null = never. */
  escalateAfterMinutes: number | null;
  postmortemRequired: boolean;
  /** Business days after resolution the postmortem is due; set when one is required. */
  postmortemDueBusinessDays: number | null;
}

/** What the migration seeds; also the fallback for pure code and its tests. */
export const DEFAULT_POLICY: SeverityLevel[] = [
  {
    level: 'P1',
    rank: 1,
    name: 'Critical',
    criteria: 'The service is down for everyone: every request, or nearly every one, fails.',
    question: 'Is the service unusable for everyone: do all (or nearly all) requests fail?',
    responseMinutes: 0,
    responseText: 'Immediately',
    escalateAfterMinutes: 15,
    postmortemRequired: true,
    postmortemDueBusinessDays: 5,
  },
  {
    level: 'P2',
    rank: 2,
    name: 'Major',
    criteria: 'Users feel it: more than 5 % of requests fail, or responses take longer than 5 seconds.',
    question: 'Do more than 5 % of requests fail, or do responses take longer than 5 seconds?',
    responseMinutes: 15,
    responseText: 'Within 15 minutes',
    escalateAfterMinutes: 60,
    postmortemRequired: false,
    postmortemDueBusinessDays: null,
  },
  {
    level: 'P3',
    rank: 3,
    name: 'Minor',
    criteria: 'A resource threshold (CPU, memory, disk) is breached before users notice anything.',
    question: 'Has a resource (CPU, memory or disk) crossed its threshold, while users are not affected yet?',
    responseMinutes: null,
    responseText: 'Next business day',
    escalateAfterMinutes: null,
    postmortemRequired: false,
    postmortemDueBusinessDays: null,
  },
];

export const severitySchema = z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(', ')}` });

/** Levels in policy order, most severe first. */
export function byRank(levels: SeverityLevel[]): SeverityLevel[] {
  return [...levels].sort((a, b) => a.rank - b.rank);
}

export function levelOf(levels: SeverityLevel[], level: Severity): SeverityLevel {
  return levels.find((l) => l.level === level) ?? DEFAULT_POLICY.find((l) => l.level === level)!;
}

/** Negative when `a` is more severe than `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

const text = (field: string, max: number) =>
  z.string({ error: `${field} is required` }).trim().min(1, `${field} is required`).max(max, `${field} must be at most ${max} characters`);
const WEEK_MINUTES = 7 * 24 * 60;
const minutes = (field: string, min: number) =>
  z
    .number({ error: `${field} must be a number of minutes or null` })
    .int(`${field} must be a whole number of minutes`)
    .min(min, `${field} must be at least ${min}`)
    .max(WEEK_MINUTES, `${field} must be at most ${WEEK_MINUTES} (a week)`)
    .nullable();

const levelInput = z.strictObject({
  level: severitySchema,
  name: text('name', 40),
  criteria: text('criteria', 500),
  question: text('question', 300),
  responseMinutes: minutes('responseMinutes', 0),
  responseText: text('responseText', 80),
  escalateAfterMinutes: minutes('escalateAfterMinutes', 1),
  postmortemRequired: z.boolean({ error: 'postmortemRequired must be true or false' }),
  postmortemDueBusinessDays: z
    .number({ error: 'postmortemDueBusinessDays must be a number of business days or null' })
    .int('postmortemDueBusinessDays must be a whole number')
    .min(1, 'postmortemDueBusinessDays must be at least 1')
    .max(60, 'postmortemDueBusinessDays must be at most 60')
    .nullable(),
});

/**
 * PUT /api/v1/severity-policy: every level, most severe first. The set of
 * levels is fixed (P1, P2, P3); what each means and its clocks are editable.
 */
export const severityPolicySchema = z
  .strictObject({ levels: z.array(levelInput, { error: 'levels must be a list' }) })
  .superRefine((v, ctx) => {
    const given = v.levels.map((l) => l.level);
    if (given.length !== SEVERITIES.length || SEVERITIES.some((s, i) => given[i] !== s)) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: `levels must list ${SEVERITIES.join(', ')}, in that order, once each` });
      return;
    }
    v.levels.forEach((l, i) => {
      if (l.postmortemRequired && l.postmortemDueBusinessDays === null) {
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'postmortemDueBusinessDays'], message: `${l.level}: say within how many business days the postmortem is due` });
      }
      if (!l.postmortemRequired && l.postmortemDueBusinessDays !== null) {
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'postmortemDueBusinessDays'], message: `${l.level}: no postmortem is required, so it has no due date (use null)` });
      }
      // (only between values that are valid on their own: no second message for a bad one)
      if (l.escalateAfterMinutes !== null && l.responseMinutes !== null && l.escalateAfterMinutes >= 1 && l.escalateAfterMinutes < l.responseMinutes) {
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'escalateAfterMinutes'], message: `${l.level}: escalation cannot come before the response target` });
      }
    });
  })
  .transform((v) => ({ levels: v.levels.map((l, i): SeverityLevel => ({ ...l, rank: i + 1 })) }));
export type SeverityPolicyInput = z.infer<typeof severityPolicySchema>;
