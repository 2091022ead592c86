'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '@/components/api/client';
import { CHART, TICK } from '@/components/charts/theme';
import { FieldError } from '@/components/ui/FieldError';
import type { AnalyticsOut } from '@/lib/postmortems/analytics-tables';
import { analyticsKey } from '@/components/postmortems/keys';
import { AnalyticsFigure } from './AnalyticsFigure';

// Response analytics for the team lead. Severity colours match the badges;
// every chart has its numbers as a table and a CSV.

const SEV_COLOR = { P1: CHART.critical, P2: CHART.warning, P3: CHART.blue } as const;
const tooltip = {
  isAnimationActive: false,
  contentStyle: { background: CHART.panel, border: `1px solid ${CHART.grid}`, borderRadius: 6, fontSize: 12, color: CHART.text },
  labelStyle: { color: CHART.text },
  itemStyle: { color: CHART.text },
  cursor: { fill: 'rgba(139,150,165,0.08)' },
} as const;
const monthLabel = (m: string) => new Date(`${m}-01T00:00:00Z`).toLocaleString('en', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const MONTH_OPTIONS = [3, 6, 12];

export function AnalyticsView() {
  const [months, setMonths] = useState(6);
  const [target, setTarget] = useState(99.9);
  const [targetText, setTargetText] = useState('99.9');
  const [targetError, setTargetError] = useState<string | undefined>();
  const q = useQuery({
    queryKey: analyticsKey(months, target),
    queryFn: () => api<{ analytics: AnalyticsOut }>(`/api/v1/analytics?months=${months}&target=${target}`).then((r) => r.analytics),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const applyTarget = (e: React.FormEvent) => {
    e.preventDefault();
    const v = Number(targetText.replace(',', '.'));
    if (!Number.isFinite(v) || v < 50 || v > 99.999) {
      setTargetError('Enter a percentage between 50 and 99.999');
      return;
    }
    setTargetError(undefined);
    setTarget(v);
  };
  const qs = `months=${months}&target=${target}`;
  const csv = (name: string) => `/api/v1/analytics/${name}.csv?${qs}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <span className="label" id="months-label">Range</span>
          <div role="radiogroup" aria-labelledby="months-label" className="inline-flex rounded-md border border-line bg-panel p-0.5">
            {MONTH_OPTIONS.map((n) => (
              <button key={n} type="button" role="radio" aria-checked={months === n} onClick={() => setMonths(n)} className={`rounded px-3 py-1 text-sm ${months === n ? 'bg-accent/15 font-medium text-fg' : 'text-muted hover:text-fg'}`}>
                {n} months
              </button>
            ))}
          </div>
        </div>
        <form onSubmit={applyTarget} className="flex items-end gap-2" noValidate>
          <div>
            <label htmlFor="slo-target" className="label">SLO target (%)</label>
            <input id="slo-target" inputMode="decimal" className="input w-28" value={targetText} onChange={(e) => setTargetText(e.target.value)} aria-invalid={!!targetError} aria-describedby="slo-target-err" />
          </div>
          <button type="submit" className="btn">Apply</button>
          <FieldError id="slo-target-err" message={targetError} />
        </form>
        {q.isFetching ? <span className="pb-2 text-xs text-muted" aria-live="polite">Updating…</span> : null}
      </div>
      {q.isPending ? (
        <p className="text-muted">Loading analytics…</p>
      ) : q.isError ? (
        <p role="alert" className="text-down">Could not load analytics: {q.error.message}</p>
      ) : (
        <Charts a={q.data} csv={csv} />
      )}
    </div>
  );
}

function Charts({ a, csv }: { a: AnalyticsOut; csv: (name: string) => string }) {
  const total = a.incidentsByMonth.reduce((s, r) => s + r.total, 0);
  const p1 = a.incidentsByMonth.reduce((s, r) => s + r.P1, 0);
  const byMonth = a.incidentsByMonth.map((r) => ({ ...r, label: monthLabel(r.month) }));
  const trend = a.responseTrend.map((r) => ({ ...r, label: monthLabel(r.month) }));
  const lastWith = (k: 'mttaMinutes' | 'mttrMinutes' | 'mttdMinutes') => [...a.responseTrend].reverse().find((r) => r[k] !== null)?.[k] ?? null;
  const services = a.incidentsByService.slice(0, 10);
  const measured = a.availability.filter((r) => r.checks > 0);
  const missed = measured.filter((r) => r.met === false).length;
  const actions = a.actionItems.map((r) => ({ ...r, label: monthLabel(r.month) }));
  const opened = a.actionItems.reduce((s, r) => s + r.opened, 0);
  const closed = a.actionItems.reduce((s, r) => s + r.closed, 0);
  const min = (v: number | null) => (v === null ? '—' : v < 1 ? 'under 1 min' : `${v} min`);
  const monthAxis = <XAxis dataKey="label" tick={TICK} stroke={CHART.grid} interval={0} />;
  const grid = <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" vertical={false} />;

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <AnalyticsFigure
        name="incidents-by-month"
        data={a}
        summary={`${total} incident${total === 1 ? '' : 's'} in ${a.months.length} months, ${p1} of them P1.`}
        legend={(['P1', 'P2', 'P3'] as const).map((l) => ({ name: l, color: SEV_COLOR[l] }))}
        empty={total === 0 ? 'No incidents in this range.' : null}
        csvHref={csv('incidents-by-month')}
      >
        <BarChart responsive data={byMonth} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {grid}
          {monthAxis}
          <YAxis allowDecimals={false} width={36} tick={TICK} stroke={CHART.grid} />
          <Tooltip {...tooltip} />
          {(['P3', 'P2', 'P1'] as const).map((l) => (
            <Bar key={l} dataKey={l} name={l} stackId="sev" fill={SEV_COLOR[l]} isAnimationActive={false} maxBarSize={48} />
          ))}
        </BarChart>
      </AnalyticsFigure>

      <AnalyticsFigure
        name="incidents-by-service"
        data={a}
        summary={services.length ? `Most incidents: ${services[0].service} (${services[0].total}).` : 'No incidents in this range.'}
        legend={(['P1', 'P2', 'P3'] as const).map((l) => ({ name: l, color: SEV_COLOR[l] }))}
        empty={services.length === 0 ? 'No incidents in this range.' : null}
        csvHref={csv('incidents-by-service')}
      >
        <BarChart responsive layout="vertical" data={services} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={TICK} stroke={CHART.grid} />
          <YAxis type="category" dataKey="service" width={120} tick={TICK} stroke={CHART.grid} interval={0} />
          <Tooltip {...tooltip} />
          {(['P3', 'P2', 'P1'] as const).map((l) => (
            <Bar key={l} dataKey={l} name={l} stackId="sev" fill={SEV_COLOR[l]} isAnimationActive={false} maxBarSize={22} />
          ))}
        </BarChart>
      </AnalyticsFigure>

      <AnalyticsFigure
        name="response-times"
        data={a}
        summary={`Latest month with data: MTTA ${min(lastWith('mttaMinutes'))}, MTTR ${min(lastWith('mttrMinutes'))}, time to detect ${min(lastWith('mttdMinutes'))}. Time to detect comes from drafted postmortems.`}
        legend={[
          { name: 'MTTA (declared → acknowledged)', color: CHART.teal, shape: 'line' },
          { name: 'MTTR (declared → resolved)', color: CHART.violet, shape: 'line' },
          { name: 'Time to detect (first failure → declared)', color: CHART.blue, shape: 'dashed' },
        ]}
        empty={a.responseTrend.every((r) => r.incidents === 0) ? 'No incidents in this range.' : null}
        csvHref={csv('response-times')}
        wide
      >
        <LineChart responsive data={trend} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 28, bottom: 0, left: 0 }}>
          {grid}
          {monthAxis}
          <YAxis width={48} tick={TICK} stroke={CHART.grid} allowDecimals={false} tickCount={6} domain={[0, (max: number) => Math.max(5, Math.ceil((max * 1.1) / 5) * 5)]} tickFormatter={(v: number) => `${v}m`} />
          <Tooltip {...tooltip} formatter={(v) => (typeof v === 'number' ? `${v} min` : '—')} />
          <Line dataKey="mttaMinutes" name="MTTA" stroke={CHART.teal} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="mttrMinutes" name="MTTR" stroke={CHART.violet} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="mttdMinutes" name="Time to detect" stroke={CHART.blue} strokeWidth={2} strokeDasharray="5 4" dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </AnalyticsFigure>

      <AnalyticsFigure
        name="availability"
        data={a}
        summary={
          measured.length
            ? `${measured.length - missed} of ${measured.length} services meet ${a.targetPercent} % over the last ${a.windowDays} days (budget ${measured[0].budgetMinutes} min of failure each).`
            : `No checks in the last ${a.windowDays} days.`
        }
        legend={[
          { name: 'Budget left (target met)', color: CHART.teal },
          { name: 'Budget overspent (target missed)', color: CHART.critical },
        ]}
        empty={measured.length === 0 ? `No checks in the last ${a.windowDays} days.` : null}
        csvHref={csv('availability')}
      >
        <BarChart responsive layout="vertical" data={measured.slice(0, 12).map((r) => ({ ...r, left: Math.max(-100, r.budgetRemainingPercent ?? 0) }))} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} tick={TICK} stroke={CHART.grid} tickFormatter={(v: number) => `${v}%`} />
          <YAxis type="category" dataKey="service" width={120} tick={TICK} stroke={CHART.grid} interval={0} />
          <ReferenceLine x={0} stroke={CHART.axis} />
          <Tooltip {...tooltip} formatter={(_v, _n, item) => {
            const r = item.payload as (typeof measured)[number];
            return [`${r.availabilityPercent} % available, ${r.budgetRemainingPercent} % of budget left`, r.met ? 'Target met' : 'Target missed'];
          }} />
          <Bar dataKey="left" name="Budget left" isAnimationActive={false} maxBarSize={20}>
            {measured.slice(0, 12).map((r) => <Cell key={r.serviceId} fill={r.met ? CHART.teal : CHART.critical} />)}
          </Bar>
        </BarChart>
      </AnalyticsFigure>

      <AnalyticsFigure
        name="action-items"
        data={a}
        summary={`${opened} opened and ${closed} closed in ${a.months.length} months; ${a.actionItems.at(-1)?.openAtEnd ?? 0} open now.`}
        legend={[
          { name: 'Opened', color: CHART.warning },
          { name: 'Closed', color: CHART.teal },
          { name: 'Open at month end', color: CHART.axis, shape: 'line' },
        ]}
        empty={opened + closed === 0 && (a.actionItems.at(-1)?.openAtEnd ?? 0) === 0 ? 'No action items in this range.' : null}
        csvHref={csv('action-items')}
      >
        <BarChart responsive data={actions} style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          {grid}
          {monthAxis}
          <YAxis allowDecimals={false} width={36} tick={TICK} stroke={CHART.grid} />
          <Tooltip {...tooltip} />
          <Bar dataKey="opened" name="Opened" fill={CHART.warning} isAnimationActive={false} maxBarSize={28} />
          <Bar dataKey="closed" name="Closed" fill={CHART.teal} isAnimationActive={false} maxBarSize={28} />
          <Line dataKey="openAtEnd" name="Open at month end" stroke={CHART.axis} isAnimationActive={false} />
        </BarChart>
      </AnalyticsFigure>
    </div>
  );
}
