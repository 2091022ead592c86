import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { Forbidden } from '@/components/ui/Forbidden';
import { UsersAdmin } from '@/components/settings/UsersAdmin';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requireActor();
  if (actor.role !== 'admin') return <Forbidden need="admin" have={actor.role} />;
  return <UsersAdmin currentUserId={actor.userId} />;
}
