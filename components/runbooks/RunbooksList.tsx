'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '@/components/api/client';
import type { RunbookOut, ScheduledChecklistOut } from '@/lib/runbooks/types';
import { LIST_MS, runbooksKey, schedulesKey } from './keys';
import { SeverityHint } from './StepBits';

const SCHEDULE_WORDS = { overdue: 'overdue', due: 'due', in_progress: 'in progress', done: 'done' } as const;

export function RunbooksList({ initial }: { initial: RunbookOut[] }) {
  const q = useQuery({ queryKey: runbooksKey, queryFn: () => api<{ runbooks: RunbookOut[] }>('/api/v1/runbooks').then((r) => r.runbooks), initialData: initial });
  const schedules = useQuery({ queryKey: schedulesKey, queryFn: () => api<{ schedules: ScheduledChecklistOut[] }>('/api/v1/runbooks/schedules').then((r) => r.schedules), refetchInterval: LIST_MS });
  const [search, setSearch] = useState('');
  const bySlug = useMemo(() => new Map((schedules.data ?? []).map((s) => [s.runbook.slug, s.status])), [schedules.data]);
  const needle = search.trim().toLowerCase();
  const rows = (q.data ?? []).filter(
    (r) => !needle || [r.title, r.slug, r.summary ?? '', r.whenToUse ?? '', ...(r.symptoms ?? [])].some((t) => t.toLowerCase().includes(needle)),
  );
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <label htmlFor="runbook-search" className="sr-only">Search runbooks</label>
        <input id="runbook-search" className="input max-w-md" type="search" placeholder="Search by title, symptom, words in “when to use”…" value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className="text-xs text-muted" role="status">{rows.length} of {q.data?.length ?? 0}</span>
      </div>
      <div className="card overflow-x-auto">
        <table className="table w-full" data-testid="runbooks-table">
          <thead>
            <tr>
              <th className="text-left">Runbook</th>
              <th className="text-left">Severity</th>
              <th className="text-left">Symptoms</th>
              <th className="text-left">Schedule</th>
              <th className="text-right">Steps</th>
              <th className="text-right">Version</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const st = bySlug.get(r.slug);
              return (
                <tr key={r.id} data-testid={`runbook-row-${r.slug}`}>
                  <td className="max-w-xl">
                    <Link href={`/runbooks/${r.slug}`} className="font-medium hover:underline">{r.title}</Link>
                    {r.builtin ? <span className="ml-2 rounded bg-panel-2 px-1 text-[10px] uppercase tracking-wide text-muted">built-in</span> : null}
                    {r.summary ? <p className="line-clamp-2 text-xs text-muted">{r.summary}</p> : null}
                  </td>
                  <td><SeverityHint hint={r.severityHint} /></td>
                  <td className="text-xs text-muted">{(r.symptoms ?? []).join(', ')}</td>
                  <td className="whitespace-nowrap text-xs">
                    {r.schedule ? (
                      <span>
                        ⟳ {r.schedule}
                        {st ? <span className={`ml-1 ${st.state === 'overdue' ? 'text-down' : st.state === 'due' ? 'text-degraded' : st.state === 'done' ? 'text-up' : 'text-muted'}`}>· {st.state === 'overdue' ? '✖ ' : st.state === 'done' ? '✔ ' : ''}{SCHEDULE_WORDS[st.state]}</span> : null}
                      </span>
                    ) : <span className="text-muted">—</span>}
                  </td>
                  <td className="text-right tabular-nums">{r.steps.length}</td>
                  <td className="text-right tabular-nums text-muted">v{r.version}</td>
                </tr>
              );
            })}
            {!rows.length ? (
              <tr><td colSpan={6} className="py-6 text-center text-sm text-muted">No runbook matches “{search}”.</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
