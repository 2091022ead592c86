import type { Metadata } from 'next';
import Link from 'next/link';
import { requireActor } from '@/lib/auth/session';
import { listRuns } from '@/lib/runbooks/runs';
import { PageHeader } from '@/components/ui/PageHeader';
import { formatDateTime } from '@/components/ui/time';
import { ProgressBar } from '@/components/runbooks/ProgressBar';

export const metadata: Metadata = { title: 'Checklists' };

type Props = { searchParams: Promise<{ state?: string }> };
const STATES = [
  { id: 'open', label: 'In progress' },
  { id: 'completed', label: 'Completed' },
  { id: 'all', label: 'All' },
] as const;

export default async function ChecklistsPage({ searchParams }: Props) {
  await requireActor();
  const want = (await searchParams).state;
  const state = STATES.find((s) => s.id === want)?.id ?? 'open';
  const runs = await listRuns({ state, limit: 200 });
  return (
    <>
      <p className="text-xs text-muted"><Link href="/runbooks" className="hover:text-fg hover:underline">Runbooks</Link> / checklists</p>
      <PageHeader title="Checklist runs" description="Every run of a runbook: on its own, scheduled, or inside an incident." />
      <nav className="mb-3 flex gap-2" aria-label="Filter runs">
        {STATES.map((s) => (
          <Link key={s.id} href={`/checklists?state=${s.id}`} className={`btn py-1 ${s.id === state ? 'btn-primary' : ''}`} aria-current={s.id === state ? 'page' : undefined}>{s.label}</Link>
        ))}
      </nav>
      <div className="card overflow-x-auto">
        <table className="table w-full" data-testid="checklists-table">
          <thead>
            <tr>
              <th className="text-left">Runbook</th>
              <th className="text-left">For</th>
              <th className="text-left">Started</th>
              <th className="text-left">Progress</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/checklists/${r.id}`} className="font-medium hover:underline">{r.runbook.title}</Link>
                  <span className="ml-1 text-xs text-muted">v{r.runbook.version}</span>
                </td>
                <td className="text-sm">
                  {r.incident ? <Link className="hover:underline" href={`/incidents/${r.incident.id}`}>#{r.incident.number} {r.incident.title}</Link> : r.scheduleOccurrence ? `scheduled · ${r.scheduleOccurrence}` : r.service ? r.service.name : '—'}
                </td>
                <td className="whitespace-nowrap text-xs text-muted">{formatDateTime(r.startedAt)} · {r.startedBy}</td>
                <td className="w-64"><ProgressBar progress={r.progress} label={`${r.runbook.title} progress`} size="sm" /></td>
              </tr>
            ))}
            {!runs.length ? (
              <tr><td colSpan={4} className="py-6 text-center text-sm text-muted">No runs here yet.</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
