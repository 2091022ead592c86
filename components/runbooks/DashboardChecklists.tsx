'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { RunOut, RunRef, ScheduledChecklistOut } from '@/lib/runbooks/types';
import { LIST_MS } from './keys';
import { ProgressBar } from './ProgressBar';

const STATE = {
  overdue: { icon: '✖', word: 'Overdue', cls: 'text-down' },
  due: { icon: '▲', word: 'Due', cls: 'text-degraded' },
  in_progress: { icon: '◐', word: 'In progress', cls: 'text-accent' },
  done: { icon: '✔', word: 'Done', cls: 'text-up' },
} as const;

/** The dashboard's checklists: runs in progress, and scheduled checklists due or overdue. */
export function DashboardChecklists({ canRun }: { canRun: boolean }) {
  const router = useRouter();
  const runs = useQuery({ queryKey: ['checklists', 'open'], queryFn: () => api<{ runs: RunRef[] }>('/api/v1/checklists?state=open&limit=8').then((r) => r.runs), refetchInterval: LIST_MS });
  const schedules = useQuery({ queryKey: ['checklists', 'schedules'], queryFn: () => api<{ schedules: ScheduledChecklistOut[] }>('/api/v1/runbooks/schedules').then((r) => r.schedules), refetchInterval: LIST_MS });
  const start = useMutation({
    mutationFn: (runbookId: string) => api<{ run: RunOut }>('/api/v1/checklists', { method: 'POST', body: { runbookId } }),
    onSuccess: (r) => router.push(`/checklists/${r.run.id}`),
  });
  const pending = (schedules.data ?? []).filter((s) => s.status.state !== 'done');
  const open = (runs.data ?? []).filter((r) => !r.scheduleOccurrence || !pending.some((p) => p.status.runId === r.id));
  if (!runs.data && !schedules.data) return null;

  return (
    <section className="card mt-4 p-3" aria-labelledby="dash-checklists-h" data-testid="dashboard-checklists">
      <div className="flex items-baseline justify-between">
        <h2 id="dash-checklists-h" className="text-sm font-semibold">Checklists</h2>
        <Link href="/runbooks" className="text-xs text-muted hover:text-fg hover:underline">All runbooks</Link>
      </div>
      <div className="mt-2 grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="text-xs uppercase tracking-wide text-muted">In progress</h3>
          {open.length ? (
            <ul className="mt-1.5 space-y-2">
              {open.map((r) => (
                <li key={r.id}>
                  <Link href={`/checklists/${r.id}`} className="text-sm hover:underline">{r.runbook.title}</Link>
                  <span className="ml-1 text-xs text-muted">{r.incident ? `#${r.incident.number}` : r.service?.name ?? ''}</span>
                  <ProgressBar progress={r.progress} label={`${r.runbook.title} progress`} size="sm" />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1.5 text-sm text-muted">None running.</p>
          )}
        </div>
        <div>
          <h3 className="text-xs uppercase tracking-wide text-muted">Scheduled</h3>
          {pending.length ? (
            <ul className="mt-1.5 space-y-1.5">
              {pending.map((s) => {
                const m = STATE[s.status.state];
                return (
                  <li key={s.runbook.id} className="flex items-center justify-between gap-2 text-sm" data-testid={`scheduled-${s.runbook.slug}`}>
                    <span className="min-w-0">
                      <span className={`mr-1.5 text-xs font-medium ${m.cls}`}><span aria-hidden>{m.icon}</span> {m.word}</span>
                      <Link href={`/runbooks/${s.runbook.slug}`} className="hover:underline">{s.runbook.title}</Link>
                      <span className="ml-1 text-xs text-muted">{s.status.schedule} · {s.status.period.key}{s.status.missed ? ` · missed ${s.status.missed}` : ''}</span>
                    </span>
                    {s.status.runId ? (
                      <Link className="btn shrink-0 px-2 py-0.5 text-xs" href={`/checklists/${s.status.runId}`}>Continue</Link>
                    ) : canRun ? (
                      <button type="button" className="btn shrink-0 px-2 py-0.5 text-xs" onClick={() => start.mutate(s.runbook.id)} disabled={start.isPending} aria-label={`Start ${s.runbook.title}`}>Start</button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="mt-1.5 text-sm text-muted">{schedules.data?.length ? 'All scheduled checklists are done for now.' : 'No scheduled checklists.'}</p>
          )}
        </div>
      </div>
    </section>
  );
}
