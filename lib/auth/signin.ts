import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/audit/log';
import { burnPasswordCheck, verifyPassword } from './password';
import { decideThrottle, THROTTLE_WINDOW_MS, type ThrottleDecision } from './throttle';
import type { Role } from './roles';

export interface SignedInUser { id: string; email: string; name: string; role: Role }

export type SignInOutcome =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number; message: string };

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

async function throttleFor(email: string, ip: string, now: Date): Promise<ThrottleDecision> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db.loginAttempt.aggregate({ where: { email, success: false, at: { gte: since } }, _count: true, _min: { at: true } }),
    db.loginAttempt.aggregate({ where: { ip, success: false, at: { gte: since } }, _count: true, _min: { at: true } }),
  ]);
  return decideThrottle(
    {
      byEmail: byEmail._count,
      byIp: byIp._count,
      oldestEmailFailure: byEmail._min.at ?? undefined,
      oldestIpFailure: byIp._min.at ?? undefined,
    },
    now,
  );
}

/** Checks a password sign-in, counting failures for brute-force protection and auditing the outcome. */
export async function signInWithPassword(rawEmail: string, password: string, ip: string): Promise<SignInOutcome> {
  const email = normalizeEmail(rawEmail);
  const now = new Date();
  const throttle = await throttleFor(email, ip, now);
  if (!throttle.allowed) {
    const minutes = Math.ceil(throttle.retryAfterSeconds / 60);
    return {
      ok: false,
      reason: 'throttled',
      retryAfterSeconds: throttle.retryAfterSeconds,
      message: `Sign-in paused: ${throttle.reason}. Try again in ${minutes} min.`,
    };
  }

  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const valid = user && !user.disabled ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);

  await db.loginAttempt.create({ data: { email, ip, success: Boolean(valid) } });
  if (!valid || !user) {
    await writeAudit({ type: 'system', userId: null, label: email, role: 'viewer' }, { action: 'auth.signin_failed', targetType: 'user', targetId: user?.id ?? null }, ip);
    return { ok: false, reason: 'invalid' };
  }
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  await writeAudit({ type: 'user', userId: user.id, label: user.email, role: user.role }, { action: 'auth.signin', targetType: 'user', targetId: user.id }, ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
