import type { Dashboard } from '@/lib/dashboard/query';

// Four big numbers. A problem is coloured, with its icon; a zero stays grey and quiet.

interface Count {
  key: string;
  label: string;
  value: number;
  icon: string;
  tone: 'down' | 'degraded' | null;
  sub: React.ReactNode;
}

const TONE = {
  down: { text: 'text-down', border: 'border-down/50' },
  degraded: { text: 'text-degraded', border: 'border-degraded/50' },
} as const;

function counts(c: Dashboard['counts']): Count[] {
  return [
    { key: 'down', label: 'Services down', value: c.down, icon: '✖', tone: c.down ? 'down' : null, sub: `of ${c.services} service${c.services === 1 ? '' : 's'}` },
    {
      key: 'degraded',
      label: 'Degraded',
      value: c.degraded,
      icon: '▲',
      tone: c.degraded ? 'degraded' : null,
      sub: `${c.up} up · ${c.unknown} unknown`,
    },
    {
      key: 'alerts',
      label: 'Open alerts',
      value: c.openAlerts,
      icon: '⚠',
      tone: c.criticalAlerts ? 'down' : c.openAlerts ? 'degraded' : null,
      sub: c.criticalAlerts ? <span className="text-down">✖ {c.criticalAlerts} critical</span> : c.openAlerts ? 'none critical' : 'none firing',
    },
    { key: 'incidents', label: 'Open incidents', value: c.openIncidents, icon: '⚑', tone: c.openIncidents ? 'down' : null, sub: c.openIncidents ? 'being handled' : 'none open' },
  ];
}

/** The counts in one sentence, for the aria-live region: read out only when they change. */
export function countsSentence(c: Dashboard['counts']): string {
  return `${c.down} down, ${c.degraded} degraded, ${c.openAlerts} open alert${c.openAlerts === 1 ? '' : 's'}${c.criticalAlerts ? ` (${c.criticalAlerts} critical)` : ''}, ${c.openIncidents} open incident${c.openIncidents === 1 ? '' : 's'}.`;
}

export function SummaryCounts({ data }: { data: Dashboard['counts'] | null }) {
  return (
    <dl className="grid grid-cols-2 gap-3" aria-label="Summary">
      {(data ? counts(data) : null)?.map((c) => {
        const tone = c.tone ? TONE[c.tone] : null;
        return (
          <div key={c.key} className={`card flex h-[5.5rem] flex-col justify-between px-4 py-2.5 ${tone ? tone.border : ''}`} data-testid={`count-${c.key}`}>
            <dt className="text-xs font-medium tracking-wide text-muted uppercase">{c.label}</dt>
            <dd className={`flex items-baseline gap-2 text-3xl font-semibold tabular-nums leading-none ${tone ? tone.text : 'text-muted/80'}`}>
              {tone ? <span aria-hidden className="text-xl">{c.icon}</span> : null}
              <span data-testid={`count-${c.key}-value`}>{c.value}</span>
            </dd>
            <dd className="truncate text-xs text-muted">{c.sub}</dd>
          </div>
        );
      }) ??
        Array.from({ length: 4 }, (_, i) => <div key={i} aria-hidden className="card h-[5.5rem] animate-pulse" />)}
    </dl>
  );
}
