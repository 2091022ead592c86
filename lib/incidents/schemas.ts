import { z } from 'zod';
import { INCIDENT_STATUSES } from './lifecycle';
import { severitySchema } from './policy';
import { EVENT_TYPES, INCIDENT_ROLES } from './types';

// Inputs of the incidents API. Messages name the field, so the console's
// forms can show them next to it.

const title = z.string({ error: 'title is required' }).trim().min(1, 'title is required').max(200, 'title must be at most 200 characters');
const reason = z.string({ error: 'reason must be text' }).trim().max(2000, 'reason must be at most 2000 characters');
export const statusSchema = z.enum(INCIDENT_STATUSES, { error: `status must be one of ${INCIDENT_STATUSES.join(', ')}` });

export const declareSchema = z.strictObject({
  title,
  severity: severitySchema.optional(),
  /** Why this severity, e.g. the classification wizard's answer; kept on the timeline. */
  severityReason: z.string({ error: 'severityReason must be text' }).trim().max(1000, 'severityReason must be at most 1000 characters').optional(),
  serviceIds: z
    .array(z.uuid('each service id must be a UUID'), { error: 'serviceIds must be a list of service ids' })
    .max(50, 'at most 50 services per incident')
    .transform((ids) => [...new Set(ids)])
    .optional(),
  summary: z.string({ error: 'summary must be text' }).trim().max(5000, 'summary must be at most 5000 characters').optional(),
  /** Declared from this alert: its service joins the affected ones and the timeline says where it came from. */
  alertId: z.uuid('alertId must be an alert id').optional(),
  /** Same key, same incident: a retried or double-clicked declare creates one. */
  idempotencyKey: z
    .string({ error: 'idempotencyKey must be text' })
    .regex(/^[A-Za-z0-9._:-]{8,200}$/, 'idempotencyKey must be 8–200 letters, digits or . _ : -')
    .optional(),
  /** Declare even when an open incident already covers one of the services. */
  allowDuplicate: z.boolean({ error: 'allowDuplicate must be true or false' }).optional(),
});
export type DeclareInput = z.infer<typeof declareSchema>;

export const listQuerySchema = z.strictObject({
  state: z.enum(['open', 'resolved', 'all'], { error: 'state must be open, resolved or all' }).default('open'),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1').max(500, 'limit must be at most 500').default(200),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const suggestQuerySchema = z.strictObject({
  serviceIds: z
    .string({ error: 'serviceIds is required: comma-separated service ids' })
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.uuid('each service id must be a UUID')).max(50, 'at most 50 services')),
});

export const patchSchema = z
  .strictObject({
    status: statusSchema.optional(),
    severity: severitySchema.optional(),
    /** Why: required with a severity change, kept on the timeline with a status change. */
    reason: reason.optional(),
    commanderId: z.uuid('commanderId must be a user id').nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === undefined && v.severity === undefined && v.commanderId === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'nothing to change: give status, severity or commanderId' });
    }
    if (v.severity !== undefined && !v.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a severity change needs a reason' });
    }
  });
export type PatchInput = z.infer<typeof patchSchema>;

export const updateFieldsSchema = z.strictObject({
  affected: z.string().trim().min(1, 'say what is affected').max(1000),
  doing: z.string().trim().min(1, 'say what is being done').max(2000),
  nextUpdateMinutes: z.number().int().min(1, 'next update: at least 1 minute').max(1440, 'next update: at most 24 h').nullable(),
  workaround: z.string().trim().max(1000).nullable().optional(),
});

export const addEventSchema = z.strictObject({
  type: z.enum(['note', 'update'], { error: 'type must be note or update' }),
  body: z.string({ error: 'body is required' }).trim().min(1, 'body is required').max(10_000, 'body must be at most 10000 characters'),
  /** For an update written from the template: its fields, kept in the event's data. */
  fields: updateFieldsSchema.optional(),
});
export type AddEventInput = z.infer<typeof addEventSchema>;

export const patchEventSchema = z.union(
  [
    z.strictObject({ pinned: z.boolean({ error: 'pinned must be true or false' }) }),
    z.strictObject({
      correction: z.string({ error: 'correction must be text' }).trim().min(1, 'correction is required').max(10_000, 'correction must be at most 10000 characters'),
    }),
  ],
  { error: 'give either {pinned} or {correction}' },
);
export type PatchEventInput = z.infer<typeof patchEventSchema>;

export const timelineQuerySchema = z.strictObject({
  /** One type or several, comma-separated. */
  type: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(EVENT_TYPES, { error: `type must be among ${EVENT_TYPES.join(', ')}` })))
    .optional(),
});

export const roleChangeSchema = z.strictObject({
  role: z.enum(INCIDENT_ROLES, { error: `role must be one of ${INCIDENT_ROLES.join(', ')}` }),
  userId: z.uuid('userId must be a user id'),
  /** assign: take the role (hand-over for the single-holder roles); unassign: give it up. */
  action: z.enum(['assign', 'unassign'], { error: 'action must be assign or unassign' }).default('assign'),
});
export type RoleChangeInput = z.infer<typeof roleChangeSchema>;
