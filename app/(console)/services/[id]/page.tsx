import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { findService } from '@/lib/catalog/services';
import { ServiceDetail } from '@/components/services/ServiceDetail';

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  return z.uuid().safeParse(id).success ? findService(id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const service = await load((await params).id);
  return { title: service ? `${service.name} (${service.environment})` : 'Service not found' };
}

export default async function ServicePage({ params }: Props) {
  const actor = await requireActor();
  const service = await load((await params).id);
  if (!service) notFound();
  return <ServiceDetail initial={service} role={actor.role} />;
}
