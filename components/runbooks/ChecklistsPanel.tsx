'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/components/api/client';
import { FormError } from '@/components/ui/FieldError';
import type { RunbookOut, RunbookSuggestion, RunOut, RunRef } from '@/lib/runbooks/types';
import { incidentChecklistsKey, LIST_MS, runbooksKey } from './keys';
import { ProgressBar } from './ProgressBar';

/**
 * The incident's checklists: runs in progress with their progress, the
 * runbooks the incident's signals call for, and any other runbook to start.
 */
export function ChecklistsPanel({ incidentId, canRun, closed }: { incidentId: string; canRun: boolean; closed: boolean }) {
  const router = useRouter();
  const q = useQuery({
    queryKey: incidentChecklistsKey(incidentId),
    queryFn: () => api<{ suggestions: RunbookSuggestion[]; runs: RunRef[] }>(`/api/v1/incidents/${incidentId}/runbooks`),
    refetchInterval: LIST_MS,
  });
  const [picking, setPicking] = useState(false);
  const [other, setOther] = useState('');
  const all = useQuery({ queryKey: runbooksKey, queryFn: () => api<{ runbooks: RunbookOut[] }>('/api/v1/runbooks').then((r) => r.runbooks), enabled: picking });
  const start = useMutation({
    mutationFn: (runbookId: string) => api<{ run: RunOut }>('/api/v1/checklists', { method: 'POST', body: { runbookId, incidentId } }),
    onSuccess: (r) => router.push(`/checklists/${r.run.id}`),
  });
  const runs = q.data?.runs ?? [];
  // A runbook already running in this incident is not suggested again.
  const running = new Set(runs.filter((r) => !r.completedAt).map((r) => r.runbook.id));
  const suggestions = (q.data?.suggestions ?? []).filter((s) => !running.has(s.id));
  const startable = canRun && !closed;

  return (
    <section className="card p-3" aria-labelledby="checklists-h" data-testid="checklists-panel">
      <h2 id="checklists-h" className="text-xs font-semibold uppercase tracking-wide text-muted">Checklists</h2>
      {q.isLoading ? <p className="mt-2 text-sm text-muted">Loading…</p> : null}
      {runs.length ? (
        <ul className="mt-2 space-y-2.5">
          {runs.map((r) => (
            <li key={r.id} data-testid="incident-run">
              <Link href={`/checklists/${r.id}`} className="text-sm font-medium hover:underline">{r.runbook.title}</Link>
              <span className="ml-1 text-xs text-muted">v{r.runbook.version} · {r.startedBy}</span>
              <div className="mt-1"><ProgressBar progress={r.progress} label={`${r.runbook.title} progress`} size="sm" /></div>
            </li>
          ))}
        </ul>
      ) : q.data ? (
        <p className="mt-2 text-sm text-muted">No checklist started yet.</p>
      ) : null}

      {startable ? (
        <div className="mt-3 border-t border-line pt-2.5">
          <p className="text-xs text-muted">Suggested for this incident</p>
          {suggestions.length ? (
            <ul className="mt-1.5 space-y-1.5">
              {suggestions.map((s) => (
                <li key={s.id} className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Link href={`/runbooks/${s.slug}`} className="text-sm hover:underline">{s.title}</Link>
                    <p className="text-[11px] text-muted">{s.reasons.join(' · ')}</p>
                  </div>
                  <button type="button" className="btn shrink-0 px-2 py-0.5 text-xs" onClick={() => start.mutate(s.id)} disabled={start.isPending} data-testid={`start-runbook-${s.slug}`} aria-label={`Start ${s.title}`}>
                    Start
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-muted">Nothing stands out from the signals.</p>
          )}
          {picking ? (
            <form
              className="mt-2 flex gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (other) start.mutate(other);
              }}
            >
              <label className="sr-only" htmlFor="other-runbook">Runbook</label>
              <select id="other-runbook" className="input py-1 text-sm" value={other} onChange={(e) => setOther(e.target.value)} data-testid="other-runbook">
                <option value="">Choose a runbook…</option>
                {(all.data ?? []).filter((r) => !r.schedule).map((r) => (
                  <option key={r.id} value={r.id}>{r.title}</option>
                ))}
              </select>
              <button type="submit" className="btn btn-primary py-1 text-sm" disabled={!other || start.isPending}>Start</button>
            </form>
          ) : (
            <button type="button" className="mt-2 text-xs text-accent hover:underline" onClick={() => setPicking(true)}>Start another runbook…</button>
          )}
          {start.error ? <div className="mt-2"><FormError error={start.error.message} /></div> : null}
        </div>
      ) : null}
    </section>
  );
}
