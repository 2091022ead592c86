import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { PageHeader } from '@/components/ui/PageHeader';
import { ServicesList } from '@/components/services/ServicesList';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage() {
  const actor = await requireActor();
  const canAdmin = hasRole(actor.role, 'admin');
  return (
    <>
      <PageHeader
        title="Services"
        description="What opsdeck watches: each service, its endpoints and how they are doing right now."
        actions={
          canAdmin ? (
            <>
              <Link href="/services/catalog" className="btn">Import / export YAML</Link>
              <Link href="/services/new" className="btn btn-primary">+ Add service</Link>
            </>
          ) : null
        }
      />
      <ServicesList canAdmin={canAdmin} />
    </>
  );
}
