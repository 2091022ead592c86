import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { requireActor } from '@/lib/auth/session';
import { getPostmortem } from '@/lib/postmortems/query';
import { ReviewPage } from '@/components/postmortems/ReviewPage';

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return getPostmortem(id).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const pm = await load((await params).id);
  return { title: pm ? `Postmortem #${pm.incident.number} ${pm.incident.title}` : 'Postmortem not found' };
}

export default async function PostmortemPage({ params }: Props) {
  const actor = await requireActor();
  const pm = await load((await params).id);
  if (!pm) notFound();
  return <ReviewPage initial={pm} viewer={{ role: actor.role }} />;
}
