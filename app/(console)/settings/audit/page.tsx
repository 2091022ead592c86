import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { Forbidden } from '@/components/ui/Forbidden';
import { AuditLogView } from '@/components/settings/AuditLogView';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  const actor = await requireActor();
  if (actor.role !== 'admin') return <Forbidden need="admin" have={actor.role} />;
  return <AuditLogView />;
}
