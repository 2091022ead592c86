import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { PageHeader } from '@/components/ui/PageHeader';
import { IncidentsList } from '@/components/incidents/IncidentsList';

export const metadata: Metadata = { title: 'Incidents' };

export default async function IncidentsPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader title="Incidents" description="What is broken right now and who is on it. Open incidents first, the most severe at the top." actions={<Link href="/incidents/handoffs" className="btn">Hand-offs</Link>} />
      <IncidentsList canDeclare={hasRole(actor.role, 'commander')} />
    </>
  );
}
