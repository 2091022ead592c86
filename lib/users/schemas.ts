import { z } from 'zod';
import { roleSchema } from '@/lib/auth/roles';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';

const email = z.email('email must be a valid email address').max(254).transform((e) => e.trim().toLowerCase());
const password = z
  .string({ error: 'password is required' })
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'password must be at most 256 characters');
const name = z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(120, 'name must be at most 120 characters');

export const createUserSchema = z.strictObject({ email, name, password, role: roleSchema.default('viewer') });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .strictObject({ name: name.optional(), role: roleSchema.optional(), disabled: z.boolean().optional(), password: password.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change: give name, role, disabled or password' });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const createTokenSchema = z.strictObject({
  name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(80, 'name must be at most 80 characters'),
  expiresInDays: z.number().int().min(1, 'expiresInDays must be at least 1').max(3650).optional(),
});
