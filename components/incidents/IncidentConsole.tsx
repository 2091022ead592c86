'use client';

import Link from 'next/link';
import { FormError } from '@/components/ui/FieldError';
import { IncidentPostmortemLink } from '@/components/postmortems/IncidentPostmortemLink';
import { formatDateTime } from '@/components/ui/time';
import { hasRole, type Role } from '@/lib/auth/roles';
import { computeClocks } from '@/lib/incidents/clocks';
import { isOpen } from '@/lib/incidents/lifecycle';
import type { IncidentOut, TimelineEventOut } from '@/lib/incidents/types';
import { ChecklistsPanel } from '@/components/runbooks/ChecklistsPanel';
import { AffectedServices } from './AffectedServices';
import { IncidentStatusBadge, SeverityBadge } from './Badges';
import { ClocksPanel } from './Clocks';
import { RolesPanel } from './RolesPanel';
import { SeverityControl, StatusControls } from './StatusControls';
import { StatusUpdateForm } from './StatusUpdateForm';
import { TimelinePane } from './TimelinePane';
import { useIncident } from './useIncident';
import { useIncidentAction } from './useIncidentAction';
import { useTicker } from './useTicker';

interface Viewer { role: Role; userId: string | null; label: string }

/**
 * The commander's view: the live timeline on one side; on the other what the
 * services do now, the clocks, the roles and the controls. Everything refreshes
 * every 3 s; the clocks tick every second in the browser.
 */
export function IncidentConsole({ initial, initialEvents, viewer }: { initial: IncidentOut; initialEvents?: TimelineEventOut[]; viewer: Viewer }) {
  const query = useIncident(initial.id, initial);
  const now = useTicker(Date.parse(initial.clocks.now));
  const i = query.data ?? initial;
  const clocks = computeClocks(i, i.policy, now);
  const responder = hasRole(viewer.role, 'responder');
  const commander = hasRole(viewer.role, 'commander');
  const open = isOpen(i.status);
  const ack = useIncidentAction(i.id, () => ({ path: `/api/v1/incidents/${i.id}/acknowledge`, method: 'POST' }));

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs text-muted">
            <Link href="/incidents" className="hover:text-fg hover:underline">Incidents</Link> / #{i.number}
          </p>
          <h1 className="mt-0.5 text-xl font-semibold tracking-tight">
            <span className="mr-2 font-mono text-muted">#{i.number}</span>
            {i.title}
          </h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge severity={i.severity} name={i.policy.name} />
            <IncidentStatusBadge status={i.status} />
            <span className="text-muted" suppressHydrationWarning>
              declared <time dateTime={i.declaredAt} title={formatDateTime(i.declaredAt)}>{formatDateTime(i.declaredAt)}</time> by {i.declaredBy}
            </span>
          </div>
          {i.summary ? <p className="mt-2 max-w-3xl whitespace-pre-line text-sm">{i.summary}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {responder && open && !i.acknowledgedAt ? (
            <button type="button" className={`btn ${clocks.response.state === 'overdue' ? 'btn-danger' : 'btn-primary'}`} onClick={() => ack.mutate(undefined)} disabled={ack.isPending} data-testid="acknowledge">
              <span aria-hidden>✔</span> Acknowledge
            </button>
          ) : null}
          <IncidentPostmortemLink incidentId={i.id} resolved={i.status === 'resolved' || i.status === 'closed'} canCreate={commander} />
          <a className="btn" href={`/api/v1/incidents/${i.id}/export.md`} download>Export Markdown</a>
          <a className="btn" href={`/api/v1/incidents/${i.id}/evidence.jsonl`} download>Evidence (JSONL)</a>
        </div>
      </header>
      <FormError error={ack.error?.message} />
      {query.isError ? <p role="status" className="text-xs text-degraded">▲ Live updates paused: {query.error.message}</p> : null}
      {/* On a phone the clocks come before the long timeline. */}
      <div className="lg:hidden">
        <ClocksPanel clocks={clocks} acknowledgedBy={i.acknowledgedBy} idPrefix="clocks-top" />
      </div>

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <TimelinePane incidentId={i.id} initialEvents={initialEvents} canWrite={responder} canCorrectAll={commander} actorLabel={viewer.label} closed={i.status === 'closed'} />
        <aside className="space-y-3" aria-label="Incident state and controls">
          <div className="hidden lg:block">
            <ClocksPanel clocks={clocks} acknowledgedBy={i.acknowledgedBy} />
          </div>
          <AffectedServices services={i.services} />
          <ChecklistsPanel incidentId={i.id} canRun={responder} closed={i.status === 'closed'} />
          {commander ? <StatusControls incident={i} /> : null}
          {commander && i.status !== 'closed' ? <SeverityControl incident={i} /> : null}
          {responder && i.status !== 'closed' ? <StatusUpdateForm incident={i} /> : null}
          <RolesPanel incident={i} canAssign={commander} canJoin={responder} userId={viewer.userId} />
        </aside>
      </div>
    </div>
  );
}
