'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { StatusText } from '@/components/ui/StatusBadge';
import { useServices } from '@/components/services/useServices';
import { SEVERITIES, type Severity } from '@/lib/incidents/policy';
import type { ExistingIncidentRef, IncidentOut } from '@/lib/incidents/types';
import { IncidentStatusBadge, SeverityBadge } from './Badges';
import { ClassificationWizard } from './ClassificationWizard';
import { incidentsKey } from './keys';
import { useSeverityPolicy } from './useSeverityPolicy';
import { useSuggestion } from './useSuggestion';

interface Issue { path: string; message: string }
type DeclareAnswer =
  | { ok: true; incident: IncidentOut }
  | { ok: false; status: number; error: string; issues: Issue[]; existing?: ExistingIncidentRef[] };

// Not api(): a 409 here carries `existing`, which the generic client drops.
async function postDeclare(body: Record<string, unknown>): Promise<DeclareAnswer> {
  const res = await fetch('/api/v1/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  const data = (await res.json().catch(() => ({}))) as { incident?: IncidentOut; error?: string; issues?: Issue[]; existing?: ExistingIncidentRef[] };
  if (res.ok && data.incident) return { ok: true, incident: data.incident };
  return { ok: false, status: res.status, error: data.error ?? `Request failed (${res.status})`, issues: data.issues ?? [], existing: data.existing };
}

/** 128 random bits; getRandomValues works on plain http too, where randomUUID does not. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `ui-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The alert an incident is declared from: its text seeds the title, its id goes with the declaration. */
export interface AlertOrigin { id: string; title: string }

export function DeclareIncidentForm({ onCancel, initialServiceIds = [], fromAlert }: { onCancel: () => void; initialServiceIds?: string[]; fromAlert?: AlertOrigin }) {
  const router = useRouter();
  const qc = useQueryClient();
  const services = useServices();
  const policy = useSeverityPolicy();
  // One key per form: a double click or a retry after a network error finds the same incident.
  const [idempotencyKey] = useState(randomKey);
  const [title, setTitle] = useState(fromAlert?.title ?? '');
  const [summary, setSummary] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [severityReason, setSeverityReason] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>(initialServiceIds);
  const [filter, setFilter] = useState('');
  const [wizard, setWizard] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Extract<DeclareAnswer, { ok: false }> | null>(null);
  const suggestion = useSuggestion(selected);

  const all = useMemo(() => services.data ?? [], [services.data]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? all.filter((s) => `${s.name} ${s.environment} ${s.team ?? ''}`.toLowerCase().includes(q)) : all;
  }, [all, filter]);
  const toggle = (id: string) => setSelected((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const field = (path: string) => failure?.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;
  const suggested = suggestion.data?.suggestion ?? null;
  const levelName = (l: Severity) => policy.data?.find((x) => x.level === l)?.name;

  async function submit(allowDuplicate: boolean) {
    setBusy(true);
    setFailure(null);
    try {
      const r = await postDeclare({
        title,
        summary: summary.trim() || undefined,
        severity: severity || undefined,
        severityReason: severity && severityReason ? severityReason : undefined,
        serviceIds: selected,
        idempotencyKey,
        alertId: fromAlert?.id,
        allowDuplicate: allowDuplicate || undefined,
      });
      if (r.ok) {
        await qc.invalidateQueries({ queryKey: incidentsKey });
        router.push(`/incidents/${r.incident.id}`);
        return;
      }
      setFailure(r);
    } catch (e) {
      setFailure({ ok: false, status: 0, error: `Could not reach the console: ${(e as Error).message}. Try again: it will not declare twice.`, issues: [] });
    } finally {
      setBusy(false);
    }
  }

  const existing = failure?.status === 409 ? failure.existing : undefined;

  return (
    <form
      className="card space-y-4 border-down/40 p-4"
      aria-labelledby="declare-h"
      data-testid="declare-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit(false);
      }}
    >
      <div className="flex items-center justify-between">
        <h2 id="declare-h" className="text-base font-semibold"><span aria-hidden className="text-down">⚑ </span>Declare an incident</h2>
        <button type="button" className="text-sm text-muted hover:text-fg" onClick={onCancel}>Cancel</button>
      </div>
      {fromAlert ? (
        <p className="rounded border border-line bg-panel-2 px-3 py-2 text-sm text-muted" data-testid="declare-from-alert">
          <span aria-hidden>△ </span>From the alert: <span className="text-fg">{fromAlert.title}</span> — its service is chosen and the timeline will link the alert.
        </p>
      ) : null}
      {field('alertId') ? <p role="alert" className="text-sm text-down">{field('alertId')}</p> : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-4">
          <div>
            <label className="label" htmlFor="inc-title">Title</label>
            <input id="inc-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Checkout returns 503 for most users" autoFocus aria-invalid={!!field('title')} aria-describedby="inc-title-err" maxLength={200} />
            <FieldError id="inc-title-err" message={field('title')} />
          </div>

          <fieldset>
            <legend className="label">Affected services <span className="normal-case text-muted">({selected.length} chosen)</span></legend>
            <input className="input mb-1.5" type="search" placeholder="Filter services…" aria-label="Filter services" value={filter} onChange={(e) => setFilter(e.target.value)} />
            <div className="max-h-44 overflow-y-auto rounded-md border border-line bg-bg" data-testid="service-picker">
              {services.isPending ? <p className="p-2 text-sm text-muted">Loading services…</p> : null}
              {!services.isPending && shown.length === 0 ? <p className="p-2 text-sm text-muted">{all.length ? 'No service matches.' : 'No services are registered yet.'}</p> : null}
              {shown.map((s) => (
                <label key={s.id} className="flex cursor-pointer items-center gap-2 border-b border-line/50 px-2 py-1 text-sm last:border-0 hover:bg-panel-2">
                  <input type="checkbox" checked={selected.includes(s.id)} onChange={() => toggle(s.id)} className="accent-accent" />
                  <span className="flex-1 truncate">{s.name} <span className="text-xs text-muted">{s.environment}</span></span>
                  <StatusText status={s.status} />
                </label>
              ))}
            </div>
            <FieldError id="inc-services-err" message={field('serviceIds')} />
          </fieldset>
        </div>

        <div className="space-y-4">
          <div>
            <div className="flex items-end justify-between gap-2">
              <label className="label" htmlFor="inc-severity">Severity</label>
              {policy.data && !wizard ? (
                <button type="button" className="mb-1 text-xs text-accent hover:underline" onClick={() => setWizard(true)} data-testid="wizard-open">Help me classify</button>
              ) : null}
            </div>
            <select
              id="inc-severity"
              className="input"
              value={severity}
              onChange={(e) => {
                setSeverity(e.target.value as Severity | '');
                setSeverityReason(null);
              }}
            >
              <option value="">{suggested ? `From live signals (now ${suggested.level})` : 'From live signals (else P3)'}</option>
              {SEVERITIES.map((l) => (
                <option key={l} value={l}>{l}{levelName(l) ? ` · ${levelName(l)}` : ''}</option>
              ))}
            </select>
            <FieldError id="inc-severity-err" message={field('severity')} />
            {severity && severityReason ? <p className="mt-1 text-xs text-muted" data-testid="severity-reason">✔ {severityReason}</p> : null}
            {suggested ? (
              <p className="mt-1.5 flex flex-wrap items-center gap-2 text-xs" data-testid="suggestion">
                <span className="text-muted">Signals suggest</span>
                <SeverityBadge severity={suggested.level} size="sm" />
                <span>{suggested.reason}</span>
                {severity !== suggested.level ? (
                  <button type="button" className="text-accent hover:underline" onClick={() => { setSeverity(suggested.level); setSeverityReason(`suggested by live signals: ${suggested.reason}`); }}>
                    Use {suggested.level}
                  </button>
                ) : null}
              </p>
            ) : selected.length > 0 && suggestion.isSuccess ? (
              <p className="mt-1.5 text-xs text-muted">No live signal of the chosen services calls for a level.</p>
            ) : null}
          </div>

          {wizard && policy.data ? (
            <ClassificationWizard
              levels={policy.data}
              onCancel={() => setWizard(false)}
              onUse={(level, reason) => {
                setSeverity(level);
                setSeverityReason(reason);
                setWizard(false);
              }}
            />
          ) : null}

          <div>
            <label className="label" htmlFor="inc-summary">Summary <span className="normal-case text-muted">(optional)</span></label>
            <textarea id="inc-summary" className="input min-h-20" value={summary} onChange={(e) => setSummary(e.target.value)} placeholder="What people see, since when, what is known" maxLength={5000} />
            <FieldError id="inc-summary-err" message={field('summary')} />
          </div>
        </div>
      </div>

      {existing?.length ? (
        <div role="alert" className="rounded-md border border-degraded/50 bg-degraded/10 p-3 text-sm" data-testid="already-covered">
          <p className="font-medium text-degraded"><span aria-hidden>▲ </span>Already covered by an open incident: join instead?</p>
          <ul className="mt-2 space-y-1.5">
            {existing.map((x) => (
              <li key={x.id} className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={x.severity} size="sm" />
                <IncidentStatusBadge status={x.status} size="sm" />
                <span className="font-mono text-muted">#{x.number}</span>
                <span className="font-medium">{x.title}</span>
                <button type="button" className="btn btn-primary ml-auto py-1" onClick={() => router.push(`/incidents/${x.id}`)}>Join #{x.number}</button>
              </li>
            ))}
          </ul>
          <button type="button" className="mt-3 text-xs text-muted underline-offset-2 hover:text-fg hover:underline" disabled={busy} onClick={() => void submit(true)}>
            It is a different problem: declare a new incident anyway
          </button>
        </div>
      ) : (
        <FormError error={failure && !existing ? failure.error : null} />
      )}

      <div className="flex items-center gap-2">
        <button type="submit" className="btn btn-danger" disabled={busy || !title.trim()} data-testid="declare-submit">
          {busy ? 'Declaring…' : 'Declare incident'}
        </button>
        <span className="text-xs text-muted">You become its commander; hand over any time.</span>
      </div>
    </form>
  );
}
