'use client';

import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { formatDateTime } from '@/components/ui/time';
import type { Role } from '@/lib/auth/roles';
import { hasRole } from '@/lib/auth/roles';
import type { SettableState } from '@/lib/runbooks/state';
import type { RunOut, RunStepOut } from '@/lib/runbooks/types';
import { describeCondition, evidenceLine } from '@/lib/runbooks/verify';
import { CommandBlock } from './CommandBlock';
import { Guardrails } from './Guardrails';
import { RUN_LIVE_MS, runKey, runsKey } from './keys';
import { ProgressBar } from './ProgressBar';
import { Prose } from './Prose';
import { whenText } from './RunbookDoc';
import { SeverityHint, StepStateBadge, StepTypeTag } from './StepBits';

const hms = (iso: string | null) => (iso ? iso.slice(11, 19) : '');

interface ChangeBody {
  state: SettableState;
  note?: string;
  link?: string;
  branch?: string;
  override?: boolean;
}

function useStepChange(runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: ChangeBody }) => api<{ run: RunOut }>(`/api/v1/checklists/${runId}/steps/${encodeURIComponent(key)}`, { method: 'PATCH', body }),
    onSuccess: (r) => {
      qc.setQueryData(runKey(runId), r.run);
      void qc.invalidateQueries({ queryKey: runsKey });
    },
  });
}

/** Note / reason entry for skip, fail, override and decisions. */
function ReasonForm({ label, submitLabel, onSubmit, onCancel, pending, error, danger, withLink }: {
  label: string;
  submitLabel: string;
  onSubmit: (note: string, link: string) => void;
  onCancel: () => void;
  pending: boolean;
  error?: ApiClientError | null;
  danger?: boolean;
  withLink?: boolean;
}) {
  const [note, setNote] = useState('');
  const [link, setLink] = useState('');
  const id = `reason-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <form
      className="mt-2 space-y-2 rounded-md border border-line bg-panel-2/60 p-2.5"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(note, link);
      }}
    >
      <label className="label" htmlFor={id}>{label}</label>
      <textarea id={id} className="input min-h-14" value={note} onChange={(e) => setNote(e.target.value)} autoFocus aria-invalid={!!error?.field('note')} aria-describedby={`${id}-err`} />
      <FieldError id={`${id}-err`} message={error?.field('note')} />
      {withLink ? (
        <>
          <label className="label" htmlFor={`${id}-link`}>Link (optional)</label>
          <input id={`${id}-link`} className="input" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://…" />
          <FieldError id={`${id}-link-err`} message={error?.field('link')} />
        </>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'} py-1`} disabled={pending}>{submitLabel}</button>
        <button type="button" className="btn py-1" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function VerificationPanel({ step }: { step: RunStepOut }) {
  const live = step.live;
  const verified = step.state === 'verified';
  return (
    <div className="mt-2 rounded-md border border-line bg-bg/60 px-3 py-2 text-sm" data-testid="verification" aria-live="polite">
      <p>
        <span aria-hidden className="text-accent">◎ </span>
        Checks <strong>{step.verify ? describeCondition(step.verify) : ''}</strong> against the latest probe result.
      </p>
      {verified && step.evidence ? (
        <p className="mt-1 text-up" data-testid="evidence">
          <span aria-hidden>✔ </span>
          {step.overridden ? 'Overridden' : 'Proved'} by the probe result: {evidenceLine(step.evidence)}
          {step.evidence.error ? <span className="text-muted"> · {step.evidence.error}</span> : null}
        </p>
      ) : null}
      {!verified && live ? (
        <p className={`mt-1 ${live.outcome === 'holds' ? 'text-up' : live.outcome === 'fails' ? 'text-down' : 'text-muted'}`} data-testid="live-outcome" data-outcome={live.outcome}>
          <span aria-hidden>{live.outcome === 'holds' ? '● ' : live.outcome === 'fails' ? '✖ ' : '? '}</span>
          {live.outcome === 'holds' ? 'Holds now' : live.outcome === 'fails' ? 'Does not hold yet' : 'Cannot tell yet'}: {live.reason}
          {live.evidence?.at ? <span className="text-muted"> · checked {hms(live.evidence.at)} UTC</span> : null}
        </p>
      ) : null}
      {!verified && step.applies ? <p className="mt-1 text-xs text-muted">It ticks itself as soon as the condition holds.</p> : null}
    </div>
  );
}

