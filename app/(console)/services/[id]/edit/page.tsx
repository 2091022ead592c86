import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { findService } from '@/lib/catalog/services';
import { Forbidden } from '@/components/ui/Forbidden';
import { PageHeader } from '@/components/ui/PageHeader';
import { ServiceForm } from '@/components/services/ServiceForm';

export const metadata: Metadata = { title: 'Edit service' };

export default async function EditServicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  if (actor.role !== 'admin') return <Forbidden need="admin" have={actor.role} />;
  const { id } = await params;
  const service = z.uuid().safeParse(id).success ? await findService(id) : null;
  if (!service) notFound();
  return (
    <>
      <PageHeader title={`Edit ${service.name}`} description={`Environment ${service.environment}. Stored header values stay unless you type a new one or remove the header.`} />
      <ServiceForm service={service} />
    </>
  );
}
