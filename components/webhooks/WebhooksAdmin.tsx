'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from '@/lib/webhooks/events';
import { deliveriesKey, useDeliveries, useWebhooks, webhooksKey, type WebhookOut } from './useWebhooks';

type FormBody = { name: string; url: string; format: 'json' | 'slack'; events: WebhookEvent[]; enabled?: boolean; secret?: string | null };

function WebhookForm({ existing, onDone }: { existing?: WebhookOut; onDone: () => void }) {
  const qc = useQueryClient();
  const [error, setError] = useState<ApiClientError | null>(null);
  const [clearSecret, setClearSecret] = useState(false);
  const save = useMutation({
    mutationFn: (body: FormBody) =>
      existing ? api(`/api/v1/webhooks/${existing.id}`, { method: 'PATCH', body }) : api('/api/v1/webhooks', { method: 'POST', body }),
    onSuccess: () => {
      setError(null);
      qc.invalidateQueries({ queryKey: webhooksKey });
      onDone();
    },
    onError: (e) => setError(e instanceof ApiClientError ? e : new ApiClientError(0, 'Network error', [])),
  });
  const p = existing ? `edit-${existing.id}` : 'new';
  return (
    <form
      className="card grid gap-3 p-4 sm:grid-cols-2"
      aria-label={existing ? `Edit webhook ${existing.name}` : 'Add a webhook'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const secret = String(f.get('secret') ?? '');
        const body: FormBody = {
          name: String(f.get('name') ?? ''),
          url: String(f.get('url') ?? ''),
          format: String(f.get('format')) === 'slack' ? 'slack' : 'json',
          events: f.getAll('events').map(String) as WebhookEvent[],
        };
        if (!existing) body.enabled = true;
        if (secret) body.secret = secret;
        else if (existing && clearSecret) body.secret = null;
        save.mutate(body);
      }}
    >
      <div className="sm:col-span-2">
        <h2 className="text-sm font-semibold">{existing ? `Edit “${existing.name}”` : 'Add a webhook'}</h2>
      </div>
      <div>
        <label className="label" htmlFor={`${p}-name`}>Name</label>
        <input id={`${p}-name`} name="name" className="input" defaultValue={existing?.name} aria-describedby={`${p}-name-err`} />
        <FieldError id={`${p}-name-err`} message={error?.field('name')} />
      </div>
      <div>
        <label className="label" htmlFor={`${p}-url`}>URL</label>
        <input id={`${p}-url`} name="url" className="input" placeholder="https://hooks.example.com/…" defaultValue={existing?.url} aria-describedby={`${p}-url-err`} />
        <FieldError id={`${p}-url-err`} message={error?.field('url')} />
      </div>
      <div>
        <label className="label" htmlFor={`${p}-format`}>Format</label>
        <select id={`${p}-format`} name="format" className="input" defaultValue={existing?.format ?? 'json'}>
          <option value="json">JSON (generic event)</option>
          <option value="slack">Slack-compatible ({'{text, blocks}'})</option>
        </select>
      </div>
      <div>
        <label className="label" htmlFor={`${p}-secret`}>Signing secret {existing?.hasSecret ? <span className="text-xs text-muted">(stored — leave empty to keep)</span> : <span className="text-xs text-muted">(optional)</span>}</label>
        <input id={`${p}-secret`} name="secret" type="password" autoComplete="new-password" className="input" placeholder={existing?.hasSecret ? '•••••• stored' : ''} aria-describedby={`${p}-secret-err`} />
        <FieldError id={`${p}-secret-err`} message={error?.field('secret')} />
        {existing?.hasSecret ? (
          <label className="mt-1 flex items-center gap-2 text-xs text-muted">
            <input type="checkbox" checked={clearSecret} onChange={(e) => setClearSecret(e.target.checked)} /> Remove the stored secret
          </label>
        ) : null}
      </div>
      <fieldset className="sm:col-span-2">
        <legend className="label">Events</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="events" value={ev} defaultChecked={existing ? existing.events.includes(ev) : ev.startsWith('incident.')} />
              {EVENT_LABELS[ev]} <code className="text-xs text-muted">{ev}</code>
            </label>
          ))}
        </div>
        <FieldError id={`${p}-events-err`} message={error?.field('events')} />
      </fieldset>
      <div className="flex items-center gap-2 sm:col-span-2">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : existing ? 'Save' : 'Add webhook'}</button>
        {existing ? <button type="button" className="btn" onClick={onDone}>Cancel</button> : null}
        {error && error.issues.length === 0 ? <FormError error={error.message} /> : null}
      </div>
    </form>
  );
}

const STATUS_CLASS = { delivered: 'text-up', pending: 'text-degraded', failed: 'text-down' } as const;

