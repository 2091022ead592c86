import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { Forbidden } from '@/components/ui/Forbidden';
import { PageHeader } from '@/components/ui/PageHeader';
import { RunbookEditor } from '@/components/runbooks/RunbookEditor';

export const metadata: Metadata = { title: 'New runbook' };

export default async function NewRunbookPage() {
  const actor = await requireActor();
  if (!hasRole(actor.role, 'commander')) return <Forbidden need="commander" have={actor.role} />;
  return (
    <>
      <p className="text-xs text-muted"><Link href="/runbooks" className="hover:text-fg hover:underline">Runbooks</Link> / new</p>
      <PageHeader title="New runbook" description="Ordered steps a tired person can follow: manual actions, commands to copy, verifications the console checks itself, decisions with branches. Put each “do not” where it applies." />
      <RunbookEditor />
    </>
  );
}
