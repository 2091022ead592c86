'use client';

import { useMemo } from 'react';
import { useNow } from '@/components/services/useNow';
import type { ServiceOut } from '@/lib/catalog/types';
import { triage } from '@/lib/triage/triage';
import type { CheckState, TriageCheck } from '@/lib/triage/types';
import { CopyTextButton } from './CopyTextButton';
import { useServiceDeploys } from './useServiceDeploys';

// Never colour alone: each state has its icon and its word as well.
const STATE: Record<CheckState, { icon: string; word: string; cls: string }> = {
  pass: { icon: '✔', word: 'Pass', cls: 'border-up/40 bg-up/10 text-up' },
  warn: { icon: '⚠', word: 'Warn', cls: 'border-degraded/40 bg-degraded/10 text-degraded' },
  fail: { icon: '✖', word: 'Fail', cls: 'border-down/40 bg-down/10 text-down' },
  na: { icon: '–', word: 'N/A', cls: 'border-line bg-panel-2 text-muted' },
};

function StateChip({ state }: { state: CheckState }) {
  const s = STATE[state];
  return (
    <span className={`inline-flex w-16 items-center justify-center gap-1 rounded-full border px-1.5 py-0.5 text-[11px] font-medium ${s.cls}`} data-state={state}>
      <span aria-hidden>{s.icon}</span>
      {s.word}
    </span>
  );
}

/**
 * "First two minutes": the checks the runbooks start with, judged from the
 * live service (refreshed with the page) and its deploy log, with the same
 * summary as text to paste into the incident channel.
 */
export function TriagePanel({ service }: { service: ServiceOut }) {
  const deploys = useServiceDeploys(service.id);
  const now = useNow(5_000);
  const result = useMemo(() => triage(service, service.endpoints, deploys.data ?? [], now), [service, deploys.data, now]);
  const checks: TriageCheck[] = deploys.data
    ? result.checks
    : result.checks.map((c) =>
        c.id === 'deploys'
          ? { ...c, state: 'na', value: deploys.isError ? 'unavailable' : 'loading…', detail: deploys.isError ? deploys.error.message : null }
          : c,
      );
  const counts = { fail: checks.filter((c) => c.state === 'fail').length, warn: checks.filter((c) => c.state === 'warn').length };

  return (
    <section aria-labelledby="triage-title" data-testid="triage" className="card p-3">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="triage-title" className="text-sm font-semibold">First two minutes</h2>
          <p className="text-xs text-muted">
            What the runbooks check first ·{' '}
            <span className={counts.fail ? 'text-down' : counts.warn ? 'text-degraded' : 'text-up'}>
              {counts.fail || counts.warn
                ? [counts.fail ? `${counts.fail} failing` : null, counts.warn ? `${counts.warn} to watch` : null].filter(Boolean).join(', ')
                : checks.some((c) => c.id !== 'deploys' && c.state !== 'na')
                  ? 'all clear'
                  : 'nothing measured yet'}
            </span>
          </p>
        </div>
        <CopyTextButton text={result.text} disabled={!deploys.data} />
      </div>
      <div className="overflow-x-auto">
        <table className="table" aria-label="Triage checks">
          <thead>
            <tr>
              <th scope="col" className="w-20">State</th>
              <th scope="col">Check</th>
              <th scope="col">Measured</th>
              <th scope="col">Threshold</th>
              <th scope="col" className="hidden lg:table-cell">Detail</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.id} data-check={c.id} data-state={c.state}>
                <td className="py-1 align-middle"><StateChip state={c.state} /></td>
                <th scope="row" className="border-line/60 py-1 text-left align-middle text-sm font-medium normal-case tracking-normal text-fg">
                  <span className="whitespace-nowrap">{c.label}</span>
                  {/* Narrow screens: the detail under the label instead of in a column of its own. */}
                  {c.detail ? <span className="block text-xs font-normal text-muted lg:hidden" suppressHydrationWarning>{c.detail}</span> : null}
                </th>
                <td className="whitespace-nowrap py-1 align-middle font-mono text-xs" suppressHydrationWarning>{c.value ?? <span className="text-muted">—</span>}</td>
                <td className="py-1 align-middle text-xs text-muted lg:whitespace-nowrap">{c.threshold ?? '—'}</td>
                <td className="hidden py-1 align-middle text-xs text-muted lg:table-cell" suppressHydrationWarning>{c.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
