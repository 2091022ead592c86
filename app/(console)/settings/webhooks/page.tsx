import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { Forbidden } from '@/components/ui/Forbidden';
import { WebhooksAdmin } from '@/components/webhooks/WebhooksAdmin';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const actor = await requireActor();
  if (actor.role !== 'admin') return <Forbidden need="admin" have={actor.role} />;
  return <WebhooksAdmin />;
}
