'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { STATUSES, type Status } from '@/lib/probes/types';
import type { ServiceOut } from '@/lib/catalog/types';
import { StatusBadge, StatusText, STATUS_META } from '@/components/ui/StatusBadge';
import { AddServiceHelp } from './AddServiceHelp';
import { TimeAgo } from './Ago';
import { useNow } from './useNow';
import { useServices } from './useServices';

interface Filters {
  environment: string;
  team: string;
  status: string;
  q: string;
}
const NO_FILTERS: Filters = { environment: '', team: '', status: '', q: '' };

function matches(s: ServiceOut, f: Filters): boolean {
  if (f.environment && s.environment !== f.environment) return false;
  if (f.team && (s.team ?? '') !== f.team) return false;
  if (f.status && s.status !== f.status) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    const hay = [s.name, s.description ?? '', s.team ?? '', ...s.tags, ...s.endpoints.map((e) => e.url)].join('\n').toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();

/** "● 3 ✖ 1": endpoints per status, worst first, zeros left out. */
function EndpointCounts({ service }: { service: ServiceOut }) {
  const enabled = service.endpoints.filter((e) => e.enabled);
  const disabled = service.endpoints.length - enabled.length;
  const order: Status[] = ['down', 'degraded', 'unknown', 'up'];
  const counts = order.map((s) => [s, enabled.filter((e) => e.status === s).length] as const).filter(([, n]) => n > 0);
  if (service.endpoints.length === 0) return <span className="text-muted">none</span>;
  return (
    <span className="flex flex-wrap gap-x-2.5 gap-y-0.5">
      {counts.map(([s, n]) => (
        <StatusText key={s} status={s}>
          {n}
          <span className="sr-only"> {STATUS_META[s].word.toLowerCase()}</span>
        </StatusText>
      ))}
      {disabled > 0 ? <span className="text-muted" title="disabled endpoints are not checked">⏸ {disabled}<span className="sr-only"> disabled</span></span> : null}
    </span>
  );
}

export function ServicesList({ canAdmin }: { canAdmin: boolean }) {
  const services = useServices();
  const now = useNow(5_000);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const all = useMemo(() => services.data ?? [], [services.data]);
  const shown = useMemo(() => all.filter((s) => matches(s, filters)), [all, filters]);
  const environments = useMemo(() => distinct(all.map((s) => s.environment)), [all]);
  const teams = useMemo(() => distinct(all.map((s) => s.team)), [all]);
  const filtered = Object.values(filters).some(Boolean);
  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setFilters((f) => ({ ...f, [k]: e.target.value }));

  if (services.isPending) return <p className="text-muted">Loading services…</p>;
  if (services.isError) return <p role="alert" className="text-down">Could not load services: {services.error.message}</p>;
  if (all.length === 0) return <AddServiceHelp canAdmin={canAdmin} />;

  const byStatus = STATUSES.map((s) => [s, all.filter((x) => x.status === s).length] as const);

  return (
    <div className="space-y-4">
      <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter services" onSubmit={(e) => e.preventDefault()}>
        <div className="w-64">
          <label className="label" htmlFor="svc-q">Search</label>
          <input id="svc-q" className="input" type="search" placeholder="name, tag, URL…" value={filters.q} onChange={set('q')} />
        </div>
        <div>
          <label className="label" htmlFor="svc-env">Environment</label>
          <select id="svc-env" className="input w-40" value={filters.environment} onChange={set('environment')}>
            <option value="">All</option>
            {environments.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="svc-team">Team</label>
          <select id="svc-team" className="input w-40" value={filters.team} onChange={set('team')}>
            <option value="">All</option>
            {teams.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div>
          <label className="label" htmlFor="svc-status">Status</label>
          <select id="svc-status" className="input w-36" value={filters.status} onChange={set('status')}>
            <option value="">All</option>
            {STATUSES.map((s) => <option key={s} value={s}>{STATUS_META[s].word}</option>)}
          </select>
        </div>
        {filtered ? <button type="button" className="btn" onClick={() => setFilters(NO_FILTERS)}>Clear filters</button> : null}
        <span className="flex-1" />
        <p className="flex gap-3 text-xs" aria-label="Services by status">
          {byStatus.map(([s, n]) => (
            <StatusText key={s} status={s}>{n} {STATUS_META[s].word.toLowerCase()}</StatusText>
          ))}
        </p>
      </form>

      <div className="card overflow-x-auto">
        <table className="table" aria-label="Services">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Environment</th>
              <th scope="col">Team</th>
              <th scope="col">Status</th>
              <th scope="col">Endpoints</th>
              <th scope="col">Last checked</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={6} className="text-muted">
                  No service matches these filters.{' '}
                  <button type="button" className="text-accent underline-offset-2 hover:underline" onClick={() => setFilters(NO_FILTERS)}>Clear filters</button>
                </td>
              </tr>
            ) : (
              shown.map((s) => (
                <tr key={s.id} data-testid="service-row">
                  <td className="max-w-sm">
                    <Link href={`/services/${s.id}`} className="font-medium hover:text-accent hover:underline">{s.name}</Link>
                    {s.description ? <div className="truncate text-xs text-muted" title={s.description}>{s.description}</div> : null}
                    {s.tags.length > 0 ? (
                      <div className="mt-0.5 flex flex-wrap gap-1">
                        {s.tags.map((t) => <span key={t} className="rounded bg-panel-2 px-1.5 text-[11px] text-muted">{t}</span>)}
                      </div>
                    ) : null}
                  </td>
                  <td className="font-mono text-xs">{s.environment}</td>
                  <td>{s.team ?? <span className="text-muted">—</span>}</td>
                  <td><StatusBadge status={s.status} /></td>
                  <td><EndpointCounts service={s} /></td>
                  <td className="whitespace-nowrap text-muted"><TimeAgo iso={s.lastCheckedAt} now={now} /></td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {canAdmin ? null : <p className="text-xs text-muted">Adding and changing services needs the admin role.</p>}
    </div>
  );
}
