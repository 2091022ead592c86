import { db } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { hashPassword } from '@/lib/auth/password';
import { ApiError, conflict, notFound } from '@/lib/api/errors';
import type { CreateUserInput, UpdateUserInput } from './schemas';

export const userPublicSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export function listUsers() {
  return db.user.findMany({ select: userPublicSelect, orderBy: [{ disabled: 'asc' }, { email: 'asc' }] });
}

export async function createUser(input: CreateUserInput, actor: Actor, ip: string | null) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw conflict(`A user with email ${input.email} already exists`);
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: userPublicSelect,
    });
    await writeAudit(actor, { action: 'user.create', targetType: 'user', targetId: user.id, after: user }, ip, tx);
    return user;
  });
}

export async function updateUser(id: string, input: UpdateUserInput, actor: Actor, ip: string | null) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: userPublicSelect });
    if (!before) throw notFound('User');
    const losesAdmin = before.role === 'admin' && !before.disabled && ((input.role && input.role !== 'admin') || input.disabled === true);
    if (losesAdmin) {
      // Serialise concurrent demotions so two admins cannot demote each other into none.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('opsdeck.last-admin'))`;
      const admins = await tx.user.count({ where: { role: 'admin', disabled: false } });
      if (admins <= 1) throw new ApiError(409, 'This is the last active admin: make someone else admin first');
    }
    if (input.disabled === true && actor.userId === id) throw new ApiError(409, 'You cannot disable your own account');
    const after = await tx.user.update({
      where: { id },
      data: { name: input.name, role: input.role, disabled: input.disabled, ...(passwordHash ? { passwordHash } : {}) },
      select: userPublicSelect,
    });
    if (input.disabled === true) {
      // A disabled person's tokens stop working with them.
      await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    }
    await writeAudit(
      actor,
      { action: input.password ? 'user.update_password' : 'user.update', targetType: 'user', targetId: id, before, after: { ...after, password: input.password ? 'changed' : undefined } },
      ip,
      tx,
    );
    return after;
  });
}
