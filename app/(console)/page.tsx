import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { DashboardView } from '@/components/dashboard/DashboardView';
import { DashboardChecklists } from '@/components/runbooks/DashboardChecklists';
import { OverduePanel } from '@/components/postmortems/OverduePanel';

export const metadata: Metadata = { title: 'Dashboard' };

// A thin shell: the data is polled by the client (components/dashboard/useDashboard.ts).
export default async function DashboardPage() {
  const actor = await requireActor();
  return (
    <>
      <DashboardView canAdmin={hasRole(actor.role, 'admin')} />
      <DashboardChecklists canRun={hasRole(actor.role, 'responder')} />
      <OverduePanel />
    </>
  );
}
