'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiClientError } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { formatDateTime } from '@/components/ui/time';
import { SeverityBadge } from '@/components/incidents/Badges';
import { policyKey } from '@/components/incidents/keys';
import { useSeverityPolicy, type StoredSeverityLevel } from '@/components/incidents/useSeverityPolicy';
import { DEFAULT_POLICY, type SeverityLevel } from '@/lib/incidents/policy';

// The severity policy (Settings, admin): what each level means, the wizard's
// question for it, its response and escalation clocks, and whether a
// postmortem is due. Everyone may read it; only admins change it.

type StoredLevel = StoredSeverityLevel;
/** Numbers are edited as text: empty means "none" (null), anything else must be a whole number. */
interface Draft {
  level: SeverityLevel['level'];
  name: string;
  criteria: string;
  question: string;
  responseMinutes: string;
  responseText: string;
  escalateAfterMinutes: string;
  postmortemRequired: boolean;
  postmortemDueBusinessDays: string;
}

const toDraft = (l: SeverityLevel): Draft => ({
  level: l.level,
  name: l.name,
  criteria: l.criteria,
  question: l.question,
  responseMinutes: l.responseMinutes === null ? '' : String(l.responseMinutes),
  responseText: l.responseText,
  escalateAfterMinutes: l.escalateAfterMinutes === null ? '' : String(l.escalateAfterMinutes),
  postmortemRequired: l.postmortemRequired,
  postmortemDueBusinessDays: l.postmortemDueBusinessDays === null ? '' : String(l.postmortemDueBusinessDays),
});

/** '' → null; a whole number → that number; anything else goes as typed so the server names the field. */
const num = (s: string): number | null | string => {
  const t = s.trim();
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : t;
};

const fromDraft = (d: Draft) => ({
  level: d.level,
  name: d.name,
  criteria: d.criteria,
  question: d.question,
  responseMinutes: num(d.responseMinutes),
  responseText: d.responseText,
  escalateAfterMinutes: num(d.escalateAfterMinutes),
  postmortemRequired: d.postmortemRequired,
  postmortemDueBusinessDays: d.postmortemRequired ? num(d.postmortemDueBusinessDays) : null,
});

export function SeverityPolicyEditor({ canEdit }: { canEdit: boolean }) {
  const stored = useSeverityPolicy();
  if (stored.isError) return <FormError error={`Could not load the policy: ${(stored.error as Error).message}`} />;
  if (!stored.data) return <p className="text-sm text-muted">Loading the severity policy…</p>;
  // Mounted once the policy is known, so the form starts from it (and keeps what is typed over refetches).
  return <PolicyForm canEdit={canEdit} stored={stored.data} />;
}

