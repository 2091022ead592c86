'use client';

import { useState } from 'react';
import { FormError } from '@/components/ui/FieldError';
import { ROLE_LABELS, type IncidentOut, type IncidentRole, type PersonOut } from '@/lib/incidents/types';
import { useIncidentAction } from './useIncidentAction';
import { usePeople } from './usePeople';

type Change = { role: IncidentRole; userId: string; action: 'assign' | 'unassign' };

function Assign({ role, current, people, onAssign, busy }: { role: IncidentRole; current: PersonOut | null; people: { id: string; name: string; role: string }[]; onAssign: (userId: string) => void; busy: boolean }) {
  const [userId, setUserId] = useState('');
  const eligible = people.filter((p) => p.id !== current?.id && (role !== 'commander' || p.role === 'commander' || p.role === 'admin'));
  return (
    <form
      className="mt-1 flex gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        if (userId) onAssign(userId);
        setUserId('');
      }}
    >
      <label className="sr-only" htmlFor={`assign-${role}`}>{current ? `Hand ${ROLE_LABELS[role].toLowerCase()} over to` : `Assign ${ROLE_LABELS[role].toLowerCase()}`}</label>
      <select id={`assign-${role}`} className="input min-w-0 flex-1 py-1 text-xs" value={userId} onChange={(e) => setUserId(e.target.value)}>
        <option value="">{current ? 'Hand over to…' : role === 'responder' ? 'Add a responder…' : 'Assign…'}</option>
        {eligible.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>
      <button type="submit" className="btn shrink-0 whitespace-nowrap py-1 text-xs" disabled={!userId || busy}>{current ? 'Hand over' : 'Assign'}</button>
    </form>
  );
}

/** Who does what: commander, communications lead, scribe (one each), responders (many). */
export function RolesPanel({ incident, canAssign, canJoin, userId }: { incident: IncidentOut; canAssign: boolean; canJoin: boolean; userId: string | null }) {
  const people = usePeople(canAssign);
  const change = useIncidentAction(incident.id, (c: Change) => ({ path: `/api/v1/incidents/${incident.id}/roles`, method: 'POST', body: c }));
  const editable = incident.status !== 'closed';
  const list = people.data ?? [];
  const singles: [IncidentRole, PersonOut | null][] = [
    ['commander', incident.roles.commander],
    ['communications', incident.roles.communications],
    ['scribe', incident.roles.scribe],
  ];
  const joined = !!userId && incident.roles.responders.some((r) => r.id === userId);
  return (
    <section aria-labelledby="roles-h" className="card p-3" data-testid="roles">
      <h2 id="roles-h" className="label">Roles</h2>
      <dl className="space-y-2 text-sm">
        {singles.map(([role, p]) => (
          <div key={role}>
            <dt className="text-xs text-muted">{ROLE_LABELS[role]}</dt>
            <dd data-testid={`role-${role}`}>
              {p ? <span title={p.email}>{p.name}</span> : <span className="text-degraded">▲ nobody</span>}
              {canAssign && editable ? <Assign role={role} current={p} people={list} busy={change.isPending} onAssign={(id) => change.mutate({ role, userId: id, action: 'assign' })} /> : null}
            </dd>
          </div>
        ))}
        <div>
          <dt className="text-xs text-muted">Responders</dt>
          <dd>
            {incident.roles.responders.length === 0 ? <span className="text-muted">none yet</span> : null}
            <ul className="flex flex-wrap gap-1.5">
              {incident.roles.responders.map((r) => (
                <li key={r.id} className="inline-flex items-center gap-1 rounded bg-panel-2 px-1.5 py-0.5 text-xs" title={r.email}>
                  {r.name}
                  {editable && (canAssign || r.id === userId) ? (
                    <button type="button" className="text-muted hover:text-down" aria-label={`Remove ${r.name} as responder`} onClick={() => change.mutate({ role: 'responder', userId: r.id, action: 'unassign' })}>×</button>
                  ) : null}
                </li>
              ))}
            </ul>
            {editable && canJoin && userId && !joined ? (
              <button type="button" className="btn mt-1.5 py-1 text-xs" onClick={() => change.mutate({ role: 'responder', userId, action: 'assign' })}>I’m on it: join as responder</button>
            ) : null}
            {canAssign && editable ? (
              <Assign role="responder" current={null} people={list.filter((p) => !incident.roles.responders.some((r) => r.id === p.id))} busy={change.isPending} onAssign={(id) => change.mutate({ role: 'responder', userId: id, action: 'assign' })} />
            ) : null}
          </dd>
        </div>
      </dl>
      <FormError error={change.error?.message} />
    </section>
  );
}
