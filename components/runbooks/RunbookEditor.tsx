'use client';

import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { CONDITIONS, KPIS, SCHEDULES, SEVERITIES, STEP_TYPES, SYMPTOMS, VERIFY_KINDS, validateRunbook, type RunbookDef, type StepType } from '@/lib/runbooks/schema';
import type { RunbookDetailOut } from '@/lib/runbooks/types';
import { runbooksKey } from './keys';
import { RunbookDoc } from './RunbookDoc';
import { STEP_TYPE_META } from './StepBits';

// The authoring form: runbook fields, steps added, removed and reordered (with
// keyboard-reachable up/down buttons), a preview, and per-field errors from
// the very rules the server applies (lib/runbooks/schema.ts).

interface BranchDraft { uid: string; key: string; label: string; detail: string }
interface StepDraft {
  uid: string;
  key: string;
  type: StepType;
  title: string;
  detail: string;
  guardrails: string;
  whenStep: string;
  whenIs: string[];
  command: string;
  shell: string;
  verifyKind: string;
  verifyCondition: string;
  verifyThreshold: string;
  verifyKpi: string;
  verifyService: string;
  branches: BranchDraft[];
}
interface Draft {
  slug: string;
  title: string;
  summary: string;
  whenToUse: string;
  severityHint: string;
  symptoms: string[];
  kinds: string[];
  services: string;
  schedule: string;
  guardrails: string;
  body: string;
  steps: StepDraft[];
}

let seq = 0;
const uid = () => `u${++seq}`;
const lines = (t: string) => t.split('\n').map((l) => l.trim()).filter(Boolean);
const opt = (t: string) => (t.trim() ? t.trim() : undefined);
const optList = <T,>(xs: T[]) => (xs.length ? xs : undefined);

function emptyStep(type: StepType = 'manual', n = 1): StepDraft {
  return {
    uid: uid(), key: `step-${n}`, type, title: '', detail: '', guardrails: '', whenStep: '', whenIs: [], command: '', shell: '',
    verifyKind: 'readiness', verifyCondition: 'up', verifyThreshold: '', verifyKpi: '', verifyService: '',
    branches: type === 'decision' ? [{ uid: uid(), key: 'a', label: '', detail: '' }, { uid: uid(), key: 'b', label: '', detail: '' }] : [],
  };
}

function toDraft(def?: RunbookDef): Draft {
  if (!def) return { slug: '', title: '', summary: '', whenToUse: '', severityHint: '', symptoms: [], kinds: [], services: '', schedule: '', guardrails: '', body: '', steps: [emptyStep()] };
  return {
    slug: def.slug, title: def.title, summary: def.summary ?? '', whenToUse: def.whenToUse ?? '', severityHint: def.severityHint ?? '', symptoms: [...(def.symptoms ?? [])], kinds: [...(def.kinds ?? [])],
    services: (def.services ?? []).join(', '), schedule: def.schedule ?? '', guardrails: (def.guardrails ?? []).join('\n'), body: def.body ?? '',
    steps: def.steps.map((s) => ({
      ...emptyStep(s.type),
      key: s.key, title: s.title, detail: s.detail ?? '', guardrails: (s.guardrails ?? []).join('\n'), whenStep: s.when?.step ?? '', whenIs: s.when?.is ?? [],
      command: s.command ?? '', shell: s.shell ?? '',
      verifyKind: s.verify?.kind ?? 'readiness', verifyCondition: s.verify?.condition ?? 'up', verifyThreshold: s.verify?.threshold?.toString() ?? '', verifyKpi: s.verify?.kpi ?? '', verifyService: s.verify?.service ?? '',
      branches: (s.branches ?? []).map((b) => ({ uid: uid(), key: b.key, label: b.label, detail: b.detail ?? '' })),
    })),
  };
}

