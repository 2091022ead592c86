import { z } from 'zod';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from './events';

const httpUrl = z
  .string()
  .trim()
  .max(2000, 'url is too long')
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch {
      return false;
    }
  }, 'url must be an http:// or https:// URL');

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: `each event must be one of ${WEBHOOK_EVENTS.join(', ')}` }))
  .min(1, 'choose at least one event')
  .transform((list) => [...new Set(list)]);

export const createWebhookSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(100, 'name is at most 100 characters'),
  url: httpUrl,
  format: z.enum(WEBHOOK_FORMATS, { error: 'format must be json or slack' }).default('json'),
  secret: z.string().min(8, 'a secret has at least 8 characters').max(500).nullish(),
  events,
  enabled: z.boolean().default(true),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    name: createWebhookSchema.shape.name.optional(),
    url: httpUrl.optional(),
    format: z.enum(WEBHOOK_FORMATS, { error: 'format must be json or slack' }).optional(),
    /** A new secret; null removes it; absent keeps it. */
    secret: z.string().min(8, 'a secret has at least 8 characters').max(500).nullable().optional(),
    events: events.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' });
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const deliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
