'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/components/api/client';
import { FormError } from '@/components/ui/FieldError';
import { fillStatusUpdate, missingUpdateFields } from '@/lib/incidents/template';
import type { IncidentOut } from '@/lib/incidents/types';
import { timelineKey } from './keys';

const NEXT_UPDATE = [15, 30, 60, 120];

/** A status update from the template: what is affected, what we do, when the next one comes, a workaround. */
export function StatusUpdateForm({ incident }: { incident: IncidentOut }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [affected, setAffected] = useState(() => incident.services.map((s) => `${s.name} (${s.environment})`).join(', '));
  const [doing, setDoing] = useState('');
  const [next, setNext] = useState<number | null>(30);
  const [workaround, setWorkaround] = useState('');
  const fields = { affected, doing, nextUpdateMinutes: next, workaround: workaround.trim() || null };
  const missing = missingUpdateFields(fields);
  const text = missing.length ? '' : fillStatusUpdate(fields, { number: incident.number, title: incident.title, severity: incident.severity, status: incident.status, now: new Date() });
  const post = useMutation({
    mutationFn: () => api(`/api/v1/incidents/${incident.id}/events`, { method: 'POST', body: { type: 'update', body: text, fields } }),
    onSuccess: async () => {
      setDoing('');
      setWorkaround('');
      setOpen(false);
      await qc.invalidateQueries({ queryKey: timelineKey(incident.id) });
    },
  });

  if (!open) {
    return (
      <button type="button" className="btn w-full" onClick={() => setOpen(true)} data-testid="update-open">
        <span aria-hidden className="text-accent">»</span> Post a status update
      </button>
    );
  }
  return (
    <form
      className="card space-y-2 p-3"
      aria-labelledby="update-h"
      data-testid="update-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!missing.length) post.mutate();
      }}
    >
      <div className="flex items-center justify-between">
        <h2 id="update-h" className="label mb-0">Status update</h2>
        <button type="button" className="text-xs text-muted hover:text-fg" onClick={() => setOpen(false)}>Close</button>
      </div>
      <div>
        <label className="label" htmlFor="upd-affected">What is affected</label>
        <input id="upd-affected" className="input py-1" value={affected} onChange={(e) => setAffected(e.target.value)} />
      </div>
      <div>
        <label className="label" htmlFor="upd-doing">What we are doing</label>
        <textarea id="upd-doing" className="input min-h-14" value={doing} onChange={(e) => setDoing(e.target.value)} autoFocus />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label className="label" htmlFor="upd-next">Next update</label>
          <select id="upd-next" className="input py-1" value={next ?? ''} onChange={(e) => setNext(e.target.value ? Number(e.target.value) : null)}>
            {NEXT_UPDATE.map((n) => <option key={n} value={n}>in {n} min</option>)}
            <option value="">when there is news</option>
          </select>
        </div>
        <div>
          <label className="label" htmlFor="upd-workaround">Workaround</label>
          <input id="upd-workaround" className="input py-1" placeholder="optional" value={workaround} onChange={(e) => setWorkaround(e.target.value)} />
        </div>
      </div>
      {text ? <pre className="whitespace-pre-wrap rounded border border-line bg-bg p-2 font-sans text-xs" data-testid="update-preview">{text}</pre> : <p className="text-xs text-muted">Fill in what is affected and what is being done to see the update.</p>}
      <FormError error={post.error?.message} />
      <button type="submit" className="btn btn-primary" disabled={missing.length > 0 || post.isPending}>Post update</button>
    </form>
  );
}