function PolicyForm({ canEdit, stored }: { canEdit: boolean; stored: StoredLevel[] }) {
  const qc = useQueryClient();
  const [drafts, setDrafts] = useState<Draft[]>(() => stored.map(toDraft));
  const [saved, setSaved] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (levels: ReturnType<typeof fromDraft>[]) => api<{ levels: StoredLevel[] }>('/api/v1/severity-policy', { method: 'PUT', body: { levels } }),
    onSuccess: (r) => {
      setDrafts(r.levels.map(toDraft));
      qc.setQueryData(policyKey, r.levels);
      setSaved(`Saved at ${formatDateTime(new Date())}. New incidents and clocks use it now.`);
    },
    onError: () => setSaved(null),
  });

  const err = save.error instanceof ApiClientError ? save.error : null;
  const field = (i: number, f: keyof Draft) => err?.issues.find((x) => x.path === `levels.${i}.${f}`)?.message;
  const dirty = JSON.stringify(drafts) !== JSON.stringify(stored.map(toDraft));
  const set = (i: number, patch: Partial<Draft>) => {
    setSaved(null);
    setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  };
  const updatedAt = stored.map((l) => l.updatedAt).filter(Boolean).sort().at(-1);

  return (
    <form
      className="space-y-4"
      aria-labelledby="policy-h"
      onSubmit={(e) => {
        e.preventDefault();
        if (canEdit) save.mutate(drafts.map(fromDraft));
      }}
    >
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="policy-h" className="text-base font-semibold">Severity policy</h2>
          <p className="text-sm text-muted">
            What each level means, the question the classification wizard asks for it, and the clocks it starts.
            {updatedAt ? <> Last changed {formatDateTime(updatedAt)}.</> : null}
            {canEdit ? null : <> Only admins can change it.</>}
          </p>
        </div>
        {canEdit ? (
          <div className="flex items-center gap-2">
            <button type="button" className="btn" onClick={() => { setSaved(null); setDrafts(DEFAULT_POLICY.map(toDraft)); }}>
              Fill in the defaults
            </button>
            <button type="submit" className="btn btn-primary" disabled={!dirty || save.isPending} data-testid="policy-save">
              {save.isPending ? 'Saving…' : 'Save policy'}
            </button>
          </div>
        ) : null}
      </div>

      {err ? <FormError error={err.issues.length ? 'Not saved: fix the fields marked below.' : err.message} /> : null}
      {save.error && !err ? <FormError error={`Not saved: ${(save.error as Error).message}`} /> : null}
      {saved ? <p role="status" className="text-sm text-up"><span aria-hidden>✔ </span>{saved}</p> : null}
      {dirty && canEdit && !save.isPending ? <p className="text-sm text-degraded"><span aria-hidden>● </span>Unsaved changes</p> : null}

      <div className="grid gap-4 xl:grid-cols-3">
        {drafts.map((d, i) => {
          const id = (f: string) => `sev-${d.level}-${f}`;
          return (
            <fieldset key={d.level} className="card space-y-3 p-4" disabled={!canEdit} data-testid={`policy-${d.level}`}>
              <legend className="sr-only">{d.level}</legend>
              <div className="flex items-center gap-2">
                <SeverityBadge severity={d.level} name={d.name} size="lg" />
              </div>
              <div>
                <label className="label" htmlFor={id('name')}>Name</label>
                <input id={id('name')} className="input" value={d.name} maxLength={40} onChange={(e) => set(i, { name: e.target.value })} aria-invalid={!!field(i, 'name')} aria-describedby={`${id('name')}-err`} />
                <FieldError id={`${id('name')}-err`} message={field(i, 'name')} />
              </div>
              <div>
                <label className="label" htmlFor={id('criteria')}>Criteria</label>
                <textarea id={id('criteria')} className="input min-h-20" value={d.criteria} maxLength={500} onChange={(e) => set(i, { criteria: e.target.value })} aria-invalid={!!field(i, 'criteria')} aria-describedby={`${id('criteria')}-err`} />
                <FieldError id={`${id('criteria')}-err`} message={field(i, 'criteria')} />
              </div>
              <div>
                <label className="label" htmlFor={id('question')}>Wizard question (yes → this level)</label>
                <textarea id={id('question')} className="input min-h-20" value={d.question} maxLength={300} onChange={(e) => set(i, { question: e.target.value })} aria-invalid={!!field(i, 'question')} aria-describedby={`${id('question')}-err`} />
                <FieldError id={`${id('question')}-err`} message={field(i, 'question')} />
              </div>
              <div className="grid grid-cols-[8rem_1fr] gap-3">
                <div>
                  <label className="label" htmlFor={id('responseMinutes')}>Respond in (min)</label>
                  <input id={id('responseMinutes')} className="input tabular-nums" inputMode="numeric" placeholder="no timed target" value={d.responseMinutes} onChange={(e) => set(i, { responseMinutes: e.target.value })} aria-invalid={!!field(i, 'responseMinutes')} aria-describedby={`${id('responseMinutes')}-err`} />
                  <FieldError id={`${id('responseMinutes')}-err`} message={field(i, 'responseMinutes')} />
                </div>
                <div>
                  <label className="label" htmlFor={id('responseText')}>Response, in words</label>
                  <input id={id('responseText')} className="input" value={d.responseText} maxLength={80} onChange={(e) => set(i, { responseText: e.target.value })} aria-invalid={!!field(i, 'responseText')} aria-describedby={`${id('responseText')}-err`} />
                  <FieldError id={`${id('responseText')}-err`} message={field(i, 'responseText')} />
                </div>
              </div>
              <div>
                <label className="label" htmlFor={id('escalateAfterMinutes')}>Escalate after (min without mitigation)</label>
                <input id={id('escalateAfterMinutes')} className="input tabular-nums" inputMode="numeric" placeholder="never" value={d.escalateAfterMinutes} onChange={(e) => set(i, { escalateAfterMinutes: e.target.value })} aria-invalid={!!field(i, 'escalateAfterMinutes')} aria-describedby={`${id('escalateAfterMinutes')}-err`} />
                <FieldError id={`${id('escalateAfterMinutes')}-err`} message={field(i, 'escalateAfterMinutes')} />
              </div>
              <div className="flex flex-wrap items-end gap-3">
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={d.postmortemRequired} onChange={(e) => set(i, { postmortemRequired: e.target.checked, postmortemDueBusinessDays: e.target.checked ? d.postmortemDueBusinessDays || '5' : '' })} />
                  Postmortem required
                </label>
                {d.postmortemRequired ? (
                  <div className="w-40">
                    <label className="label" htmlFor={id('postmortemDueBusinessDays')}>Due (business days)</label>
                    <input id={id('postmortemDueBusinessDays')} className="input tabular-nums" inputMode="numeric" value={d.postmortemDueBusinessDays} onChange={(e) => set(i, { postmortemDueBusinessDays: e.target.value })} aria-invalid={!!field(i, 'postmortemDueBusinessDays')} aria-describedby={`${id('postmortemDueBusinessDays')}-err`} />
                  </div>
                ) : null}
              </div>
              <FieldError id={`${id('postmortemDueBusinessDays')}-err`} message={field(i, 'postmortemDueBusinessDays')} />
            </fieldset>
          );
        })}
      </div>
    </form>
  );
}