function DeliveryLog({ id }: { id: string }) {
  const d = useDeliveries(id);
  if (d.isPending) return <p className="p-3 text-sm text-muted">Loading deliveries…</p>;
  if (d.isError) return <p className="p-3 text-sm text-down">Could not load deliveries: {d.error.message}</p>;
  if (!d.data.length) return <p className="p-3 text-sm text-muted">Nothing sent yet.</p>;
  return (
    <table className="table" aria-label="Delivery log">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last answer</th>
          <th scope="col">Next attempt</th>
          <th scope="col">Delivered</th>
        </tr>
      </thead>
      <tbody>
        {d.data.map((x) => (
          <tr key={x.id}>
            <td><code className="text-xs">{x.event}</code><div className="text-xs text-muted" title={x.createdAt}>{relativeTime(x.createdAt)}</div></td>
            <td className={STATUS_CLASS[x.status]}>{x.status}</td>
            <td title={x.log.map((l) => `${formatDateTime(l.at)}: ${l.httpStatus ?? l.error} (${l.durationMs} ms)`).join('\n')}>
              {x.attempts}
              {x.log.length ? <span className="ml-1 text-xs text-muted">({x.log.map((l) => l.httpStatus ?? 'err').join(', ')})</span> : null}
            </td>
            <td>{x.lastHttpStatus !== null ? `HTTP ${x.lastHttpStatus}` : ''}{x.lastError ? <div className="text-xs text-down">{x.lastError}</div> : null}</td>
            <td className="text-muted">{x.nextAttemptAt ? formatDateTime(x.nextAttemptAt) : '—'}</td>
            <td className="text-muted">{x.deliveredAt ? formatDateTime(x.deliveredAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WebhookCard({ hook }: { hook: WebhookOut }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const refresh = () => {
    qc.invalidateQueries({ queryKey: webhooksKey });
    qc.invalidateQueries({ queryKey: deliveriesKey(hook.id) });
  };
  const toggle = useMutation({
    mutationFn: () => api(`/api/v1/webhooks/${hook.id}`, { method: 'PATCH', body: { enabled: !hook.enabled } }),
    onSuccess: refresh,
    onError: (e) => setMsg(e.message),
  });
  const test = useMutation({
    mutationFn: () => api(`/api/v1/webhooks/${hook.id}/test`, { method: 'POST' }),
    onSuccess: () => {
      setMsg('Test event queued: it shows in the delivery log within seconds.');
      setShowLog(true);
      refresh();
    },
    onError: (e) => setMsg(e.message),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/v1/webhooks/${hook.id}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (e) => setMsg(e.message),
  });
  if (editing) return <WebhookForm existing={hook} onDone={() => setEditing(false)} />;
  return (
    <li className={`card p-4 ${hook.enabled ? '' : 'opacity-70'}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="font-medium">
            {hook.name} <span className="ml-1 text-xs text-muted">{hook.format}</span>
            {hook.enabled ? <span className="ml-2 text-xs text-up">● enabled</span> : <span className="ml-2 text-xs text-muted">⏸ disabled</span>}
          </div>
          <div className="truncate font-mono text-xs text-muted">{hook.url}</div>
          <div className="mt-1 text-xs text-muted">
            {hook.events.map((e) => EVENT_LABELS[e] ?? e).join(' · ')} · secret: {hook.hasSecret ? 'stored' : 'none'}
          </div>
          <div className="mt-1 text-xs text-muted">
            {hook.deliveries.pending} pending · {hook.deliveries.failed} failed · last delivered {relativeTime(hook.deliveries.lastDeliveredAt)}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn" onClick={() => test.mutate()} disabled={test.isPending}>Send test</button>
          <button type="button" className="btn" onClick={() => setShowLog((v) => !v)} aria-expanded={showLog}>Deliveries</button>
          <button type="button" className="btn" onClick={() => setEditing(true)}>Edit</button>
          <button type="button" className="btn" onClick={() => toggle.mutate()} disabled={toggle.isPending}>{hook.enabled ? 'Disable' : 'Enable'}</button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete the webhook “${hook.name}” and its delivery log?`)) remove.mutate();
            }}
          >
            Delete
          </button>
        </div>
      </div>
      {msg ? <p className="mt-2 text-sm text-muted" aria-live="polite">{msg}</p> : null}
      {showLog ? <div className="mt-3 overflow-x-auto border-t border-line pt-2"><DeliveryLog id={hook.id} /></div> : null}
    </li>
  );
}

export function WebhooksAdmin() {
  const hooks = useWebhooks();
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="space-y-5">
      <p className="max-w-3xl text-sm text-muted">
        Incident and alert events are queued with the change that causes them and sent in the background by the poller, with retries
        (10 s, 30 s, 2 min, 10 min, 30 min; failed after 6 attempts). With a secret, each request carries
        <code className="mx-1">X-Opsdeck-Signature: sha256=&lt;hex&gt;</code> — the HMAC-SHA256 of the body.
      </p>
      <WebhookForm key={formKey} onDone={() => setFormKey((k) => k + 1)} />
      {hooks.isPending ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : hooks.isError ? (
        <p className="text-sm text-down">Could not load webhooks: {hooks.error.message}</p>
      ) : hooks.data.length === 0 ? (
        <p className="text-sm text-muted">No webhooks yet.</p>
      ) : (
        <ul className="space-y-3" aria-label="Webhooks">
          {hooks.data.map((h) => <WebhookCard key={h.id} hook={h} />)}
        </ul>
      )}
    </div>
  );
}
