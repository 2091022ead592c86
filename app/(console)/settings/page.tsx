import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';

export default async function SettingsIndex() {
  const actor = await requireActor();
  redirect(actor.role === 'admin' ? '/settings/users' : '/settings/tokens');
}