function StepCard({ run, step, index, role, open }: { run: RunOut; step: RunStepOut; index: number; role: Role; open: boolean }) {
  const change = useStepChange(run.id);
  const [mode, setMode] = useState<null | 'skip' | 'fail' | 'override' | 'note'>(null);
  const [branch, setBranch] = useState<string>(step.branch ?? '');
  const [why, setWhy] = useState('');
  const canRun = hasRole(role, 'responder') && open;
  const commander = hasRole(role, 'commander');
  const finished = step.state !== 'pending' && step.state !== 'not_applicable';
  const na = step.state === 'not_applicable' || (!step.applies && step.reason?.startsWith('Not applicable'));
  const waiting = !step.applies && !na;
  const err = change.error instanceof ApiClientError ? change.error : null;
  const send = (body: ChangeBody) => change.mutate({ key: step.key, body }, { onSuccess: () => setMode(null) });
  const displayState = waiting && step.state === 'pending' ? 'waiting' : na ? 'not_applicable' : step.state;

  return (
    <li
      className={`card p-3 transition-opacity ${na ? 'opacity-55' : ''} ${step.state === 'failed' ? 'border-down/50' : ''}`}
      data-testid={`run-step-${step.key}`}
      data-state={displayState}
      aria-label={`Step ${index + 1}: ${step.title}`}
    >
      <div className="flex flex-wrap items-start gap-2">
        <span className="mt-0.5 font-mono text-xs text-muted">{index + 1}.</span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <StepTypeTag type={step.type} />
            <h3 className={`font-medium ${na ? 'line-through decoration-muted/60' : ''}`}>{step.title}</h3>
          </div>
          {step.when ? <p className="mt-0.5 text-xs text-accent">⑂ {whenText(run, step.when)}</p> : null}
        </div>
        <StepStateBadge state={displayState} overridden={step.overridden} />
      </div>

      {na || waiting ? <p className="mt-1.5 text-sm text-muted" data-testid="step-reason">{step.reason}</p> : null}

      {!na ? (
        <>
          <Prose text={step.detail} className="mt-1.5 text-fg/90" />
          {step.guardrails?.length ? <div className="mt-2"><Guardrails items={step.guardrails} compact /></div> : null}
          {step.type === 'command' && step.command ? <div className="mt-2"><CommandBlock command={step.command} shell={step.shell} /></div> : null}
          {step.type === 'verify' ? <VerificationPanel step={step} /> : null}
        </>
      ) : null}

      {step.type === 'decision' && step.state === 'done' && step.branch ? (
        <p className="mt-2 text-sm" data-testid="branch-taken">
          <span aria-hidden className="text-accent">⑂ </span>Took <strong>{step.branches?.find((b) => b.key === step.branch)?.label ?? step.branch}</strong>
          {step.note ? <> — {step.note}</> : null}
        </p>
      ) : null}

      {finished && step.by && !(step.type === 'decision' && step.state === 'done') ? (
        <p className="mt-2 text-xs text-muted" data-testid="step-who">
          {step.by} · <time dateTime={step.at ?? undefined} title={formatDateTime(step.at)}>{hms(step.at)} UTC</time>
          {step.note ? <span className="text-fg"> — {step.note}</span> : null}
          {step.link ? (
            <> · <a className="text-accent hover:underline" href={step.link} target="_blank" rel="noreferrer noopener">{step.link}</a></>
          ) : null}
        </p>
      ) : null}
      {step.type === 'decision' && step.state === 'done' && step.by ? <p className="mt-0.5 text-xs text-muted">{step.by} · {hms(step.at)} UTC</p> : null}

      {/* Controls */}
      {canRun && step.applies ? (
        <div className="mt-2.5">
          {step.type === 'decision' && step.state !== 'done' ? (
            <fieldset className="space-y-2" data-testid="decision">
              <legend className="label">Choose the branch</legend>
              <div className="grid gap-1.5 sm:grid-cols-3">
                {step.branches?.map((b) => (
                  <label key={b.key} className={`flex cursor-pointer items-start gap-2 rounded-md border px-2.5 py-1.5 text-sm ${branch === b.key ? 'border-accent bg-accent/10' : 'border-line hover:border-muted'}`}>
                    <input type="radio" name={`branch-${step.key}`} value={b.key} checked={branch === b.key} onChange={() => setBranch(b.key)} className="mt-1" />
                    <span>
                      <span className="font-medium">{b.label}</span>
                      {b.detail ? <span className="block text-xs text-muted">{b.detail}</span> : null}
                    </span>
                  </label>
                ))}
              </div>
              <FieldError id={`branch-${step.key}-err`} message={err?.field('branch')} />
              <label className="label" htmlFor={`why-${step.key}`}>Why this branch</label>
              <textarea id={`why-${step.key}`} className="input min-h-12" value={why} onChange={(e) => setWhy(e.target.value)} aria-describedby={`why-${step.key}-err`} />
              <FieldError id={`why-${step.key}-err`} message={err?.field('note')} />
              <button type="button" className="btn btn-primary" disabled={change.isPending || !branch} onClick={() => send({ state: 'done', branch, note: why })}>
                Take this branch
              </button>
            </fieldset>
          ) : null}

          {step.state === 'pending' && step.type !== 'decision' ? (
            <div className="flex flex-wrap gap-2">
              {step.type === 'verify' ? (
                <button type="button" className="btn btn-primary py-1" disabled={change.isPending || step.live?.outcome !== 'holds'} onClick={() => send({ state: 'verified' })} title={step.live?.outcome !== 'holds' ? 'Verifiable once the condition holds' : undefined}>
                  ✔ Mark verified
                </button>
              ) : (
                <button type="button" className="btn btn-primary py-1" disabled={change.isPending} onClick={() => send({ state: 'done' })}>✔ Done</button>
              )}
              {step.type !== 'verify' ? <button type="button" className="btn py-1" onClick={() => setMode('note')}>Done with a note…</button> : null}
              <button type="button" className="btn py-1" onClick={() => setMode('skip')}>Skip…</button>
              <button type="button" className="btn py-1" onClick={() => setMode('fail')}>Failed…</button>
              {step.type === 'verify' && commander && step.live?.outcome !== 'holds' ? (
                <button type="button" className="btn btn-danger py-1" onClick={() => setMode('override')}>Override…</button>
              ) : null}
            </div>
          ) : null}
          {finished ? (
            <button type="button" className="text-xs text-muted underline-offset-2 hover:text-fg hover:underline" onClick={() => send({ state: 'pending' })} disabled={change.isPending}>
              Reopen this step
            </button>
          ) : null}

          {mode === 'note' ? <ReasonForm label="Note (what was done, what you saw)" submitLabel="Mark done" withLink pending={change.isPending} error={err} onCancel={() => setMode(null)} onSubmit={(note, link) => send({ state: 'done', note, link })} /> : null}
          {mode === 'skip' ? <ReasonForm label="Why skip it? (required)" submitLabel="Skip the step" pending={change.isPending} error={err} onCancel={() => setMode(null)} onSubmit={(note) => send({ state: 'skipped', note })} /> : null}
          {mode === 'fail' ? <ReasonForm label="What failed? (required)" submitLabel="Mark failed" danger withLink pending={change.isPending} error={err} onCancel={() => setMode(null)} onSubmit={(note, link) => send({ state: 'failed', note, link })} /> : null}
          {mode === 'override' ? (
            <ReasonForm label="Commander’s override: why is it verified although the check fails? (required)" submitLabel="Override and mark verified" danger pending={change.isPending} error={err} onCancel={() => setMode(null)} onSubmit={(note) => send({ state: 'verified', override: true, note })} />
          ) : null}
          {change.error && !err?.issues.length ? <div className="mt-2"><FormError error={change.error.message} /></div> : null}
        </div>
      ) : null}
    </li>
  );
}

