'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { usePeople } from '@/components/incidents/usePeople';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_STATUS_LABELS, type ActionItemStatus } from '@/lib/postmortems/states';
import type { ActionItemOut, PostmortemOut } from '@/lib/postmortems/types';
import { ActionItemStatusText, OverdueTag } from './Badges';
import { postmortemKey, postmortemsKey } from './keys';

// Follow-up actions: who does what by when, tracked until done. Responders add
// and edit them in place; the table is what the lead reads.

function useRefresh(id: string) {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: postmortemKey(id) });
    await qc.invalidateQueries({ queryKey: postmortemsKey });
  };
}

function ItemRow({ item, canEdit, people }: { item: ActionItemOut; canEdit: boolean; people: { id: string; name: string }[] }) {
  const refresh = useRefresh(item.postmortemId);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = async (body: Record<string, unknown>) => {
    setBusy(true);
    try {
      await api(`/api/v1/action-items/${item.id}`, { method: 'PATCH', body });
      setError(null);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete the action item “${item.title}”?`)) return;
    setBusy(true);
    try {
      await api(`/api/v1/action-items/${item.id}`, { method: 'DELETE' });
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <tr data-action-item={item.id} className={item.overdue ? 'bg-down/5' : undefined}>
      <td className="min-w-56">
        <span className={item.status === 'done' || item.status === 'wont_do' ? 'text-muted line-through decoration-muted/60' : 'font-medium'}>{item.title}</span>
        {item.link ? (
          <a href={item.link} target="_blank" rel="noreferrer noopener" className="ml-2 text-xs text-accent hover:underline">link ↗</a>
        ) : null}
        {error ? <p role="alert" className="text-xs text-down">{error}</p> : null}
      </td>
      <td>
        {canEdit ? (
          <select aria-label={`Owner of ${item.title}`} className="input py-1 text-xs" value={item.owner?.id ?? ''} disabled={busy} onChange={(e) => void patch({ ownerId: e.target.value || null })}>
            <option value="">Nobody yet</option>
            {item.owner && !people.some((p) => p.id === item.owner!.id) ? <option value={item.owner.id}>{item.owner.name}</option> : null}
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        ) : (
          item.owner?.name ?? <span className="text-muted">nobody</span>
        )}
      </td>
      <td className="whitespace-nowrap">
        {canEdit ? (
          <input type="date" aria-label={`Due date of ${item.title}`} className="input py-1 text-xs" value={item.dueDate ?? ''} disabled={busy} onChange={(e) => void patch({ dueDate: e.target.value || null })} />
        ) : (
          item.dueDate ?? <span className="text-muted">—</span>
        )}
        {item.overdue ? <div className="mt-0.5"><OverdueTag /></div> : null}
      </td>
      <td>
        {canEdit ? (
          <select aria-label={`Status of ${item.title}`} className="input py-1 text-xs" value={item.status} disabled={busy} onChange={(e) => void patch({ status: e.target.value as ActionItemStatus })}>
            {ACTION_ITEM_STATUSES.map((s) => <option key={s} value={s}>{ACTION_ITEM_STATUS_LABELS[s]}</option>)}
          </select>
        ) : (
          <ActionItemStatusText status={item.status} />
        )}
      </td>
      {canEdit ? (
        <td className="no-print text-right">
          <button type="button" className="text-xs text-muted hover:text-down" onClick={() => void remove()} disabled={busy} aria-label={`Delete ${item.title}`}>Delete</button>
        </td>
      ) : null}
    </tr>
  );
}

function AddItemForm({ postmortemId, people }: { postmortemId: string; people: { id: string; name: string }[] }) {
  const refresh = useRefresh(postmortemId);
  const [form, setForm] = useState({ title: '', ownerId: '', dueDate: '', link: '' });
  const [err, setErr] = useState<ApiClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api(`/api/v1/postmortems/${postmortemId}/action-items`, {
        method: 'POST',
        body: { title: form.title, ownerId: form.ownerId || null, dueDate: form.dueDate || null, link: form.link.trim() || null },
      });
      setForm({ title: '', ownerId: '', dueDate: '', link: '' });
      setErr(null);
      await refresh();
    } catch (e2) {
      setErr(e2 instanceof ApiClientError ? e2 : new ApiClientError(0, String(e2), []));
    } finally {
      setBusy(false);
    }
  };
  const fieldErr = (k: string) => err?.field(k);
  return (
    <form onSubmit={submit} className="no-print grid gap-2 border-t border-line p-3 sm:grid-cols-[2fr_1fr_1fr_1.5fr_auto] sm:items-start" aria-label="Add an action item" noValidate>
      <div>
        <label htmlFor="ai-title" className="label">Action</label>
        <input id="ai-title" className="input" value={form.title} onChange={set('title')} placeholder="What will be done" aria-invalid={!!fieldErr('title')} aria-describedby="ai-title-err" maxLength={300} />
        <FieldError id="ai-title-err" message={fieldErr('title')} />
      </div>
      <div>
        <label htmlFor="ai-owner" className="label">Owner</label>
        <select id="ai-owner" className="input" value={form.ownerId} onChange={set('ownerId')} aria-invalid={!!fieldErr('ownerId')} aria-describedby="ai-owner-err">
          <option value="">Nobody yet</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <FieldError id="ai-owner-err" message={fieldErr('ownerId')} />
      </div>
      <div>
        <label htmlFor="ai-due" className="label">Due</label>
        <input id="ai-due" type="date" className="input" value={form.dueDate} onChange={set('dueDate')} aria-invalid={!!fieldErr('dueDate')} aria-describedby="ai-due-err" />
        <FieldError id="ai-due-err" message={fieldErr('dueDate')} />
      </div>
      <div>
        <label htmlFor="ai-link" className="label">Link (ticket)</label>
        <input id="ai-link" type="url" className="input" value={form.link} onChange={set('link')} placeholder="https://…" aria-invalid={!!fieldErr('link')} aria-describedby="ai-link-err" />
        <FieldError id="ai-link-err" message={fieldErr('link')} />
      </div>
      <div className="sm:pt-5">
        <button type="submit" className="btn btn-primary w-full" disabled={busy}>Add</button>
      </div>
      {err && err.issues.length === 0 ? <div className="sm:col-span-5"><FormError error={err.message} /></div> : null}
    </form>
  );
}

export function ActionItems({ pm, canEdit }: { pm: PostmortemOut; canEdit: boolean }) {
  const people = usePeople(canEdit);
  const list = (people.data ?? []).map((p) => ({ id: p.id, name: p.name }));
  const open = pm.actionItems.filter((a) => a.status === 'open' || a.status === 'in_progress').length;
  return (
    <section aria-labelledby="actions-h" className="card" data-testid="action-items">
      <div className="flex items-baseline justify-between gap-2 px-3 pt-3">
        <h2 id="actions-h" className="text-sm font-semibold">Action items</h2>
        <span className="text-xs text-muted">{open} open of {pm.actionItems.length}</span>
      </div>
      {pm.actionItems.length === 0 ? (
        <p className="px-3 py-3 text-sm text-muted">No action items yet.{canEdit ? ' Add what should change so this does not happen again, with an owner and a date.' : ''}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table mt-1">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                {canEdit ? <th scope="col" className="no-print"><span className="sr-only">Delete</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {pm.actionItems.map((a) => <ItemRow key={a.id} item={a} canEdit={canEdit} people={list} />)}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? <AddItemForm postmortemId={pm.id} people={list} /> : null}
    </section>
  );
}
