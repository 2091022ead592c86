import { z } from 'zod';
import { ACTION_ITEM_STATUSES, COMMENT_SECTIONS, POSTMORTEM_STATUSES, SECTION_KEYS } from './states';

// Inputs of the postmortems API. Messages name the field, so forms can show them beside it.

const sectionText = (name: string) => z.string({ error: `${name} must be text` }).max(20_000, `${name} must be at most 20000 characters`);

export const sectionsPatchSchema = z.strictObject({
  sections: z
    .strictObject(Object.fromEntries(SECTION_KEYS.map((k) => [k, sectionText(k).optional()])) as Record<(typeof SECTION_KEYS)[number], z.ZodOptional<z.ZodString>>, {
      error: `sections must be an object with any of ${SECTION_KEYS.join(', ')}`,
    })
    .refine((s) => Object.keys(s).length > 0, 'sections must name at least one section'),
  /**
   * What the writer started from, per section. When given and the stored text
   * differs (someone else saved meanwhile), nothing is written and the answer
   * is 409: the writer's text is not lost and theirs is not overwritten.
   */
  base: z
    .strictObject(Object.fromEntries(SECTION_KEYS.map((k) => [k, sectionText(k).optional()])) as Record<(typeof SECTION_KEYS)[number], z.ZodOptional<z.ZodString>>, {
      error: `base must be an object with any of ${SECTION_KEYS.join(', ')}`,
    })
    .optional(),
});
export type SectionsPatch = z.infer<typeof sectionsPatchSchema>;

export const transitionSchema = z.strictObject({
  action: z.enum(['submit', 'approve', 'reopen'], { error: 'action must be submit, approve or reopen' }),
  note: z.string({ error: 'note must be text' }).trim().max(2000, 'note must be at most 2000 characters').optional(),
});

export const commentSchema = z.strictObject({
  section: z.enum(COMMENT_SECTIONS, { error: `section must be one of ${COMMENT_SECTIONS.join(', ')}` }),
  body: z.string({ error: 'body is required' }).trim().min(1, 'body is required').max(5000, 'body must be at most 5000 characters'),
});

const dateOnly = z
  .string({ error: 'dueDate must be a date (YYYY-MM-DD)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dueDate must be a date (YYYY-MM-DD)')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'dueDate is not a real date');
const link = z
  .string({ error: 'link must be a URL' })
  .trim()
  .max(2000, 'link must be at most 2000 characters')
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'link must be an http(s) URL');

export const actionItemCreateSchema = z.strictObject({
  title: z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(300, 'title must be at most 300 characters'),
  ownerId: z.uuid('ownerId must be a user id').nullable().optional(),
  dueDate: dateOnly.nullable().optional(),
  status: z.enum(ACTION_ITEM_STATUSES, { error: `status must be one of ${ACTION_ITEM_STATUSES.join(', ')}` }).optional(),
  link: link.nullable().optional().or(z.literal('').transform(() => null)),
});
export type ActionItemCreate = z.infer<typeof actionItemCreateSchema>;

export const actionItemPatchSchema = actionItemCreateSchema.partial().refine((v) => Object.keys(v).length > 0, 'nothing to change: send title, ownerId, dueDate, status or link');
export type ActionItemPatch = z.infer<typeof actionItemPatchSchema>;

const bool = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

export const listQuerySchema = z.strictObject({
  overdue: bool.optional(),
  status: z.enum(POSTMORTEM_STATUSES, { error: `status must be one of ${POSTMORTEM_STATUSES.join(', ')}` }).optional(),
});

export const actionItemsQuerySchema = z.strictObject({
  overdue: bool.optional(),
  /** Only the ones still to do (open or in progress). */
  open: bool.optional(),
  status: z.enum(ACTION_ITEM_STATUSES, { error: `status must be one of ${ACTION_ITEM_STATUSES.join(', ')}` }).optional(),
});

export const analyticsQuerySchema = z.strictObject({
  months: z.coerce.number({ error: 'months must be a number' }).int('months must be a whole number').min(1, 'months must be at least 1').max(24, 'months must be at most 24').default(6),
  target: z.coerce.number({ error: 'target must be a percentage' }).min(50, 'target must be at least 50 (%)').max(99.999, 'target must be at most 99.999 (%)').default(99.9),
});
