'use client';

import { useState } from 'react';
import { ENDPOINT_KINDS, STATUSES } from '@/lib/probes/types';
import { StatusBadge, STATUS_META } from '@/components/ui/StatusBadge';
import { formatDateTime } from '@/components/ui/time';
import type { ServiceOut } from '@/lib/catalog/types';
import { TimeAgo } from './Ago';
import { useNow } from './useNow';
import { useServiceResults } from './useServiceResults';

/** The most recent raw results, newest first. */
export function ResultsLog({ service, fast }: { service: ServiceOut; fast: boolean }) {
  const [filter, setFilter] = useState({ kind: '', status: '' });
  const results = useServiceResults(service.id, filter, { fast });
  const now = useNow(5_000);
  const urlOf = new Map(service.endpoints.map((e) => [e.id, e.url]));
  const kinds = ENDPOINT_KINDS.filter((k) => service.endpoints.some((e) => e.kind === k));

  return (
    <section aria-labelledby="results-title" className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="results-title" className="text-sm font-semibold">Recent results</h2>
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label className="label" htmlFor="res-kind">Kind</label>
            <select id="res-kind" className="input w-36" value={filter.kind} onChange={(e) => setFilter((f) => ({ ...f, kind: e.target.value }))}>
              <option value="">All</option>
              {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </div>
          <div>
            <label className="label" htmlFor="res-status">Status</label>
            <select id="res-status" className="input w-36" value={filter.status} onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value }))}>
              <option value="">All</option>
              {STATUSES.map((s) => <option key={s} value={s}>{STATUS_META[s].word}</option>)}
            </select>
          </div>
        </div>
      </div>
      <div className="card max-h-[32rem] overflow-auto">
        <table className="table" aria-label="Recent results">
          <thead className="sticky top-0 bg-panel">
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Status</th>
              <th scope="col">HTTP</th>
              <th scope="col">Latency</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {results.isPending ? (
              <tr><td colSpan={6} className="text-muted">Loading…</td></tr>
            ) : results.isError ? (
              <tr><td colSpan={6} className="text-down">Could not load results: {results.error.message}</td></tr>
            ) : results.data.length === 0 ? (
              <tr><td colSpan={6} className="text-muted">{filter.kind || filter.status ? 'No result matches these filters.' : 'No results yet: the first check runs within seconds of adding an endpoint.'}</td></tr>
            ) : (
              results.data.map((r, i) => (
                <tr key={`${r.endpointId}-${r.at}-${i}`}>
                  <td className="whitespace-nowrap font-mono text-xs" title={formatDateTime(r.at)}><TimeAgo iso={r.at} now={now} /></td>
                  <td className="max-w-xs text-xs">
                    <span className="font-mono">{r.kind}</span>
                    <div className="truncate text-muted" title={urlOf.get(r.endpointId)}>{urlOf.get(r.endpointId) ?? 'removed endpoint'}</div>
                  </td>
                  <td><StatusBadge status={r.status} size="sm" /></td>
                  <td className="font-mono text-xs">{r.httpStatus ?? '—'}</td>
                  <td className="whitespace-nowrap font-mono text-xs">{r.latencyMs != null ? `${r.latencyMs} ms` : '—'}</td>
                  <td className="max-w-md text-xs text-down">{r.error ?? ''}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
