import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { findIncident } from '@/lib/incidents/query';
import { listTimeline } from '@/lib/incidents/timeline';
import { IncidentConsole } from '@/components/incidents/IncidentConsole';

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  return z.uuid().safeParse(id).success ? findIncident(id) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const i = await load((await params).id);
  return { title: i ? `#${i.number} ${i.title}` : 'Incident not found' };
}

export default async function IncidentPage({ params }: Props) {
  const actor = await requireActor();
  const incident = await load((await params).id);
  if (!incident) notFound();
  const events = await listTimeline(incident.id);
  return <IncidentConsole initial={incident} initialEvents={events} viewer={{ role: actor.role, userId: actor.userId, label: actor.label }} />;
}
