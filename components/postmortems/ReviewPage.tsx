'use client';

import Link from 'next/link';
import { useState } from 'react';
import { SeverityBadge } from '@/components/incidents/Badges';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { hasRole, type Role } from '@/lib/auth/roles';
import { allowedMoves, sectionsEditable, transitionLabel, type Transition } from '@/lib/postmortems/states';
import type { PostmortemOut } from '@/lib/postmortems/types';
import { ActionItems } from './ActionItems';
import { OverdueTag, PostmortemStatusBadge } from './Badges';
import { ChecklistsRun, ImpactTable, KeyTimeline, MeasurementCards } from './FactsPane';
import { SectionsPane } from './SectionsPane';
import { usePostmortem } from './usePostmortem';
import { usePostmortemCall } from './useSavePostmortem';

/**
 * The team lead's review: the narrative (editable in place, saving itself)
 * beside what was measured — response times, impact, checklists, the key
 * timeline — then the action items. The status bar moves it through review.
 */
export function ReviewPage({ initial, viewer }: { initial: PostmortemOut; viewer: { role: Role } }) {
  const query = usePostmortem(initial.id, initial);
  const pm = query.data ?? initial;
  const responder = hasRole(viewer.role, 'responder');
  const canEdit = responder && sectionsEditable(pm.status);

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="no-print text-xs text-muted">
            <Link href="/postmortems" className="hover:text-fg hover:underline">Postmortems</Link> / incident #{pm.incident.number}
          </p>
          <h1 className="mt-0.5 text-xl font-semibold tracking-tight">
            Postmortem: <span className="font-mono text-muted">#{pm.incident.number}</span> {pm.incident.title}
          </h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-2 text-sm">
            <SeverityBadge severity={pm.incident.severity} />
            <PostmortemStatusBadge status={pm.status} />
            <span className={pm.overdue ? 'text-down' : 'text-muted'} title={formatDateTime(pm.dueAt)} data-testid="due">
              {pm.status === 'approved' ? `was due ${formatDateTime(pm.dueAt).slice(0, 16)} UTC` : `due ${formatDateTime(pm.dueAt).slice(0, 16)} UTC (${relativeTime(pm.dueAt)})`}
            </span>
            {pm.overdue ? <OverdueTag /> : null}
            <Link href={`/incidents/${pm.incidentId}`} className="no-print text-accent hover:underline">Open the incident</Link>
          </div>
        </div>
        <div className="no-print flex flex-wrap items-center gap-2">
          <a className="btn" href={`/api/v1/postmortems/${pm.id}/export.md`} download data-testid="export-md">Export Markdown</a>
          <button type="button" className="btn" onClick={() => window.print()}>Print</button>
        </div>
      </header>

      <StatusBar pm={pm} role={viewer.role} />

      <div className="print-stack grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-3">
          <h2 className="text-sm font-semibold">Review</h2>
          <SectionsPane pm={pm} canEdit={canEdit} canComment={responder} />
        </div>
        <aside className="min-w-0 space-y-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto lg:pr-1" aria-label="What was measured">
          {pm.status === 'draft' && hasRole(viewer.role, 'commander') ? <Remeasure pm={pm} /> : null}
          <MeasurementCards metrics={pm.metrics} />
          <ImpactTable draft={pm.draft} />
          <ChecklistsRun draft={pm.draft} />
          <KeyTimeline draft={pm.draft} />
        </aside>
      </div>

      <ActionItems pm={pm} canEdit={responder} />
    </div>
  );
}

/** Measure the draft again from the record (late probe results, a corrected timeline). */
function Remeasure({ pm }: { pm: PostmortemOut }) {
  const call = usePostmortemCall(pm.id);
  const [state, setState] = useState<'idle' | 'busy' | 'error'>('idle');
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setState('busy');
    try {
      await call(`/api/v1/incidents/${pm.incidentId}/postmortem`, 'POST');
      setState('idle');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState('error');
    }
  };
  return (
    <div className="no-print flex flex-wrap items-center justify-between gap-2 text-xs text-muted">
      <span>Measured from the record {relativeTime(pm.draft.draftedAt)}.</span>
      <button type="button" className="btn py-0.5 text-xs" onClick={() => void run()} disabled={state === 'busy'} data-testid="remeasure">
        {state === 'busy' ? 'Measuring…' : 'Measure again'}
      </button>
      {error ? <span role="alert" className="w-full text-down">{error}</span> : null}
    </div>
  );
}

const NEXT_STEP: Record<PostmortemOut['status'], string> = {
  draft: 'Write the sections and the action items; a commander submits it for review.',
  in_review: 'Reviewers comment on sections; a commander or admin approves it.',
  approved: 'Approved. Action items are still tracked here until they are done.',
};

function StatusBar({ pm, role }: { pm: PostmortemOut; role: Role }) {
  const call = usePostmortemCall(pm.id);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const moves = allowedMoves(pm.status, role);
  const run = async (move: Transition) => {
    setBusy(true);
    try {
      await call(`/api/v1/postmortems/${pm.id}/transitions`, 'POST', { action: move });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card flex flex-wrap items-center justify-between gap-3 px-3 py-2" data-testid="status-bar">
      <ol className="flex flex-wrap items-center gap-1 text-xs" aria-label="Review progress">
        {(['draft', 'in_review', 'approved'] as const).map((s, i) => {
          const reached = ['draft', 'in_review', 'approved'].indexOf(pm.status) >= i;
          return (
            <li key={s} className="flex items-center gap-1">
              {i > 0 ? <span aria-hidden className="text-muted">→</span> : null}
              <span className={reached ? 'font-medium text-fg' : 'text-muted'} aria-current={pm.status === s ? 'step' : undefined}>
                {s === 'draft' ? 'Draft' : s === 'in_review' ? 'In review' : 'Approved'}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="min-w-0 flex-1 text-xs text-muted">
        {NEXT_STEP[pm.status]}
        {pm.submittedBy && pm.status !== 'draft' ? ` Submitted by ${pm.submittedBy} ${relativeTime(pm.submittedAt)}.` : ''}
        {pm.approvedBy ? <span className="text-up" data-testid="approved-by"> Approved by {pm.approvedBy} at {formatDateTime(pm.approvedAt)}.</span> : null}
      </p>
      <div className="no-print flex items-center gap-2">
        {moves.map((m) => (
          <button key={m} type="button" className={`btn ${m === 'reopen' ? '' : 'btn-primary'}`} disabled={busy} onClick={() => void run(m)} data-testid={`pm-${m}`}>
            {transitionLabel(m)}
          </button>
        ))}
      </div>
      {error ? <p role="alert" className="w-full text-xs text-down">{error}</p> : null}
    </div>
  );
}
