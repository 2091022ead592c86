import { z } from 'zod';

// The runbook definition: the shape of a built-in file, of an import or export,
// of what the editor saves, and of each immutable version in the database.
// Pure (zod only) so the editor validates with exactly the server's rules.

export const SYMPTOMS = ['down', 'error-rate', 'latency', 'resource', 'deploy', 'migration', 'data', 'secret', 'provider', 'host', 'schedule', 'routine', 'handoff', 'dr', 'restore'] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const STEP_TYPES = ['manual', 'command', 'verify', 'decision'] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const VERIFY_KINDS = ['health', 'liveness', 'readiness', 'migration', 'metrics', 'telemetry'] as const;
export const CONDITIONS = ['up', 'not_down', 'at_head', 'error_rate_below', 'p95_below', 'kpi_below'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const KPIS = ['cpu', 'memory', 'disk'] as const;
export const SCHEDULES = ['daily', 'weekly', 'monthly'] as const;
export type Schedule = (typeof SCHEDULES)[number];
export const SEVERITIES = ['P1', 'P2', 'P3'] as const;

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const key = (what: string) => z.string({ error: `${what} is required` }).trim().min(1, `${what} is required`).max(60, `${what}: at most 60 characters`).regex(KEY, `${what}: lower-case letters, digits and single dashes only (e.g. find-last-good)`);
const text = (what: string, max: number) => z.string({ error: `${what} must be text` }).trim().max(max, `${what}: at most ${max} characters`);
const required = (what: string, max: number) => text(what, max).min(1, `${what} is required`);
const guardrails = z.array(required('A guardrail', 500), { error: 'guardrails must be a list of lines' }).max(20, 'at most 20 guardrails');

export const verifySchema = z
  .object({
    kind: z.enum(VERIFY_KINDS, { error: `kind must be one of ${VERIFY_KINDS.join(', ')}` }),
    condition: z.enum(CONDITIONS, { error: `condition must be one of ${CONDITIONS.join(', ')}` }),
    threshold: z.number({ error: 'threshold must be a number' }).positive('threshold must be above 0').optional(),
    kpi: z.enum(KPIS, { error: `kpi must be one of ${KPIS.join(', ')}` }).optional(),
    service: text('service', 200).min(1).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.condition.endsWith('_below') && v.threshold === undefined) ctx.addIssue({ code: 'custom', path: ['threshold'], message: `${v.condition} needs a threshold` });
    if (v.condition === 'kpi_below' && !v.kpi) ctx.addIssue({ code: 'custom', path: ['kpi'], message: 'kpi_below needs a kpi (cpu, memory or disk)' });
    if (v.condition === 'at_head' && v.kind !== 'migration') ctx.addIssue({ code: 'custom', path: ['condition'], message: 'at_head applies to a migration endpoint' });
    if ((v.condition === 'error_rate_below' || v.condition === 'p95_below' || v.condition === 'kpi_below') && v.kind !== 'metrics' && v.kind !== 'telemetry') {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `${v.condition} reads KPIs: use kind metrics or telemetry` });
    }
  });
export type VerifySpec = z.infer<typeof verifySchema>;

export const branchSchema = z.object({ key: key('Branch key'), label: required('Branch label', 120), detail: text('detail', 4000).optional() }).strict();

export const stepSchema = z
  .object({
    key: key('Step key'),
    type: z.enum(STEP_TYPES, { error: `type must be one of ${STEP_TYPES.join(', ')}` }),
    title: required('Step title', 200),
    detail: text('detail', 8000).optional(),
    guardrails: guardrails.optional(),
    when: z.object({ step: key('when.step'), is: z.array(key('Branch key')).min(1, 'when.is lists at least one branch') }).strict().optional(),
    command: text('command', 8000).optional(),
    shell: text('shell', 40).optional(),
    verify: verifySchema.optional(),
    branches: z.array(branchSchema).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.type === 'command' && !s.command?.trim()) ctx.addIssue({ code: 'custom', path: ['command'], message: 'A command step needs the command to show' });
    if (s.type === 'verify' && !s.verify) ctx.addIssue({ code: 'custom', path: ['verify'], message: 'A verification step needs verify.kind and verify.condition' });
    if (s.type === 'decision') {
      if (!s.branches || s.branches.length < 2) ctx.addIssue({ code: 'custom', path: ['branches'], message: 'A decision needs at least two branches' });
      else {
        const seen = new Set<string>();
        s.branches.forEach((b, i) => {
          if (seen.has(b.key)) ctx.addIssue({ code: 'custom', path: ['branches', i, 'key'], message: `Branch key "${b.key}" is used twice` });
          seen.add(b.key);
        });
      }
    }
    if (s.type !== 'command' && s.command !== undefined) ctx.addIssue({ code: 'custom', path: ['command'], message: 'Only command steps have a command' });
    if (s.type !== 'verify' && s.verify !== undefined) ctx.addIssue({ code: 'custom', path: ['verify'], message: 'Only verification steps have verify' });
    if (s.type !== 'decision' && s.branches !== undefined) ctx.addIssue({ code: 'custom', path: ['branches'], message: 'Only decision steps have branches' });
  });
