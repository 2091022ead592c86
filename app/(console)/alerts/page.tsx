import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { PageHeader } from '@/components/ui/PageHeader';
import { AlertsView } from '@/components/alerts/AlertsView';

export const metadata: Metadata = { title: 'Alerts' };

export default async function AlertsPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader title="Alerts" description="What the probes flagged: firing first, then the history. Declare an incident straight from an alert, or join the one that already covers it." />
      <Suspense>
        <AlertsView canDeclare={hasRole(actor.role, 'commander')} />
      </Suspense>
    </>
  );
}
