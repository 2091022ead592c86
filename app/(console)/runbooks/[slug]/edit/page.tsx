import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { getRunbook } from '@/lib/runbooks/catalog';
import { runbookSchema } from '@/lib/runbooks/schema';
import { Forbidden } from '@/components/ui/Forbidden';
import { PageHeader } from '@/components/ui/PageHeader';
import { RunbookEditor } from '@/components/runbooks/RunbookEditor';

export const metadata: Metadata = { title: 'Edit runbook' };

type Props = { params: Promise<{ slug: string }> };

export default async function EditRunbookPage({ params }: Props) {
  const actor = await requireActor();
  if (!hasRole(actor.role, 'commander')) return <Forbidden need="commander" have={actor.role} />;
  const r = await getRunbook((await params).slug).catch(() => null);
  if (!r) notFound();
  const def = runbookSchema.parse(Object.fromEntries(Object.entries(r).filter(([k]) => k in runbookSchema.shape)));
  return (
    <>
      <p className="text-xs text-muted">
        <Link href="/runbooks" className="hover:text-fg hover:underline">Runbooks</Link> / <Link href={`/runbooks/${r.slug}`} className="hover:text-fg hover:underline">{r.slug}</Link> / edit
      </p>
      <PageHeader title={`Edit “${r.title}”`} description={`Saving makes version ${r.currentVersion + 1}. Checklists already running keep the version they started with.`} />
      <RunbookEditor initial={def} />
    </>
  );
}
