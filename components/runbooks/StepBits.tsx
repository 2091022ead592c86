import type { StepType } from '@/lib/runbooks/schema';
import type { StepState } from '@/lib/runbooks/state';

export const STEP_TYPE_META: Record<StepType, { icon: string; label: string }> = {
  manual: { icon: '✋', label: 'Manual' },
  command: { icon: '›_', label: 'Command' },
  verify: { icon: '◎', label: 'Verification' },
  decision: { icon: '⑂', label: 'Decision' },
};

export function StepTypeTag({ type }: { type: StepType }) {
  const m = STEP_TYPE_META[type];
  return (
    <span className="inline-flex items-center gap-1 rounded border border-line px-1.5 py-0 text-[11px] uppercase tracking-wide text-muted">
      <span aria-hidden className="font-mono">{m.icon}</span>
      {m.label}
    </span>
  );
}

export const STATE_META: Record<StepState | 'waiting', { icon: string; word: string; cls: string }> = {
  pending: { icon: '○', word: 'To do', cls: 'border-line text-muted' },
  waiting: { icon: '⋯', word: 'Waiting', cls: 'border-line text-muted' },
  done: { icon: '✔', word: 'Done', cls: 'border-up/40 bg-up/10 text-up' },
  verified: { icon: '✔', word: 'Verified', cls: 'border-up/40 bg-up/10 text-up' },
  skipped: { icon: '↷', word: 'Skipped', cls: 'border-unknown/40 bg-unknown/10 text-muted' },
  failed: { icon: '✖', word: 'Failed', cls: 'border-down/40 bg-down/10 text-down' },
  not_applicable: { icon: '–', word: 'Not applicable', cls: 'border-line text-muted' },
};

export function StepStateBadge({ state, overridden }: { state: StepState | 'waiting'; overridden?: boolean }) {
  const m = STATE_META[state];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${m.cls}`} data-step-state={state}>
      <span aria-hidden>{m.icon}</span>
      {m.word}
      {overridden ? ' (override)' : ''}
    </span>
  );
}

export function SeverityHint({ hint }: { hint?: string | null }) {
  if (!hint) return null;
  const cls = hint === 'P1' ? 'border-down/50 text-down' : hint === 'P2' ? 'border-degraded/50 text-degraded' : 'border-line text-muted';
  return <span className={`inline-flex items-center rounded border px-1.5 text-xs font-semibold ${cls}`} title={`Usually a ${hint} incident`}>{hint}</span>;
}
