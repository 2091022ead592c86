'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/components/api/client';
import { FormError } from '@/components/ui/FieldError';
import { formatDateTime } from '@/components/ui/time';
import type { RunbookDetailOut, RunOut, RunRef } from '@/lib/runbooks/types';
import { LIST_MS } from './keys';
import { ProgressBar } from './ProgressBar';
import { RunbookDoc } from './RunbookDoc';

interface ServiceRef { id: string; name: string; environment: string }

/** A runbook read as a document, with its versions, export and "start a run". */
export function RunbookView({ runbook, canRun, canAuthor }: { runbook: RunbookDetailOut; canRun: boolean; canAuthor: boolean }) {
  const router = useRouter();
  const [serviceId, setServiceId] = useState('');
  const needsService = runbook.steps.some((s) => s.type === 'verify');
  const services = useQuery({ queryKey: ['services', 'refs'], queryFn: () => api<{ services: ServiceRef[] }>('/api/v1/services').then((r) => r.services), enabled: canRun && needsService });
  const start = useMutation({
    mutationFn: () => api<{ run: RunOut }>('/api/v1/checklists', { method: 'POST', body: { runbookId: runbook.id, version: runbook.shownVersion, ...(serviceId ? { serviceId } : {}) } }),
    onSuccess: (r) => router.push(`/checklists/${r.run.id}`),
  });
  const runs = useQuery({ queryKey: ['checklists', 'runbook', runbook.id], queryFn: () => api<{ runs: RunRef[] }>(`/api/v1/checklists?runbookId=${runbook.id}&limit=5`).then((r) => r.runs), refetchInterval: LIST_MS });
  const old = runbook.shownVersion !== runbook.currentVersion;
  const exportHref = (format: string) => `/api/v1/runbooks/${runbook.slug}/export?format=${format}&version=${runbook.shownVersion}`;

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0">
        {old ? (
          <p role="status" className="mb-3 rounded-md border border-degraded/40 bg-degraded/10 px-3 py-2 text-sm text-degraded">
            ▲ You are reading version {runbook.shownVersion}. The current one is <Link className="underline" href={`/runbooks/${runbook.slug}`}>version {runbook.currentVersion}</Link>.
          </p>
        ) : null}
        <RunbookDoc def={runbook} />
      </div>
      <aside className="space-y-3">
        {canRun ? (
          <section className="card space-y-2 p-3">
            <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">Run it</h2>
            {needsService ? (
              <>
                <label className="label" htmlFor="run-service">Service its verifications check</label>
                <select id="run-service" className="input" value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                  <option value="">{runbook.services?.length ? `As the runbook says (${runbook.services.join(', ')})` : 'None (verify by hand)'}</option>
                  {(services.data ?? []).map((s) => (
                    <option key={s.id} value={s.id}>{s.name} ({s.environment})</option>
                  ))}
                </select>
              </>
            ) : null}
            <button type="button" className="btn btn-primary w-full" onClick={() => start.mutate()} disabled={start.isPending} data-testid="start-run">
              ▶ Start a checklist{old ? ` (v${runbook.shownVersion})` : ''}
            </button>
            <p className="text-xs text-muted">Inside an incident, start it from the incident so every step lands on its timeline.</p>
            {start.error ? <FormError error={start.error.message} /> : null}
          </section>
        ) : null}
        <section className="card space-y-1.5 p-3 text-sm">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">File</h2>
          <div className="flex flex-wrap gap-2">
            <a className="btn py-1" href={exportHref('yaml')} download>Export YAML</a>
            <a className="btn py-1" href={exportHref('markdown')} download>Export Markdown</a>
            {canAuthor ? <Link className="btn py-1" href={`/runbooks/${runbook.slug}/edit`} data-testid="edit-runbook">Edit</Link> : null}
          </div>
          <p className="text-xs text-muted">slug <code className="font-mono">{runbook.slug}</code>{runbook.builtin ? ' · built-in' : ''}</p>
        </section>
        {runs.data?.length ? (
          <section className="card p-3">
            <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">Recent runs</h2>
            <ul className="mt-1.5 space-y-2" data-testid="recent-runs">
              {runs.data.map((r) => (
                <li key={r.id}>
                  <Link className="text-sm hover:underline" href={`/checklists/${r.id}`}>
                    {r.incident ? `#${r.incident.number} ${r.incident.title}` : r.scheduleOccurrence ?? formatDateTime(r.startedAt)}
                  </Link>
                  <span className="ml-1 text-xs text-muted">v{r.runbook.version}</span>
                  <ProgressBar progress={r.progress} label={`Run of ${formatDateTime(r.startedAt)}`} size="sm" />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section className="card p-3">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">Versions</h2>
          <ol className="mt-1.5 space-y-1 text-sm" data-testid="versions">
            {runbook.versions.map((v) => (
              <li key={v.version} className="flex items-baseline justify-between gap-2">
                {v.version === runbook.shownVersion ? (
                  <span className="font-medium">v{v.version}{v.version === runbook.currentVersion ? ' (current)' : ''}</span>
                ) : (
                  <Link className="text-accent hover:underline" href={`/runbooks/${runbook.slug}?version=${v.version}`}>v{v.version}{v.version === runbook.currentVersion ? ' (current)' : ''}</Link>
                )}
                <span className="truncate text-xs text-muted" title={formatDateTime(v.createdAt)}>{v.createdBy} · {v.createdAt.slice(0, 10)}</span>
              </li>
            ))}
          </ol>
        </section>
      </aside>
    </div>
  );
}
