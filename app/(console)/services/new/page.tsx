import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { Forbidden } from '@/components/ui/Forbidden';
import { PageHeader } from '@/components/ui/PageHeader';
import { ServiceForm } from '@/components/services/ServiceForm';

export const metadata: Metadata = { title: 'Add service' };

export default async function NewServicePage() {
  const actor = await requireActor();
  if (actor.role !== 'admin') return <Forbidden need="admin" have={actor.role} />;
  return (
    <>
      <PageHeader title="Add a service" description="Name it, then list the endpoints opsdeck should poll. New endpoints are checked within seconds." />
      <ServiceForm />
    </>
  );
}
