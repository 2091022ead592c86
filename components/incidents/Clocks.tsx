'use client';

import { formatDateTime } from '@/components/ui/time';
import { computeClocks, formatCountdown, formatDuration, type Clock, type Clocks } from '@/lib/incidents/clocks';
import type { SeverityLevel } from '@/lib/incidents/policy';
import type { IncidentSummaryOut } from '@/lib/incidents/types';

/** The clocks against the browser's ticking clock; the server's copy until the policy is known. */
export function liveClocks(i: IncidentSummaryOut, level: SeverityLevel | undefined, now: number): Clocks {
  return level ? computeClocks(i, level, now) : i.clocks;
}

function responseLine(c: Clocks['response'], acknowledged: boolean): { text: string; tone: string; icon: string } {
  // A resolution nobody acknowledged stops the clock too; say which it was.
  const verb = acknowledged ? 'acknowledged' : 'resolved unacknowledged';
  switch (c.state) {
    case 'none':
      return c.stoppedAt ? { text: acknowledged ? 'Acknowledged' : 'Resolved unacknowledged', tone: acknowledged ? 'text-up' : 'text-muted', icon: acknowledged ? '✔' : '—' } : { text: c.text, tone: 'text-muted', icon: '◷' };
    case 'running':
      return { text: `Due in ${formatCountdown(c.remainingMs ?? 0)}`, tone: 'text-fg', icon: '◷' };
    case 'overdue':
      return { text: `Overdue by ${formatCountdown(c.remainingMs ?? 0)}`, tone: 'text-down font-semibold', icon: '✖' };
    case 'met':
      return { text: `Met: ${verb} after ${formatDuration(Date.parse(c.stoppedAt!) - Date.parse(c.startedAt))}`, tone: acknowledged ? 'text-up' : 'text-muted', icon: acknowledged ? '✔' : '—' };
    case 'missed':
      return { text: `Missed: ${verb} after ${formatDuration(Date.parse(c.stoppedAt!) - Date.parse(c.startedAt))}`, tone: 'text-degraded', icon: '▲' };
  }
}

function escalationLine(c: Clock): { text: string; tone: string; icon: string } {
  switch (c.state) {
    case 'none':
      return { text: 'No escalation at this level', tone: 'text-muted', icon: '—' };
    case 'running':
      return { text: `Escalate in ${formatCountdown(c.remainingMs ?? 0)}`, tone: 'text-fg', icon: '◷' };
    case 'overdue':
      return { text: `Escalate now: overdue by ${formatCountdown(c.remainingMs ?? 0)}`, tone: 'text-down font-semibold', icon: '✖' };
    case 'met':
      return { text: 'Stopped: mitigated in time', tone: 'text-up', icon: '✔' };
    case 'missed':
      return { text: 'Mitigated after the escalation deadline', tone: 'text-degraded', icon: '▲' };
  }
}

/** The commander's clocks panel: open since, response, escalation, postmortem. */
export function ClocksPanel({ clocks, acknowledgedBy, idPrefix = 'clocks' }: { clocks: Clocks; acknowledgedBy: string | null; idPrefix?: string }) {
  const r = responseLine(clocks.response, !!acknowledgedBy);
  const e = escalationLine(clocks.escalation);
  return (
    <section aria-labelledby={`${idPrefix}-h`} className={`card p-3 ${clocks.overdue ? 'border-down/60' : ''}`} data-testid={idPrefix}>
      <h2 id={`${idPrefix}-h`} className="label">Clocks</h2>
      <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-muted">{clocks.running ? 'Open for' : 'Lasted'}</dt>
        <dd className="text-base font-semibold tabular-nums" data-testid={`${idPrefix}-elapsed`}>{formatDuration(clocks.elapsedMs)}</dd>
        <dt className="text-muted">Response</dt>
        <dd className={r.tone} data-testid={`${idPrefix}-response`} data-state={clocks.response.state} title={clocks.response.dueAt ? `target ${formatDateTime(clocks.response.dueAt)}` : clocks.response.text}>
          <span aria-hidden>{r.icon} </span>
          <span className="tabular-nums">{r.text}</span>
          {acknowledgedBy && clocks.response.stoppedAt ? <span className="block truncate text-xs text-muted">by {acknowledgedBy}</span> : null}
        </dd>
        <dt className="text-muted">Escalation</dt>
        <dd className={e.tone} data-testid={`${idPrefix}-escalation`} data-state={clocks.escalation.state} title={clocks.escalation.dueAt ? `deadline ${formatDateTime(clocks.escalation.dueAt)}` : undefined}>
          <span aria-hidden>{e.icon} </span>
          <span className="tabular-nums">{e.text}</span>
        </dd>
        {clocks.postmortem.required ? (
          <>
            <dt className="text-muted">Postmortem</dt>
            <dd>{clocks.postmortem.dueAt ? `due ${formatDateTime(clocks.postmortem.dueAt)}` : `due ${clocks.postmortem.businessDays} business days after resolution`}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** One compact line for lists: the most urgent clock (overdue first, then the response still to come). */
export function ClockSummary({ clocks, acknowledged }: { clocks: Clocks; acknowledged: boolean }) {
  if (!clocks.running) return <span className="text-muted">lasted {formatDuration(clocks.elapsedMs)}</span>;
  const { response: r, escalation: e } = clocks;
  const urgent =
    r.state === 'overdue'
      ? responseLine(r, acknowledged)
      : e.state === 'overdue'
        ? escalationLine(e)
        : r.state === 'running'
          ? responseLine(r, acknowledged)
          : e.state === 'running'
            ? escalationLine(e)
            : responseLine(r, acknowledged);
  return (
    <span className="inline-flex flex-col">
      <span className="tabular-nums">open {formatDuration(clocks.elapsedMs)}</span>
      <span className={`text-xs ${urgent.tone}`}>
        <span aria-hidden>{urgent.icon} </span>
        <span className="tabular-nums">{urgent.text}</span>
      </span>
    </span>
  );
}