export type StepDef = z.infer<typeof stepSchema>;

export const runbookSchema = z
  .object({
    slug: key('slug'),
    title: required('Title', 200),
    summary: text('summary', 2000).optional(),
    whenToUse: text('whenToUse', 8000).optional(),
    severityHint: z.enum(SEVERITIES, { error: 'severityHint must be P1, P2 or P3' }).optional(),
    symptoms: z.array(z.enum(SYMPTOMS, { error: `symptoms must be among ${SYMPTOMS.join(', ')}` })).optional(),
    kinds: z.array(z.enum(VERIFY_KINDS, { error: `kinds must be among ${VERIFY_KINDS.join(', ')}` })).optional(),
    services: z.array(required('A service name', 200)).optional(),
    schedule: z.enum(SCHEDULES, { error: 'schedule must be daily, weekly or monthly' }).optional(),
    guardrails: guardrails.optional(),
    /** Long description (the Markdown body of an imported file). */
    body: text('body', 50_000).optional(),
    steps: z.array(stepSchema, { error: 'steps must be a list' }).min(1, 'A runbook needs at least one step').max(100, 'at most 100 steps'),
  })
  .strict()
  .superRefine((r, ctx) => {
    const index = new Map<string, number>();
    r.steps.forEach((s, i) => {
      if (index.has(s.key)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'key'], message: `Step key "${s.key}" is used twice` });
      else index.set(s.key, i);
    });
    r.steps.forEach((s, i) => {
      if (!s.when) return;
      const j = index.get(s.when.step);
      const target = j === undefined ? undefined : r.steps[j];
      if (j === undefined || !target) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'when', 'step'], message: `when.step "${s.when.step}" is not a step of this runbook` });
      } else if (target.type !== 'decision') {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'when', 'step'], message: `when.step "${s.when.step}" is not a decision step` });
      } else if (j >= i) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'when', 'step'], message: `when.step "${s.when.step}" must come before this step` });
      } else {
        const keys = new Set((target.branches ?? []).map((b) => b.key));
        s.when.is.forEach((b, k) => {
          if (!keys.has(b)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'when', 'is', k], message: `"${b}" is not a branch of "${s.when!.step}" (branches: ${[...keys].join(', ')})` });
        });
      }
    });
  });
export type RunbookDef = z.infer<typeof runbookSchema>;

export interface DefIssue {
  path: string;
  message: string;
  line?: number;
}

/** Validates an unknown value as a runbook definition. */
export function validateRunbook(value: unknown): { ok: true; def: RunbookDef } | { ok: false; issues: DefIssue[]; paths: (string | number)[][] } {
  const parsed = runbookSchema.safeParse(value);
  if (parsed.success) return { ok: true, def: parsed.data };
  const paths = parsed.error.issues.map((i) => i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)));
  return { ok: false, issues: parsed.error.issues.map((i, n) => ({ path: paths[n].join('.') || '(root)', message: i.message })), paths };
}

/** The definition without empty optional fields, with keys in a stable order: what gets hashed, stored and exported. */
export function canonical(def: RunbookDef): RunbookDef {
  const clean = <T extends Record<string, unknown>>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as T;
  return clean({
    slug: def.slug,
    title: def.title,
    summary: def.summary,
    whenToUse: def.whenToUse,
    severityHint: def.severityHint,
    symptoms: def.symptoms,
    kinds: def.kinds,
    services: def.services,
    schedule: def.schedule,
    guardrails: def.guardrails,
    body: def.body,
    steps: def.steps.map((s) =>
      clean({
        key: s.key,
        type: s.type,
        title: s.title,
        detail: s.detail,
        guardrails: s.guardrails,
        when: s.when ? { step: s.when.step, is: s.when.is } : undefined,
        command: s.command,
        shell: s.shell,
        verify: s.verify ? clean({ kind: s.verify.kind, condition: s.verify.condition, threshold: s.verify.threshold, kpi: s.verify.kpi, service: s.verify.service }) : undefined,
        branches: s.branches?.map((b) => clean({ key: b.key, label: b.label, detail: b.detail })),
      }),
    ),
  });
}
