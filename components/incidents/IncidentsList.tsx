'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { useNow } from '@/components/services/useNow';
import { StatusText } from '@/components/ui/StatusBadge';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import type { SeverityLevel } from '@/lib/incidents/policy';
import { IncidentStatusBadge, SeverityBadge } from './Badges';
import { ClockSummary, liveClocks } from './Clocks';
import { DeclareIncidentForm } from './DeclareIncidentForm';
import type { IncidentListState } from './keys';
import { useIncidents } from './useIncidents';
import { useSeverityPolicy } from './useSeverityPolicy';
import { SegmentedTabs } from '@/components/ui/SegmentedTabs';

const TABS: { value: IncidentListState; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

export function IncidentsList({ canDeclare }: { canDeclare: boolean }) {
  const [state, setState] = useState<IncidentListState>('open');
  // `/incidents?declare=<serviceId>` (from a service page, the dashboard or an
  // alert) opens the form with that service already chosen.
  const params = useSearchParams();
  const declareFor = params.get('declare');
  const alertId = params.get('alert');
  const fromAlert = alertId ? { id: alertId, title: (params.get('title') ?? '').slice(0, 200) } : undefined;
  const [declaring, setDeclaring] = useState(canDeclare && declareFor !== null);
  const incidents = useIncidents(state);
  const policy = useSeverityPolicy();
  const now = useNow(1_000);
  const level = (s: string): SeverityLevel | undefined => policy.data?.find((l) => l.level === s);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SegmentedTabs label="Which incidents" tabs={TABS} value={state} onChange={setState} />
        {canDeclare && !declaring ? (
          <button type="button" className="btn btn-danger" onClick={() => setDeclaring(true)} data-testid="declare-open">
            <span aria-hidden>⚑</span> Declare incident
          </button>
        ) : null}
      </div>

      {declaring ? <DeclareIncidentForm onCancel={() => setDeclaring(false)} initialServiceIds={declareFor && declareFor !== '1' ? [declareFor] : []} fromAlert={fromAlert} /> : null}

      {incidents.isPending ? (
        <p className="text-muted">Loading incidents…</p>
      ) : incidents.isError ? (
        <p role="alert" className="text-down">Could not load incidents: {incidents.error.message}</p>
      ) : incidents.data.length === 0 ? (
        <div className="card p-5 text-sm" data-testid="incidents-empty">
          <p className="flex items-center gap-2 font-medium text-up">
            <span aria-hidden>●</span> {state === 'open' ? 'No open incidents.' : 'No incidents here yet.'}
          </p>
          {state === 'open' ? <p className="mt-1 text-muted">When something breaks, a commander declares an incident here; everyone sees it at once.</p> : null}
        </div>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table" data-testid="incidents-table">
            <thead>
              <tr>
                <th scope="col" className="w-16">#</th>
                <th scope="col">Severity</th>
                <th scope="col">Incident</th>
                <th scope="col">Status</th>
                <th scope="col">Clocks</th>
                <th scope="col">Commander</th>
              </tr>
            </thead>
            <tbody>
              {incidents.data.map((i) => {
                const clocks = liveClocks(i, level(i.severity), now);
                return (
                  <tr key={i.id} data-incident-id={i.id} className={clocks.overdue ? 'bg-down/5' : undefined}>
                    <td className="font-mono text-muted">#{i.number}</td>
                    <td><SeverityBadge severity={i.severity} name={level(i.severity)?.name} size="sm" /></td>
                    <td className="min-w-64">
                      <Link href={`/incidents/${i.id}`} className="font-medium hover:text-accent hover:underline">{i.title}</Link>
                      <div className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted">
                        <span title={formatDateTime(i.declaredAt)}>declared {relativeTime(i.declaredAt, now)} by {i.declaredBy}</span>
                        {i.services.map((s) => (
                          <StatusText key={s.id} status={s.status}>
                            <span className="text-fg">{s.name}</span>
                          </StatusText>
                        ))}
                      </div>
                    </td>
                    <td><IncidentStatusBadge status={i.status} size="sm" /></td>
                    <td className="whitespace-nowrap"><ClockSummary clocks={clocks} acknowledged={!!i.acknowledgedAt} /></td>
                    <td className="text-sm">{i.commander ? i.commander.name : <span className="text-muted">nobody</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
