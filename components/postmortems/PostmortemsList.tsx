'use client';

import Link from 'next/link';
import { useState } from 'react';
import { SeverityBadge } from '@/components/incidents/Badges';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { ActionItemsList } from './ActionItemsList';
import { OverdueTag, PostmortemStatusBadge } from './Badges';
import { usePostmortems } from './usePostmortems';
import { SegmentedTabs } from '@/components/ui/SegmentedTabs';

/** All postmortems, soonest due first; overdue ones marked in red with the word. */
type Tab = 'all' | 'overdue' | 'actions';

export function PostmortemsList() {
  const [tab, setTab] = useState<Tab>('all');
  const overdue = tab === 'overdue';
  const list = usePostmortems(overdue);
  return (
    <div className="space-y-4">
      <SegmentedTabs
        label="Which postmortems"
        value={tab}
        onChange={setTab}
        tabs={[
          { value: 'all', label: 'All' },
          { value: 'overdue', label: 'Overdue' },
          { value: 'actions', label: 'Open action items' },
        ]}
      />
      {tab === 'actions' ? (
        <ActionItemsList />
      ) : list.isPending ? (
        <p className="text-muted">Loading postmortems…</p>
      ) : list.isError ? (
        <p role="alert" className="text-down">Could not load postmortems: {list.error.message}</p>
      ) : list.data.length === 0 ? (
        <div className="card p-5 text-sm" data-testid="postmortems-empty">
          <p className="font-medium">{overdue ? 'Nothing is overdue.' : 'No postmortems yet.'}</p>
          <p className="mt-1 text-muted">A postmortem is drafted when an incident whose severity requires one is resolved; a commander can also create one from any resolved incident.</p>
        </div>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table" data-testid="postmortems-table">
            <thead>
              <tr>
                <th scope="col" className="w-16">#</th>
                <th scope="col">Severity</th>
                <th scope="col">Incident</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col" className="text-right">Open action items</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((p) => (
                <tr key={p.id} data-postmortem-id={p.id} className={p.overdue ? 'bg-down/5' : undefined}>
                  <td className="font-mono text-muted">#{p.incident.number}</td>
                  <td><SeverityBadge severity={p.incident.severity} size="sm" /></td>
                  <td className="min-w-64">
                    <Link href={`/postmortems/${p.id}`} className="font-medium hover:text-accent hover:underline">{p.incident.title}</Link>
                  </td>
                  <td><PostmortemStatusBadge status={p.status} /></td>
                  <td className="whitespace-nowrap">
                    <span title={formatDateTime(p.dueAt)} className={p.overdue ? 'text-down' : undefined}>{p.status === 'approved' ? `approved ${relativeTime(p.approvedAt)}` : p.overdue ? `was due ${relativeTime(p.dueAt)}` : `due ${relativeTime(p.dueAt)}`}</span>
                    {p.overdue ? <span className="ml-2"><OverdueTag /></span> : null}
                    <div className="text-xs text-muted">{formatDateTime(p.dueAt).slice(0, 16)} UTC</div>
                  </td>
                  <td className="text-right tabular-nums">
                    {p.actionItems.open}
                    <span className="text-muted"> / {p.actionItems.total}</span>
                    {p.actionItems.overdue ? <div><OverdueTag>{p.actionItems.overdue} overdue</OverdueTag></div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
