import { db } from '@/lib/db/client';
import { hashPassword } from '@/lib/auth/password';
import { writeAudit } from '@/lib/audit/log';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';

/**
 * On first start (no users at all) creates the first admin from ADMIN_EMAIL /
 * ADMIN_PASSWORD. Later starts change nothing: the password is not reset from
 * the environment, so an admin who changed it keeps the new one.
 */
export async function ensureFirstAdmin(email: string, password: string): Promise<'created' | 'exists'> {
  const normalized = email.trim().toLowerCase();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('opsdeck.first-admin'))`;
    if ((await tx.user.count()) > 0) return 'exists' as const;
    const user = await tx.user.create({
      data: { email: normalized, name: 'Administrator', role: 'admin', passwordHash },
      select: { id: true, email: true, role: true },
    });
    await writeAudit(SYSTEM_ACTOR, { action: 'user.bootstrap_admin', targetType: 'user', targetId: user.id, after: user }, null, tx);
    return 'created' as const;
  });
}
