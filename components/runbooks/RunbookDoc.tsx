import type { RunbookDef } from '@/lib/runbooks/schema';
import { describeCondition } from '@/lib/runbooks/verify';
import { CommandBlock } from './CommandBlock';
import { Guardrails } from './Guardrails';
import { Prose } from './Prose';
import { SeverityHint, StepTypeTag } from './StepBits';

/** Which branches a conditional step belongs to, in words. */
export function whenText(def: Pick<RunbookDef, 'steps'>, when: { step: string; is: string[] }): string {
  const d = def.steps.find((s) => s.key === when.step);
  const labels = when.is.map((k) => d?.branches?.find((b) => b.key === k)?.label ?? k);
  return `Only if “${d?.title ?? when.step}” → ${labels.join(' or ')}`;
}

/** A runbook read as a document: what it is for, its guardrails, and each step with its own. */
export function RunbookDoc({ def }: { def: RunbookDef }) {
  return (
    <div className="space-y-4" data-testid="runbook-doc">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <SeverityHint hint={def.severityHint} />
        {def.schedule ? <span className="rounded border border-accent/40 px-1.5 text-xs text-accent">⟳ {def.schedule}</span> : null}
        {(def.symptoms ?? []).map((s) => (
          <span key={s} className="rounded bg-panel-2 px-1.5 text-xs text-muted">{s}</span>
        ))}
        {def.kinds?.length ? <span className="text-xs text-muted">checks {def.kinds.join(', ')}</span> : null}
      </div>
      {def.summary ? <p className="max-w-3xl text-base">{def.summary}</p> : null}
      {def.whenToUse ? (
        <section className="card p-3">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">When to use it</h2>
          <Prose text={def.whenToUse} className="mt-1" />
        </section>
      ) : null}
      <Guardrails items={def.guardrails} title="Do not — throughout this runbook" />
      <ol className="space-y-2">
        {def.steps.map((s, i) => (
          <li key={s.key} className="card p-3" data-testid={`doc-step-${s.key}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs text-muted">{i + 1}.</span>
              <StepTypeTag type={s.type} />
              <h3 className="font-medium">{s.title}</h3>
            </div>
            {s.when ? <p className="mt-1 text-xs text-accent">⑂ {whenText(def, s.when)}</p> : null}
            <Prose text={s.detail} className="mt-1.5 text-fg/90" />
            {s.guardrails?.length ? <div className="mt-2"><Guardrails items={s.guardrails} compact /></div> : null}
            {s.type === 'command' && s.command ? <div className="mt-2"><CommandBlock command={s.command} shell={s.shell} /></div> : null}
            {s.type === 'verify' && s.verify ? (
              <p className="mt-2 text-sm">
                <span aria-hidden className="text-accent">◎ </span>The console checks <strong>{describeCondition(s.verify)}</strong>
                {s.verify.service ? ` on ${s.verify.service}` : ' on the bound service'} and ticks this step itself.
              </p>
            ) : null}
            {s.type === 'decision' && s.branches ? (
              <ul className="mt-2 grid gap-1.5 sm:grid-cols-2">
                {s.branches.map((b) => (
                  <li key={b.key} className="rounded-md border border-line px-2.5 py-1.5 text-sm">
                    <span className="font-medium">{b.label}</span>
                    {b.detail ? <span className="block text-xs text-muted">{b.detail}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {def.body ? (
        <section className="card p-3">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">Background</h2>
          <Prose text={def.body} className="mt-1" />
        </section>
      ) : null}
    </div>
  );
}