export function RunView({ initial, role }: { initial: RunOut; role: Role }) {
  const q = useQuery({ queryKey: runKey(initial.id), queryFn: () => api<{ run: RunOut }>(`/api/v1/checklists/${initial.id}`).then((r) => r.run), initialData: initial, refetchInterval: RUN_LIVE_MS });
  const run = q.data ?? initial;
  const [showHistory, setShowHistory] = useState(false);

  return (
    <div className="space-y-4">
      <header className="space-y-2">
        <p className="text-xs text-muted">
          {run.incident ? (
            <Link href={`/incidents/${run.incident.id}`} className="hover:text-fg hover:underline">Incident #{run.incident.number} · {run.incident.title}</Link>
          ) : (
            <Link href="/checklists" className="hover:text-fg hover:underline">Checklist runs</Link>
          )}{' '}
          / {run.runbook.slug}
        </p>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold tracking-tight">{run.runbook.title}</h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
              <SeverityHint hint={run.severityHint} />
              <Link className="hover:text-fg hover:underline" href={`/runbooks/${run.runbook.slug}?version=${run.runbook.version}`}>
                version {run.runbook.version}
              </Link>
              {run.runbook.version !== run.runbook.currentVersion ? <span className="text-degraded">(runbook now at v{run.runbook.currentVersion}; this run keeps v{run.runbook.version})</span> : null}
              <span>· started by {run.startedBy} at {formatDateTime(run.startedAt)}</span>
              {run.scheduleOccurrence ? <span>· for {run.scheduleOccurrence}</span> : null}
            </p>
            <p className="mt-1 text-sm" data-testid="bound-service">
              {run.service ? (
                <>Verifications check <Link className="text-accent hover:underline" href={`/services/${run.service.id}`}>{run.service.name}</Link> ({run.service.environment})</>
              ) : (
                <span className="text-muted">No service bound: verification steps cannot check themselves.</span>
              )}
            </p>
          </div>
          <div className="w-full max-w-xs">
            <ProgressBar progress={run.progress} label="Checklist progress" />
            {run.completedAt ? <p className="mt-1 text-xs text-up">✔ Completed {formatDateTime(run.completedAt)}</p> : null}
          </div>
        </div>
        {q.isError ? <p role="status" className="text-xs text-degraded">▲ Live updates paused: {q.error.message}</p> : null}
      </header>

      <Guardrails items={run.guardrails} title="Do not — throughout this runbook" />

      <ol className="space-y-2" data-testid="run-steps">
        {run.steps.map((s, i) => (
          <StepCard key={s.key} run={run} step={s} index={i} role={role} open />
        ))}
      </ol>

      <section className="card">
        <button type="button" className="flex w-full items-center justify-between px-3 py-2 text-left text-sm font-medium" onClick={() => setShowHistory((v) => !v)} aria-expanded={showHistory}>
          <span>History ({run.history.length})</span>
          <span aria-hidden className="text-muted">{showHistory ? '▾' : '▸'}</span>
        </button>
        {showHistory ? (
          <ol className="border-t border-line text-sm" data-testid="run-history">
            {run.history.map((h) => (
              <li key={h.id} className="grid grid-cols-[4.5rem_1fr] gap-2 border-b border-line/50 px-3 py-1.5">
                <time className="font-mono text-xs text-muted" dateTime={h.at}>{hms(h.at)}</time>
                <span>
                  <span className="text-muted">{h.actor}: </span>
                  {h.body}
                </span>
              </li>
            ))}
          </ol>
        ) : null}
      </section>
    </div>
  );
}
