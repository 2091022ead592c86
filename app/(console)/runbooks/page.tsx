import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/roles';
import { listRunbooks } from '@/lib/runbooks/catalog';
import { PageHeader } from '@/components/ui/PageHeader';
import { RunbooksList } from '@/components/runbooks/RunbooksList';

export const metadata: Metadata = { title: 'Runbooks' };

export default async function RunbooksPage() {
  const actor = await requireActor();
  const runbooks = await listRunbooks();
  const author = hasRole(actor.role, 'commander');
  return (
    <>
      <PageHeader
        title="Runbooks"
        description="Guided checklists: find the truth, classify the risk, take the smallest correct action, leave evidence. Verification steps check themselves against the live probes."
        actions={
          <>
            <Link className="btn" href="/checklists">Checklist runs</Link>
            {author ? (
              <>
                <Link className="btn" href="/runbooks/import">Import…</Link>
                <Link className="btn btn-primary" href="/runbooks/new">New runbook</Link>
              </>
            ) : null}
          </>
        }
      />
      <RunbooksList initial={runbooks} />
    </>
  );
}
