'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { api } from '@/components/api/client';
import type { OverdueActionItemOut } from '@/lib/postmortems/types';
import { ActionItemStatusText, OverdueTag } from './Badges';

/** Every action item still to do, across postmortems: overdue first, then by due date. */
export function ActionItemsList() {
  const q = useQuery({
    queryKey: ['postmortems', 'action-items', 'open'],
    queryFn: () => api<{ actionItems: OverdueActionItemOut[] }>('/api/v1/action-items?open=true').then((r) => r.actionItems),
    refetchInterval: 15_000,
  });
  if (q.isPending) return <p className="text-muted">Loading action items…</p>;
  if (q.isError) return <p role="alert" className="text-down">Could not load action items: {q.error.message}</p>;
  const items = [...q.data].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  if (items.length === 0) {
    return (
      <div className="card p-5 text-sm" data-testid="action-items-empty">
        <p className="font-medium">No action item is open.</p>
        <p className="mt-1 text-muted">Action items are added on a postmortem’s review page, with an owner and a due date.</p>
      </div>
    );
  }
  return (
    <div className="card overflow-x-auto">
      <table className="table" data-testid="open-action-items">
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Incident</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} className={a.overdue ? 'bg-down/5' : undefined}>
              <td className="min-w-56">
                <Link href={`/postmortems/${a.postmortem.id}`} className="font-medium hover:text-accent hover:underline">{a.title}</Link>
                {a.link ? <a href={a.link} target="_blank" rel="noreferrer noopener" className="ml-2 text-xs text-accent hover:underline">link ↗</a> : null}
              </td>
              <td className="text-sm"><span className="font-mono text-muted">#{a.postmortem.incidentNumber}</span> {a.postmortem.incidentTitle}</td>
              <td className="text-sm">{a.owner?.name ?? <span className="text-muted">nobody</span>}</td>
              <td className="whitespace-nowrap text-sm">
                {a.dueDate ?? <span className="text-muted">—</span>}
                {a.overdue ? <div><OverdueTag /></div> : null}
              </td>
              <td className="text-sm"><ActionItemStatusText status={a.status} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