/** The draft as a definition object; validation decides whether it is one. */
function toDef(d: Draft): Record<string, unknown> {
  return {
    slug: d.slug.trim(), title: d.title, summary: opt(d.summary), whenToUse: opt(d.whenToUse), severityHint: opt(d.severityHint), symptoms: optList(d.symptoms), kinds: optList(d.kinds),
    services: optList(d.services.split(',').map((s) => s.trim()).filter(Boolean)), schedule: opt(d.schedule), guardrails: optList(lines(d.guardrails)), body: opt(d.body),
    steps: d.steps.map((s) => ({
      key: s.key.trim(), type: s.type, title: s.title, detail: opt(s.detail), guardrails: optList(lines(s.guardrails)),
      when: s.whenStep ? { step: s.whenStep, is: s.whenIs } : undefined,
      command: s.type === 'command' ? s.command : undefined, shell: s.type === 'command' ? opt(s.shell) : undefined,
      verify: s.type === 'verify' ? { kind: s.verifyKind, condition: s.verifyCondition, threshold: s.verifyThreshold.trim() ? Number(s.verifyThreshold) : undefined, kpi: opt(s.verifyKpi), service: opt(s.verifyService) } : undefined,
      branches: s.type === 'decision' ? s.branches.map((b) => ({ key: b.key.trim(), label: b.label, detail: opt(b.detail) })) : undefined,
    })),
  };
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div>
      <label className="label" htmlFor={id}>{label}</label>
      {children}
      {hint && !error ? <p className="mt-0.5 text-xs text-muted">{hint}</p> : null}
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
}

