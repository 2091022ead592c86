'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/components/api/client';
import { formatDateTime } from '@/components/ui/time';

interface Entry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  target: { type: string; id: string | null } | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

function qs(filters: Record<string, string>, extra: Record<string, string> = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) p.set(k, v);
  return p.toString();
}

export function AuditLogView() {
  const [filters, setFilters] = useState({ action: '', actor: '' });
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) => api<{ entries: Entry[]; nextBefore: string | null }>(`/api/v1/audit?${qs(filters, { limit: '100', before: pageParam })}`),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setFilters({ action: String(f.get('action') ?? ''), actor: String(f.get('actor') ?? '') });
        }}
      >
        <div>
          <label className="label" htmlFor="audit-action">Action starts with</label>
          <input id="audit-action" name="action" className="input w-48" placeholder="user." defaultValue={filters.action} />
        </div>
        <div>
          <label className="label" htmlFor="audit-actor">Actor contains</label>
          <input id="audit-actor" name="actor" className="input w-56" placeholder="email or api-key" defaultValue={filters.actor} />
        </div>
        <button className="btn" type="submit">Filter</button>
        <span className="flex-1" />
        <a className="btn" href={`/api/v1/audit?${qs(filters, { format: 'json', limit: '10000' })}`} download="opsdeck-audit.json">Export JSON</a>
        <a className="btn" href={`/api/v1/audit?${qs(filters, { format: 'jsonl' })}`}>Export JSONL</a>
      </form>

      <div className="card overflow-x-auto">
        <table className="table" aria-label="Audit log">
          <thead>
            <tr><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">From</th><th scope="col">Change</th></tr>
          </thead>
          <tbody>
            {log.isPending ? (
              <tr><td colSpan={6} className="text-muted">Loading…</td></tr>
            ) : log.isError ? (
              <tr><td colSpan={6} className="text-down">Could not load the audit log: {log.error.message}</td></tr>
            ) : entries.length === 0 ? (
              <tr><td colSpan={6} className="text-muted">No entries match.</td></tr>
            ) : (
              entries.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap font-mono text-xs">{formatDateTime(e.at)}</td>
                  <td className="max-w-56 truncate" title={e.actor.label}>{e.actor.label}</td>
                  <td className="font-mono text-xs">{e.action}</td>
                  <td className="font-mono text-xs text-muted">{e.target ? `${e.target.type}:${e.target.id?.slice(0, 8) ?? ''}` : '—'}</td>
                  <td className="font-mono text-xs text-muted">{e.ip ?? '—'}</td>
                  <td>
                    {e.before || e.after ? (
                      <details>
                        <summary className="cursor-pointer text-xs text-accent">show</summary>
                        <pre className="mt-1 max-w-xl overflow-x-auto whitespace-pre-wrap text-[11px] text-muted">
                          {JSON.stringify({ before: e.before, after: e.after }, null, 2)}
                        </pre>
                      </details>
                    ) : (
                      <span className="text-muted">—</span>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {log.hasNextPage ? (
        <button type="button" className="btn" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </button>
      ) : null}
    </div>
  );
}
