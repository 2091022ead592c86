import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { getRunbook } from '@/lib/runbooks/catalog';
import { RunbookView } from '@/components/runbooks/RunbookView';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ version?: string }> };

async function load(slug: string, version?: string) {
  const v = version && /^\d+$/.test(version) ? Number(version) : undefined;
  return getRunbook(slug, v).catch((e: { status?: number }) => {
    if (e?.status === 404) return null;
    throw e;
  });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const r = await load((await params).slug);
  return { title: r ? r.title : 'Runbook not found' };
}

export default async function RunbookPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const runbook = await load((await params).slug, (await searchParams).version);
  if (!runbook) notFound();
  return (
    <>
      <p className="text-xs text-muted"><Link href="/runbooks" className="hover:text-fg hover:underline">Runbooks</Link> / {runbook.slug}</p>
      <h1 className="mb-3 mt-0.5 text-xl font-semibold tracking-tight">{runbook.title} <span className="text-sm font-normal text-muted">v{runbook.shownVersion}</span></h1>
      <RunbookView runbook={runbook} canRun={hasRole(actor.role, 'responder')} canAuthor={hasRole(actor.role, 'commander')} />
    </>
  );
}