function Chips({ legend, all, value, onChange }: { legend: string; all: readonly string[]; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset>
      <legend className="label">{legend}</legend>
      <div className="flex flex-wrap gap-1.5">
        {all.map((x) => (
          <label key={x} className={`cursor-pointer rounded border px-1.5 py-0.5 text-xs ${value.includes(x) ? 'border-accent bg-accent/10 text-fg' : 'border-line text-muted'}`}>
            <input type="checkbox" className="sr-only" checked={value.includes(x)} onChange={(e) => onChange(e.target.checked ? [...value, x] : value.filter((y) => y !== x))} />
            {x}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function RunbookEditor({ initial }: { initial?: RunbookDef }) {
  const router = useRouter();
  const qc = useQueryClient();
  const editing = !!initial;
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [tab, setTab] = useState<'edit' | 'preview'>('edit');
  const [showErrors, setShowErrors] = useState(false);
  const [serverIssues, setServerIssues] = useState<{ path: string; message: string }[]>([]);

  const def = useMemo(() => toDef(draft), [draft]);
  const check = useMemo(() => validateRunbook(def), [def]);
  const issues = showErrors ? (check.ok ? serverIssues : check.issues) : serverIssues;
  const err = (path: string) => issues.find((i) => i.path === path)?.message;
  const errUnder = (path: string) => issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;

  const save = useMutation({
    mutationFn: () =>
      editing
        ? api<{ runbook: RunbookDetailOut }>(`/api/v1/runbooks/${initial!.slug}`, { method: 'PUT', body: def })
        : api<{ runbook: RunbookDetailOut }>('/api/v1/runbooks', { method: 'POST', body: def }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: runbooksKey });
      router.push(`/runbooks/${r.runbook.slug}`);
      router.refresh();
    },
    onError: (e) => setServerIssues(e instanceof ApiClientError ? e.issues : []),
  });

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setStep = (i: number, patch: Partial<StepDraft>) => setDraft((d) => ({ ...d, steps: d.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const move = (i: number, by: -1 | 1) => {
    const moved = draft.steps[i];
    setDraft((d) => {
      const steps = [...d.steps];
      const [s] = steps.splice(i, 1);
      steps.splice(i + by, 0, s);
      return { ...d, steps };
    });
    // Keep the keyboard where it was: on the same button of the moved step.
    requestAnimationFrame(() => {
      const el = document.querySelector<HTMLButtonElement>(`[data-move="${moved.uid}-${by < 0 ? 'up' : 'down'}"]`);
      (el && !el.disabled ? el : document.querySelector<HTMLButtonElement>(`[data-move="${moved.uid}-${by < 0 ? 'down' : 'up'}"]`))?.focus();
    });
  };
  const decisions = (before: number) => draft.steps.slice(0, before).filter((s) => s.type === 'decision');

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setShowErrors(true);
    setServerIssues([]);
    if (!check.ok) {
      setTab('edit');
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    save.mutate();
  }

  const inv = (path: string) => ({ 'aria-invalid': !!err(path), 'aria-describedby': `${path}-err` });

  return (
    <form onSubmit={submit} className="space-y-4" noValidate data-testid="runbook-editor">
      <div className="flex flex-wrap items-center gap-2" role="tablist" aria-label="Editor view">
        <button type="button" role="tab" aria-selected={tab === 'edit'} className={`btn py-1 ${tab === 'edit' ? 'btn-primary' : ''}`} onClick={() => setTab('edit')}>Edit</button>
        <button type="button" role="tab" aria-selected={tab === 'preview'} className={`btn py-1 ${tab === 'preview' ? 'btn-primary' : ''}`} onClick={() => setTab('preview')} data-testid="preview-tab">Preview</button>
        <span className="ml-auto text-xs text-muted" role="status">{check.ok ? '✔ Valid runbook' : `${check.issues.length} problem${check.issues.length === 1 ? '' : 's'} to fix`}</span>
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="save-runbook">{editing ? 'Save as a new version' : 'Create runbook'}</button>
      </div>
      {save.error && !serverIssues.length ? <FormError error={save.error.message} /> : null}
      {showErrors && issues.length ? (
        <div role="alert" className="rounded-md border border-down/40 bg-down/10 px-3 py-2 text-sm text-down">
          <p className="font-medium">✖ {issues.length} problem{issues.length === 1 ? '' : 's'}:</p>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {issues.slice(0, 8).map((i, n) => <li key={n}><code>{i.path}</code>: {i.message}</li>)}
          </ul>
        </div>
      ) : null}

      {tab === 'preview' ? (
        <div className="rounded-md border border-dashed border-line p-4" data-testid="preview">
          <h2 className="mb-2 text-lg font-semibold">{draft.title || 'Untitled runbook'}</h2>
          <RunbookDoc def={def as unknown as RunbookDef} />
        </div>
      ) : (
        <>
          <section className="card grid gap-3 p-4 md:grid-cols-2">
            <Field id="slug" label="Slug" error={err('slug')} hint={editing ? 'The slug identifies the runbook across versions.' : 'Lower-case words and dashes, e.g. restart-api.'}>
              <input id="slug" className="input font-mono" value={draft.slug} onChange={(e) => set({ slug: e.target.value })} readOnly={editing} {...inv('slug')} />
            </Field>
            <Field id="title" label="Title" error={err('title')}>
              <input id="title" className="input" value={draft.title} onChange={(e) => set({ title: e.target.value })} {...inv('title')} />
            </Field>
            <Field id="summary" label="Summary" error={err('summary')} hint="One or two sentences: what it achieves.">
              <textarea id="summary" className="input min-h-16" value={draft.summary} onChange={(e) => set({ summary: e.target.value })} />
            </Field>
            <Field id="whenToUse" label="When to use it" error={err('whenToUse')} hint="Symptoms and triggers. Markdown lists work.">
              <textarea id="whenToUse" className="input min-h-16" value={draft.whenToUse} onChange={(e) => set({ whenToUse: e.target.value })} />
            </Field>
            <div className="grid grid-cols-2 gap-3">
              <Field id="severityHint" label="Severity hint" error={err('severityHint')}>
                <select id="severityHint" className="input" value={draft.severityHint} onChange={(e) => set({ severityHint: e.target.value })}>
                  <option value="">None</option>
                  {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </Field>
              <Field id="schedule" label="Schedule" error={err('schedule')}>
                <select id="schedule" className="input" value={draft.schedule} onChange={(e) => set({ schedule: e.target.value })}>
                  <option value="">Not scheduled</option>
                  {SCHEDULES.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </Field>
            </div>
            <Field id="services" label="Services it is about (optional)" error={errUnder('services')} hint="Names, comma-separated; verifications of a run bind to the first.">
              <input id="services" className="input" value={draft.services} onChange={(e) => set({ services: e.target.value })} />
            </Field>
            <Chips legend="Symptoms (for suggestions)" all={SYMPTOMS} value={draft.symptoms} onChange={(symptoms) => set({ symptoms })} />
            <Chips legend="Endpoint kinds it checks" all={VERIFY_KINDS} value={draft.kinds} onChange={(kinds) => set({ kinds })} />
            <Field id="guardrails" label="Guardrails for the whole runbook — one “Do not …” per line" error={errUnder('guardrails')}>
              <textarea id="guardrails" className="input min-h-16" value={draft.guardrails} onChange={(e) => set({ guardrails: e.target.value })} />
            </Field>
            <Field id="body" label="Background (Markdown, optional)" error={err('body')}>
              <textarea id="body" className="input min-h-16" value={draft.body} onChange={(e) => set({ body: e.target.value })} />
            </Field>
          </section>

          <section aria-labelledby="steps-h" className="space-y-2">
            <div className="flex items-center justify-between">
              <h2 id="steps-h" className="text-sm font-semibold">Steps ({draft.steps.length})</h2>
              {err('steps') ? <p className="text-xs text-down" role="alert">{err('steps')}</p> : null}
            </div>
            <ol className="space-y-2">
              {draft.steps.map((s, i) => {
                const p = `steps.${i}`;
                const ds = decisions(i);
                const chosen = ds.find((d) => d.key === s.whenStep);
                return (
                  <li key={s.uid} className="card space-y-2 p-3" data-testid={`edit-step-${i}`}>
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-mono text-xs text-muted">{i + 1}.</span>
                      <span className="text-sm font-medium">{s.title || 'New step'}</span>
                      <span className="ml-auto flex gap-1">
                        <button type="button" className="btn px-2 py-0.5" data-move={`${s.uid}-up`} onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move step ${i + 1} up`}>↑</button>
                        <button type="button" className="btn px-2 py-0.5" data-move={`${s.uid}-down`} onClick={() => move(i, 1)} disabled={i === draft.steps.length - 1} aria-label={`Move step ${i + 1} down`}>↓</button>
                        <button type="button" className="btn btn-danger px-2 py-0.5" onClick={() => set({ steps: draft.steps.filter((_, j) => j !== i) })} aria-label={`Remove step ${i + 1}`}>✕</button>
                      </span>
                    </div>
                    <div className="grid gap-2 md:grid-cols-[10rem_10rem_1fr]">
                      <Field id={`${p}.type`} label="Type" error={err(`${p}.type`)}>
                        <select id={`${p}.type`} className="input" value={s.type} onChange={(e) => setStep(i, { type: e.target.value as StepType, branches: e.target.value === 'decision' && !s.branches.length ? emptyStep('decision').branches : s.branches })}>
                          {STEP_TYPES.map((t) => <option key={t} value={t}>{STEP_TYPE_META[t].label}</option>)}
                        </select>
                      </Field>
                      <Field id={`${p}.key`} label="Key" error={err(`${p}.key`)}>
                        <input id={`${p}.key`} className="input font-mono" value={s.key} onChange={(e) => setStep(i, { key: e.target.value })} {...inv(`${p}.key`)} />
                      </Field>
                      <Field id={`${p}.title`} label="Title" error={err(`${p}.title`)}>
                        <input id={`${p}.title`} className="input" value={s.title} onChange={(e) => setStep(i, { title: e.target.value })} {...inv(`${p}.title`)} />
                      </Field>
                    </div>
                    <Field id={`${p}.detail`} label="Detail (Markdown, optional)" error={err(`${p}.detail`)}>
                      <textarea id={`${p}.detail`} className="input min-h-12" value={s.detail} onChange={(e) => setStep(i, { detail: e.target.value })} />
                    </Field>
                    {s.type === 'command' ? (
                      <div className="grid gap-2 md:grid-cols-[1fr_8rem]">
                        <Field id={`${p}.command`} label="Command (shown to copy; never run by opsdeck)" error={err(`${p}.command`)}>
                          <textarea id={`${p}.command`} className="input min-h-12 font-mono text-xs" value={s.command} onChange={(e) => setStep(i, { command: e.target.value })} {...inv(`${p}.command`)} />
                        </Field>
                        <Field id={`${p}.shell`} label="Shell label" error={err(`${p}.shell`)}>
                          <input id={`${p}.shell`} className="input" value={s.shell} onChange={(e) => setStep(i, { shell: e.target.value })} placeholder="bash" />
                        </Field>
                      </div>
                    ) : null}
                    {s.type === 'verify' ? (
                      <div className="grid gap-2 md:grid-cols-4">
                        <Field id={`${p}.verify.kind`} label="Endpoint kind" error={err(`${p}.verify.kind`) ?? err(`${p}.verify`)}>
                          <select id={`${p}.verify.kind`} className="input" value={s.verifyKind} onChange={(e) => setStep(i, { verifyKind: e.target.value })}>
                            {VERIFY_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
                          </select>
                        </Field>
                        <Field id={`${p}.verify.condition`} label="Condition" error={err(`${p}.verify.condition`)}>
                          <select id={`${p}.verify.condition`} className="input" value={s.verifyCondition} onChange={(e) => setStep(i, { verifyCondition: e.target.value })}>
                            {CONDITIONS.map((c) => <option key={c} value={c}>{c.replace(/_/g, ' ')}</option>)}
                          </select>
                        </Field>
                        <Field id={`${p}.verify.threshold`} label="Threshold (% or ms)" error={err(`${p}.verify.threshold`)}>
                          <input id={`${p}.verify.threshold`} className="input" inputMode="decimal" value={s.verifyThreshold} onChange={(e) => setStep(i, { verifyThreshold: e.target.value })} {...inv(`${p}.verify.threshold`)} />
                        </Field>
                        <Field id={`${p}.verify.kpi`} label="KPI (for kpi below)" error={err(`${p}.verify.kpi`)}>
                          <select id={`${p}.verify.kpi`} className="input" value={s.verifyKpi} onChange={(e) => setStep(i, { verifyKpi: e.target.value })}>
                            <option value="">—</option>
                            {KPIS.map((k) => <option key={k} value={k}>{k}</option>)}
                          </select>
                        </Field>
                      </div>
                    ) : null}
                    {s.type === 'decision' ? (
                      <fieldset className="space-y-1.5">
                        <legend className="label">Branches</legend>
                        {s.branches.map((b, bi) => (
                          <div key={b.uid} className="grid gap-2 md:grid-cols-[8rem_1fr_1fr_auto]">
                            <input aria-label={`Branch ${bi + 1} key`} className="input font-mono" value={b.key} onChange={(e) => setStep(i, { branches: s.branches.map((x) => (x.uid === b.uid ? { ...x, key: e.target.value } : x)) })} aria-invalid={!!err(`${p}.branches.${bi}.key`)} />
                            <input aria-label={`Branch ${bi + 1} label`} className="input" placeholder="Label" value={b.label} onChange={(e) => setStep(i, { branches: s.branches.map((x) => (x.uid === b.uid ? { ...x, label: e.target.value } : x)) })} aria-invalid={!!err(`${p}.branches.${bi}.label`)} />
                            <input aria-label={`Branch ${bi + 1} detail`} className="input" placeholder="Detail (optional)" value={b.detail} onChange={(e) => setStep(i, { branches: s.branches.map((x) => (x.uid === b.uid ? { ...x, detail: e.target.value } : x)) })} />
                            <button type="button" className="btn px-2" onClick={() => setStep(i, { branches: s.branches.filter((x) => x.uid !== b.uid) })} aria-label={`Remove branch ${bi + 1}`}>✕</button>
                            <div className="md:col-span-4"><FieldError id={`${p}.branches.${bi}-err`} message={errUnder(`${p}.branches.${bi}`)} /></div>
                          </div>
                        ))}
                        <FieldError id={`${p}.branches-err`} message={err(`${p}.branches`)} />
                        <button type="button" className="text-xs text-accent hover:underline" onClick={() => setStep(i, { branches: [...s.branches, { uid: uid(), key: `branch-${s.branches.length + 1}`, label: '', detail: '' }] })}>+ Add a branch</button>
                      </fieldset>
                    ) : null}
                    <div className="grid gap-2 md:grid-cols-2">
                      <Field id={`${p}.guardrails`} label="Guardrails on this step — one per line" error={errUnder(`${p}.guardrails`)}>
                        <textarea id={`${p}.guardrails`} className="input min-h-12" value={s.guardrails} onChange={(e) => setStep(i, { guardrails: e.target.value })} />
                      </Field>
                      <div>
                        <Field id={`${p}.when.step`} label="Only if an earlier decision took…" error={errUnder(`${p}.when`)}>
                          <select id={`${p}.when.step`} className="input" value={s.whenStep} onChange={(e) => setStep(i, { whenStep: e.target.value, whenIs: [] })} disabled={!ds.length && !s.whenStep}>
                            <option value="">Always applies</option>
                            {ds.map((d) => <option key={d.uid} value={d.key}>{d.title || d.key}</option>)}
                            {s.whenStep && !chosen ? <option value={s.whenStep}>{s.whenStep} (not an earlier decision)</option> : null}
                          </select>
                        </Field>
                        {chosen ? (
                          <div className="mt-1 flex flex-wrap gap-2 text-sm">
                            {chosen.branches.map((b) => (
                              <label key={b.uid} className="flex items-center gap-1">
                                <input type="checkbox" checked={s.whenIs.includes(b.key)} onChange={(e) => setStep(i, { whenIs: e.target.checked ? [...s.whenIs, b.key] : s.whenIs.filter((x) => x !== b.key) })} />
                                {b.label || b.key}
                              </label>
                            ))}
                          </div>
                        ) : null}
                      </div>
                    </div>
                  </li>
                );
              })}
            </ol>
            <div className="flex flex-wrap gap-2">
              {STEP_TYPES.map((t) => (
                <button key={t} type="button" className="btn py-1" onClick={() => set({ steps: [...draft.steps, emptyStep(t, draft.steps.length + 1)] })}>
                  + {STEP_TYPE_META[t].label} step
                </button>
              ))}
            </div>
          </section>
        </>
      )}
    </form>
  );
}
