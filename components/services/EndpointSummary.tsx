import { evaluateKpis, formatKpi, kpiLabel, type Level } from '@/lib/alerts/thresholds';
import type { ProbeSummary } from '@/lib/probes/types';
import type { ThresholdOverride } from '@/lib/catalog/types';
import { StatusText } from '@/components/ui/StatusBadge';

const LEVEL: Record<Level, { icon: string; word: string; cls: string }> = {
  ok: { icon: '', word: '', cls: 'text-fg' },
  warning: { icon: '▲', word: 'warning', cls: 'text-degraded' },
  critical: { icon: '✖', word: 'critical', cls: 'text-down' },
};

/** What the latest result said beyond its status: components, migration state, KPIs, a note. */
export function EndpointSummary({ summary, thresholds }: { summary: ProbeSummary | null; thresholds: Record<string, ThresholdOverride> }) {
  if (!summary) return null;
  const { components, migration, kpis, note } = summary;
  const judged = kpis ? evaluateKpis(kpis, thresholds) : [];
  const judgedNames = new Set(judged.map((k) => k.kpi));
  const plain = Object.entries(kpis ?? {}).filter(([k, v]) => !judgedNames.has(k) && typeof v === 'number');
  const hasAny = (components && components.length > 0) || migration || judged.length > 0 || plain.length > 0 || note;
  if (!hasAny) return null;
  return (
    <div className="mt-1 space-y-1 text-xs">
      {components && components.length > 0 ? (
        <ul className="flex flex-wrap gap-x-3 gap-y-0.5" aria-label="Components">
          {components.map((c) => (
            <li key={c.name} title={c.detail ?? undefined}>
              <span className="text-muted">{c.name}</span>{' '}
              <StatusText status={c.status}>{c.raw && c.raw.toLowerCase() !== c.status ? c.raw : undefined}</StatusText>
            </li>
          ))}
        </ul>
      ) : null}
      {migration ? (
        <p>
          <span className="text-muted">Migration </span>
          <span className="font-mono">{migration.current ?? '?'}</span>
          {' → '}
          <span className="font-mono">{migration.head ?? '?'}</span>
          {migration.atHead === true ? (
            <span className="text-up"> · at head</span>
          ) : migration.atHead === false ? (
            <span className="text-degraded"> · ▲ {migration.pending != null ? `${migration.pending} behind` : 'behind'}</span>
          ) : null}
        </p>
      ) : null}
      {judged.length > 0 || plain.length > 0 ? (
        <dl className="flex flex-wrap gap-x-3 gap-y-0.5" aria-label="KPIs">
          {judged.map((k) => (
            <div key={k.kpi} className={LEVEL[k.level].cls} title={`warning at ${formatKpi(k.kpi, k.threshold.warning)}, critical at ${formatKpi(k.kpi, k.threshold.critical)}`}>
              <dt className="inline text-muted">{kpiLabel(k.kpi)} </dt>
              <dd className="inline">
                {LEVEL[k.level].icon ? <span aria-hidden>{LEVEL[k.level].icon} </span> : null}
                {formatKpi(k.kpi, k.value)}
                {LEVEL[k.level].word ? <span className="sr-only"> ({LEVEL[k.level].word})</span> : null}
              </dd>
            </div>
          ))}
          {plain.map(([k, v]) => (
            <div key={k}>
              <dt className="inline text-muted">{kpiLabel(k)} </dt>
              <dd className="inline">{formatKpi(k, v as number)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {note ? <p className="text-muted">{note}</p> : null}
    </div>
  );
}
