import { z } from 'zod';

const when = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

export const draftSchema = z
  .object({
    from: when.optional(),
    to: when.optional(),
    team: z.string().trim().min(1).max(100).optional(),
    escalationContact: z.string().trim().max(300).optional(),
  })
  .refine((v) => !v.from || !v.to || Date.parse(v.from) < Date.parse(v.to), { message: 'from must be before to', path: ['from'] });
export type DraftInput = z.infer<typeof draftSchema>;

export const createHandoffSchema = z
  .object({
    title: z.string().trim().min(1, 'title is required').max(200),
    from: when,
    to: when,
    team: z.string().trim().min(1).max(100).nullish(),
    escalationContact: z.string().trim().max(300).nullish(),
    body: z.string().min(1, 'body is required').max(200_000, 'body is at most 200,000 characters'),
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: 'from must be before to', path: ['from'] });
export type CreateHandoffInput = z.infer<typeof createHandoffSchema>;

export const listHandoffsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
