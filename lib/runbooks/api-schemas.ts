import { z } from 'zod';
import { SETTABLE_STATES } from './state';

// Inputs of the runbooks and checklists API (the runbook definition itself is
// validated by lib/runbooks/schema.ts).

const optionalText = (what: string, max: number) => z.string({ error: `${what} must be text` }).trim().max(max, `${what} must be at most ${max} characters`).nullish();

export const listRunbooksQuery = z.strictObject({ q: z.string().trim().max(200).optional() });

export const runbookVersionQuery = z.strictObject({ version: z.coerce.number({ error: 'version must be a number' }).int().min(1, 'version must be at least 1').optional() });

export const exportQuery = z.strictObject({
  format: z.enum(['yaml', 'markdown', 'md'], { error: 'format must be yaml or markdown' }).default('yaml'),
  version: z.coerce.number({ error: 'version must be a number' }).int().min(1).optional(),
});

export const importSchema = z.strictObject({
  /** The file's text: YAML, or Markdown with YAML front matter. */
  content: z.string({ error: 'content is required: the text of the file' }).min(1, 'content is required: the text of the file').max(512 * 1024, 'the file is larger than 512 KiB'),
  format: z.enum(['yaml', 'markdown'], { error: 'format must be yaml or markdown' }).optional(),
  /** Validate only: report what would happen. */
  dryRun: z.boolean({ error: 'dryRun must be true or false' }).optional(),
});

export const startRunSchema = z.strictObject({
  /** The runbook's id (or its slug). */
  runbookId: z.string({ error: 'runbookId is required' }).trim().min(1, 'runbookId is required').max(100),
  incidentId: z.uuid('incidentId must be an incident id').optional(),
  /** The service its verification steps check (default: the runbook's or the incident's). */
  serviceId: z.uuid('serviceId must be a service id').optional(),
  /** Start an older version (default: the current one). */
  version: z.number({ error: 'version must be a number' }).int().min(1).optional(),
});

export const stepChangeSchema = z.strictObject({
  state: z.enum(SETTABLE_STATES, { error: `state must be one of ${SETTABLE_STATES.join(', ')}` }),
  note: optionalText('note', 4000),
  link: z
    .string({ error: 'link must be text' })
    .trim()
    .max(2000, 'link must be at most 2000 characters')
    .refine((s) => s === '' || /^https?:\/\/\S+$/i.test(s), 'link must be an http(s) URL')
    .nullish(),
  branch: z.string({ error: 'branch must be text' }).trim().max(60).nullish(),
  /** Commanders: mark a failing verification verified anyway (needs a note). */
  override: z.boolean({ error: 'override must be true or false' }).optional(),
});

export const listRunsQuery = z.strictObject({
  incidentId: z.uuid('incidentId must be an incident id').optional(),
  runbookId: z.uuid('runbookId must be a runbook id').optional(),
  state: z.enum(['open', 'completed', 'all'], { error: 'state must be open, completed or all' }).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
