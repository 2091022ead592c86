import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { Forbidden } from '@/components/ui/Forbidden';
import { PageHeader } from '@/components/ui/PageHeader';
import { ImportRunbook } from '@/components/runbooks/ImportRunbook';

export const metadata: Metadata = { title: 'Import a runbook' };

export default async function ImportRunbookPage() {
  const actor = await requireActor();
  if (!hasRole(actor.role, 'commander')) return <Forbidden need="commander" have={actor.role} />;
  return (
    <>
      <p className="text-xs text-muted"><Link href="/runbooks" className="hover:text-fg hover:underline">Runbooks</Link> / import</p>
      <PageHeader title="Import a runbook" description="A YAML file, or Markdown with the runbook as YAML front matter and a free Markdown body. A bad file is refused with the line and the reason." />
      <ImportRunbook />
    </>
  );
}
