'use client';

import Link from 'next/link';
import { SeverityBadge } from '@/components/incidents/Badges';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { OverdueTag } from './Badges';
import { useOverdue } from './usePostmortems';

/**
 * Dashboard panel: postmortems past their due date and action items past
 * theirs. Self-contained (its own query); one calm line when nothing is late.
 */
export function OverduePanel() {
  const q = useOverdue();
  const pms = q.data?.postmortems ?? [];
  const items = q.data?.actionItems ?? [];
  const none = q.isSuccess && pms.length === 0 && items.length === 0;
  return (
    <section aria-labelledby="overdue-h" className="card mt-4 p-3" data-testid="overdue-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="overdue-h" className="text-sm font-semibold">Follow-ups</h2>
        <Link href="/postmortems" className="text-xs text-accent hover:underline">All postmortems</Link>
      </div>
      {q.isPending ? (
        <p className="mt-1 text-xs text-muted">Loading…</p>
      ) : q.isError ? (
        <p role="alert" className="mt-1 text-xs text-down">Could not load overdue follow-ups: {q.error.message}</p>
      ) : none ? (
        <p className="mt-1 text-xs text-muted"><span className="text-up" aria-hidden>✔ </span>No postmortem or action item is overdue.</p>
      ) : (
        <div className="mt-2 grid gap-3 md:grid-cols-2">
          <div>
            <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">Overdue postmortems ({pms.length})</h3>
            {pms.length === 0 ? <p className="text-xs text-muted">None.</p> : (
              <ul className="space-y-1 text-sm">
                {pms.slice(0, 6).map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center gap-2">
                    <SeverityBadge severity={p.incident.severity} size="sm" />
                    <Link href={`/postmortems/${p.id}`} className="min-w-0 truncate hover:text-accent hover:underline">#{p.incident.number} {p.incident.title}</Link>
                    <OverdueTag>due {relativeTime(p.dueAt)}</OverdueTag>
                  </li>
                ))}
                {pms.length > 6 ? <li className="text-xs text-muted">and {pms.length - 6} more</li> : null}
              </ul>
            )}
          </div>
          <div>
            <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-muted">Overdue action items ({items.length})</h3>
            {items.length === 0 ? <p className="text-xs text-muted">None.</p> : (
              <ul className="space-y-1 text-sm">
                {items.slice(0, 6).map((a) => (
                  <li key={a.id} className="flex flex-wrap items-center gap-2">
                    <Link href={`/postmortems/${a.postmortem.id}`} className="min-w-0 truncate hover:text-accent hover:underline">{a.title}</Link>
                    <span className="text-xs text-muted">#{a.postmortem.incidentNumber} · {a.owner?.name ?? 'no owner'}</span>
                    <OverdueTag><span title={formatDateTime(`${a.dueDate}T00:00:00Z`)}>due {a.dueDate}</span></OverdueTag>
                  </li>
                ))}
                {items.length > 6 ? <li className="text-xs text-muted">and {items.length - 6} more</li> : null}
              </ul>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
