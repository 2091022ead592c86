'use client';

import { useState } from 'react';
import { FormError } from '@/components/ui/FieldError';
import { isOpen, transitionLabel, type IncidentStatus } from '@/lib/incidents/lifecycle';
import { SEVERITIES, type Severity } from '@/lib/incidents/policy';
import type { IncidentOut } from '@/lib/incidents/types';
import { INCIDENT_STATUS_META, SeverityBadge } from './Badges';
import { useIncidentAction } from './useIncidentAction';

/** The allowed status moves as buttons, with an optional note that goes on the timeline. */
export function StatusControls({ incident }: { incident: IncidentOut }) {
  const [reason, setReason] = useState('');
  const move = useIncidentAction(incident.id, (status: IncidentStatus) => ({
    path: `/api/v1/incidents/${incident.id}`,
    method: 'PATCH',
    body: { status, reason: reason.trim() || undefined },
  }));
  if (incident.allowedTransitions.length === 0) return null;
  return (
    <section aria-labelledby="status-h" className="card space-y-2 p-3">
      <h2 id="status-h" className="label">Move to</h2>
      <div className="flex flex-wrap gap-2">
        {incident.allowedTransitions.map((to) => {
          const m = INCIDENT_STATUS_META[to];
          const strong = to === 'resolved' || (incident.status === 'resolved' && to === 'closed');
          return (
            <button
              key={to}
              type="button"
              className={`btn ${strong ? 'btn-primary' : ''}`}
              disabled={move.isPending}
              onClick={() => move.mutate(to, { onSuccess: () => setReason('') })}
              data-testid={`move-${to}`}
            >
              <span aria-hidden className={m.text}>{m.icon}</span>
              {transitionLabel(incident.status, to)}
            </button>
          );
        })}
      </div>
      <label className="sr-only" htmlFor="status-reason">Note for the timeline</label>
      <input id="status-reason" className="input py-1 text-xs" placeholder="Note for the timeline (optional), e.g. the cause" value={reason} onChange={(e) => setReason(e.target.value)} />
      <FormError error={move.error?.message} />
    </section>
  );
}

/** Severity change: another level and a reason, both required. The live suggestion can fill them. */
export function SeverityControl({ incident }: { incident: IncidentOut }) {
  const others = SEVERITIES.filter((s) => s !== incident.severity);
  const [level, setLevel] = useState<Severity | ''>('');
  const [reason, setReason] = useState('');
  const change = useIncidentAction(incident.id, (v: { severity: Severity; reason: string }) => ({ path: `/api/v1/incidents/${incident.id}`, method: 'PATCH', body: v }));
  const s = incident.suggestion;
  // Live signals matter while the incident runs; afterwards they describe something else.
  const suggestDiffers = s && s.level !== incident.severity && isOpen(incident.status);
  return (
    <section aria-labelledby="sev-h" className="card space-y-2 p-3">
      <h2 id="sev-h" className="label flex items-center gap-2">Severity <SeverityBadge severity={incident.severity} name={incident.policy.name} size="sm" /></h2>
      {suggestDiffers ? (
        <div className="rounded border border-degraded/40 bg-degraded/10 px-2 py-1.5 text-xs" data-testid="severity-suggestion">
          <div className="flex items-center gap-2">
            <span>Live signals suggest</span>
            <SeverityBadge severity={s.level} size="sm" />
            <button type="button" className="ml-auto text-accent hover:underline" onClick={() => { setLevel(s.level); setReason(`Live signals: ${s.reason}`); }}>
              Use {s.level}
            </button>
          </div>
          <p className="mt-0.5 text-muted">{s.reason}</p>
        </div>
      ) : null}
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (level && reason.trim()) change.mutate({ severity: level, reason: reason.trim() }, { onSuccess: () => { setLevel(''); setReason(''); } });
        }}
      >
        <div className="flex gap-2">
          <label className="sr-only" htmlFor="sev-level">New severity</label>
          <select id="sev-level" className="input w-40" value={level} onChange={(e) => setLevel(e.target.value as Severity | '')}>
            <option value="">Change to…</option>
            {others.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
          <button type="submit" className="btn" disabled={!level || !reason.trim() || change.isPending}>Change</button>
        </div>
        {level ? (
          <>
            <label className="sr-only" htmlFor="sev-reason">Reason (required)</label>
            <textarea id="sev-reason" className="input min-h-14 text-xs" placeholder="Why? (required; goes on the timeline)" value={reason} onChange={(e) => setReason(e.target.value)} required />
          </>
        ) : null}
        <FormError error={change.error?.message} />
      </form>
    </section>
  );
}
