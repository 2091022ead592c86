'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { formatDateTime } from '@/components/ui/time';
import type { HandoffDraftOut, HandoffOut } from '@/lib/handoffs/types';

const handoffsKey = ['handoffs'] as const;

/** datetime-local value (local time, minutes) ↔ ISO. */
const toLocalInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : undefined);

function HandoffView({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['handoffs', id], queryFn: () => api<{ handoff: HandoffOut }>(`/api/v1/handoffs/${id}`).then((r) => r.handoff) });
  if (q.isPending) return <p className="text-sm text-muted">Loading…</p>;
  if (q.isError) return <p className="text-sm text-down">{q.error.message}</p>;
  return <pre className="whitespace-pre-wrap break-words rounded bg-black/5 p-3 font-mono text-xs">{q.data.body}</pre>;
}

function SavedList() {
  const list = useQuery({ queryKey: handoffsKey, queryFn: () => api<{ handoffs: Omit<HandoffOut, 'body'>[] }>('/api/v1/handoffs').then((r) => r.handoffs) });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="saved-handoffs" className="space-y-2">
      <h2 id="saved-handoffs" className="text-sm font-semibold">Saved hand-offs</h2>
      {list.isPending ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : list.isError ? (
        <p className="text-sm text-down">Could not load hand-offs: {list.error.message}</p>
      ) : list.data.length === 0 ? (
        <p className="text-sm text-muted">None saved yet.</p>
      ) : (
        <ul className="space-y-2">
          {list.data.map((h) => (
            <li key={h.id} className="card p-3">
              <button type="button" className="w-full text-left" aria-expanded={open === h.id} onClick={() => setOpen(open === h.id ? null : h.id)}>
                <div className="font-medium">{h.title}</div>
                <div className="text-xs text-muted">
                  by {h.author} · saved {formatDateTime(h.createdAt)}{h.escalationContact ? ` · escalation: ${h.escalationContact}` : ''}
                </div>
              </button>
              {open === h.id ? <div className="mt-2"><HandoffView id={h.id} /></div> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Composer() {
  const qc = useQueryClient();
  const [error, setError] = useState<ApiClientError | null>(null);
  const [draft, setDraft] = useState<HandoffDraftOut | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const now = new Date();
  const asError = (e: unknown) => setError(e instanceof ApiClientError ? e : new ApiClientError(0, 'Network error', []));

  const generate = useMutation({
    mutationFn: (input: Record<string, string | undefined>) => api<{ draft: HandoffDraftOut }>('/api/v1/handoffs/draft', { method: 'POST', body: input }).then((r) => r.draft),
    onSuccess: (d) => {
      setError(null);
      setSaved(null);
      setDraft(d);
      setTitle(d.title);
      setBody(d.body);
    },
    onError: asError,
  });
  const save = useMutation({
    mutationFn: () =>
      api<{ handoff: HandoffOut }>('/api/v1/handoffs', {
        method: 'POST',
        body: { title, from: draft!.from, to: draft!.to, team: draft!.team, escalationContact: draft!.escalationContact, body },
      }),
    onSuccess: (r) => {
      setError(null);
      setSaved(`Saved “${r.handoff.title}”.`);
      setDraft(null);
      qc.invalidateQueries({ queryKey: handoffsKey });
    },
    onError: asError,
  });

  return (
    <div className="space-y-4">
      <form
        className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-5"
        aria-label="Draft a hand-off"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const get = (k: string) => String(f.get(k) ?? '').trim() || undefined;
          generate.mutate({ from: fromLocalInput(get('from') ?? ''), to: fromLocalInput(get('to') ?? ''), team: get('team'), escalationContact: get('escalationContact') });
        }}
      >
        <div className="sm:col-span-2 lg:col-span-5">
          <h2 className="text-sm font-semibold">Draft a hand-off</h2>
          <p className="text-xs text-muted">The shift window defaults to the last 12 hours. The draft lists open incidents, service status, open alerts, deploys and what was resolved; edit it before saving.</p>
        </div>
        <div>
          <label className="label" htmlFor="ho-from">Shift start</label>
          <input id="ho-from" name="from" type="datetime-local" className="input" defaultValue={toLocalInput(new Date(now.getTime() - 12 * 3600_000))} />
          <FieldError id="ho-from-err" message={error?.field('from')} />
        </div>
        <div>
          <label className="label" htmlFor="ho-to">Shift end</label>
          <input id="ho-to" name="to" type="datetime-local" className="input" defaultValue={toLocalInput(now)} />
          <FieldError id="ho-to-err" message={error?.field('to')} />
        </div>
        <div>
          <label className="label" htmlFor="ho-team">Team (optional)</label>
          <input id="ho-team" name="team" className="input" placeholder="all services" />
        </div>
        <div>
          <label className="label" htmlFor="ho-esc">Escalation contact</label>
          <input id="ho-esc" name="escalationContact" className="input" placeholder="name, phone" />
        </div>
        <div className="flex items-end">
          <button type="submit" className="btn btn-primary w-full" disabled={generate.isPending}>{generate.isPending ? 'Drafting…' : 'Generate draft'}</button>
        </div>
      </form>

      {error && error.issues.length === 0 ? <FormError error={error.message} /> : null}
      {saved ? <p className="text-sm text-up" aria-live="polite">✔ {saved}</p> : null}

      {draft ? (
        <form
          className="card space-y-3 p-4"
          aria-label="Edit the hand-off"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <div className="text-xs text-muted">
            {draft.openIncidents.length} open incident(s) · {draft.services.length} service(s) · {draft.openAlerts.length} open alert(s) · {draft.deploys.length} deploy(s) · {draft.resolvedIncidents.length} resolved
          </div>
          <div>
            <label className="label" htmlFor="ho-title">Title</label>
            <input id="ho-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
            <FieldError id="ho-title-err" message={error?.field('title')} />
          </div>
          <div>
            <label className="label" htmlFor="ho-body">Note (markdown)</label>
            <textarea id="ho-body" className="input min-h-96 font-mono text-xs" value={body} onChange={(e) => setBody(e.target.value)} />
            <FieldError id="ho-body-err" message={error?.field('body')} />
          </div>
          <div className="flex gap-2">
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save hand-off'}</button>
            <button type="button" className="btn" onClick={() => setDraft(null)}>Discard</button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

export function HandoffsPanel({ canWrite }: { canWrite: boolean }) {
  return (
    <div className="space-y-6">
      {canWrite ? <Composer /> : <p className="text-sm text-muted">Drafting and saving hand-offs needs the responder role; you can read saved ones.</p>}
      <SavedList />
    </div>
  );
}
