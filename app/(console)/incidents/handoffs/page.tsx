import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { PageHeader } from '@/components/ui/PageHeader';
import { HandoffsPanel } from '@/components/handoffs/HandoffsPanel';

export const metadata: Metadata = { title: 'Hand-offs' };

export default async function HandoffsPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader
        title="On-call hand-offs"
        description="What the next on-call needs to know: drafted from open incidents, service status, open alerts and the shift's deploys, then edited and saved."
        actions={<Link href="/incidents" className="btn">← Incidents</Link>}
      />
      <HandoffsPanel canWrite={hasRole(actor.role, 'responder')} />
    </>
  );
}
