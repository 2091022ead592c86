'use client';

import Link from 'next/link';
import { EVENT_META } from '@/components/incidents/Badges';
import { formatDateTime } from '@/components/ui/time';
import { formatSeconds, type Metrics } from '@/lib/postmortems/measurements';
import type { DraftSnapshot } from '@/lib/postmortems/types';

// The measured side of the review: response times, impact per service, the
// checklists run and the key moments of the timeline.

const MEASURES: { key: keyof Metrics & `timeTo${string}`; label: string; from: (m: Metrics) => string }[] = [
  { key: 'timeToDetectSeconds', label: 'Time to detect', from: (m) => (m.detectedAt ? `first failing ${m.detectedBy ?? 'signal'} ${formatDateTime(m.detectedAt).slice(11, 16)} → declared` : 'nothing failing was seen before declaring') },
  { key: 'timeToAcknowledgeSeconds', label: 'Time to acknowledge', from: (m) => (m.acknowledgedAt ? 'declared → acknowledged' : 'never acknowledged') },
  { key: 'timeToMitigateSeconds', label: 'Time to mitigate', from: (m) => (m.mitigatedAt ? 'declared → impact over' : 'not mitigated') },
  { key: 'timeToResolveSeconds', label: 'Time to resolve', from: (m) => (m.reopened ? 'declared → final resolution' : 'declared → resolved') },
];

export function MeasurementCards({ metrics }: { metrics: Metrics }) {
  return (
    <section aria-labelledby="measurements-h" className="space-y-2">
      <h2 id="measurements-h" className="text-sm font-semibold">Response measurements</h2>
      <dl className="grid grid-cols-2 gap-2" data-testid="measurements">
        {MEASURES.map((x) => {
          const v = metrics[x.key] as number | null;
          return (
            <div key={x.key} className="card p-3" data-measure={x.key}>
              <dt className="text-xs text-muted">{x.label}</dt>
              <dd className={`mt-0.5 text-lg font-semibold tabular-nums ${v === null ? 'text-muted' : ''}`}>{formatSeconds(v)}</dd>
              <dd className="text-[11px] text-muted">{x.from(metrics)}</dd>
            </div>
          );
        })}
      </dl>
      {metrics.reopened ? (
        <p className="rounded-md border border-degraded/40 bg-degraded/10 px-3 py-1.5 text-xs text-degraded">
          <span aria-hidden>↺ </span>Reopened {metrics.reopenCount}× — measured from the first declaration to the final resolution.
        </p>
      ) : null}
    </section>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`);

export function ImpactTable({ draft }: { draft: DraftSnapshot }) {
  return (
    <section aria-labelledby="impact-h" className="space-y-2">
      <h2 id="impact-h" className="text-sm font-semibold">Impact</h2>
      {draft.impact.length === 0 ? (
        <p className="card p-3 text-sm text-muted">No services were attached to the incident, so no impact was measured.</p>
      ) : (
        <div className="space-y-2" data-testid="impact-table">
          <p className="text-[11px] text-muted">
            From {formatDateTime(draft.impact[0].from).slice(0, 16)} to {formatDateTime(draft.impact[0].to).slice(0, 16)} UTC, from the probes’ results{draft.impact.some((s) => s.source === 'rollups') ? ' (per-minute rollups where the raw results have aged out)' : ''}.
          </p>
          {draft.impact.map((s) => (
            <div key={s.serviceId} className="card p-3">
              <p className="text-sm font-medium">
                {s.name} <span className="font-normal text-muted">({s.environment})</span>
              </p>
              <dl className="mt-1.5 grid grid-cols-2 gap-x-3 gap-y-1.5 text-xs">
                <div>
                  <dt className="text-muted">Downtime</dt>
                  <dd className={`font-semibold tabular-nums ${s.downtimeSeconds > 0 ? 'text-down' : ''}`}>{formatSeconds(s.downtimeSeconds)}</dd>
                </div>
                <div>
                  <dt className="text-muted">Availability</dt>
                  <dd className="font-semibold tabular-nums">{pct(s.availabilityPercent)}</dd>
                </div>
                <div>
                  <dt className="text-muted">Error rate mean / peak</dt>
                  <dd className="font-semibold tabular-nums">{s.errorRateAvg === null ? 'not reported' : `${pct(s.errorRateAvg)} / ${pct(s.errorRateMax)}`}</dd>
                </div>
                <div>
                  <dt className="text-muted">Checks (failed)</dt>
                  <dd className="font-semibold tabular-nums">{s.checks} ({s.failedChecks})</dd>
                </div>
              </dl>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

export function ChecklistsRun({ draft }: { draft: DraftSnapshot }) {
  return (
    <section aria-labelledby="checklists-h" className="space-y-2">
      <h2 id="checklists-h" className="text-sm font-semibold">Checklists run</h2>
      {draft.checklists.length === 0 ? (
        <p className="card p-3 text-sm text-muted" data-testid="no-checklists">No checklists were run.</p>
      ) : (
        <ul className="card divide-y divide-line/60 text-sm">
          {draft.checklists.map((c, i) => (
            <li key={c.runId ?? `${c.runbookTitle}-${i}`} className="space-y-1 px-3 py-2" data-testid="checklist-run">
              <div className="flex flex-wrap justify-between gap-2">
                {c.runId ? (
                  <Link href={`/checklists/${c.runId}`} className="font-medium hover:underline">{c.runbookTitle}</Link>
                ) : (
                  <span className="font-medium">{c.runbookTitle}</span>
                )}
                <span className="text-xs text-muted tabular-nums">
                  {c.done}/{c.total} done · {c.skipped} skipped · {c.failed > 0 ? <span className="text-down">✖ {c.failed} failed</span> : '0 failed'} ·{' '}
                  {c.completedAt ? `finished ${formatDateTime(c.completedAt).slice(11, 16)}` : 'not finished'}
                </span>
              </div>
              {c.decisions?.length ? (
                <ul className="text-xs text-muted">
                  {c.decisions.map((d) => (
                    <li key={d}><span aria-hidden>⑂ </span>{d}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function KeyTimeline({ draft }: { draft: DraftSnapshot }) {
  return (
    <section aria-labelledby="timeline-h" className="space-y-2">
      <h2 id="timeline-h" className="text-sm font-semibold">Key timeline</h2>
      <ol className="card divide-y divide-line/50 text-sm" data-testid="key-timeline">
        {draft.keyEvents.map((e, i) => {
          const meta = EVENT_META[e.type];
          return (
            <li key={`${e.at}-${i}`} className="grid grid-cols-[6.5rem_1fr] gap-x-2 px-3 py-1.5">
              <time dateTime={e.at} title={formatDateTime(e.at)} className="font-mono text-xs text-muted tabular-nums">{e.at.slice(5, 10)} {e.at.slice(11, 19)}</time>
              <div className="min-w-0">
                <span className={`mr-1.5 text-xs ${meta.text}`}><span aria-hidden>{meta.icon}</span> {meta.label}</span>
                <span className="break-words">{e.body}</span>
                <span className="ml-1 text-xs text-muted">— {e.actor}</span>
              </div>
            </li>
          );
        })}
      </ol>
      <p className="text-[11px] text-muted">Measured {formatDateTime(draft.draftedAt)}.</p>
    </section>
  );
}
