import { db } from '@/lib/db/client';

/** Who can take an incident role: active users from responder up (commanders first). */
export async function listPeople() {
  const users = await db.user.findMany({
    where: { disabled: false, role: { in: ['responder', 'commander', 'admin'] } },
    select: { id: true, name: true, email: true, role: true },
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
  });
  return users;
}
