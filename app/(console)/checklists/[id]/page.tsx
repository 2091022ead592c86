import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { getRun } from '@/lib/runbooks/runs';
import { RunView } from '@/components/runbooks/RunView';

export const metadata: Metadata = { title: 'Checklist' };

type Props = { params: Promise<{ id: string }> };

export default async function ChecklistPage({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const run = await getRun(id).catch((e: { status?: number }) => {
    if (e?.status === 404) return null;
    throw e;
  });
  if (!run) notFound();
  return <RunView initial={run} role={actor.role} />;
}
