'use client';

import { useState } from 'react';
import { formatKpi, kpiLabel } from '@/lib/alerts/thresholds';
import { seriesStats } from '@/lib/charts/series';
import { RANGES, type ChartKpi, type ChartPoint, type ChartRange, type ChartsResponse } from '@/lib/charts/types';
import { ChartFigure, type LegendItem, type NumberColumn } from './ChartFigure';
import { formatValue } from './format';
import { RangeSwitcher } from './RangeSwitcher';
import { CHART } from './theme';
import { TimeSeriesChart, type SeriesDef, type ThresholdLine } from './TimeSeriesChart';
import { UptimeFigures } from './UptimeFigures';
import { useServiceCharts } from './useServiceCharts';

type FigureState = 'loading' | 'error' | 'empty' | 'ready';

const LATENCY: SeriesDef[] = [
  { key: 'latencyP50', name: 'p50', color: CHART.blue, unit: 'ms' },
  { key: 'latencyP95', name: 'p95', color: CHART.violet, unit: 'ms' },
  { key: 'failureShare', name: 'failed checks', color: CHART.failure, unit: 'pct', axis: 'right', type: 'area' },
];
const RESOURCES: SeriesDef[] = [
  { key: 'cpu', name: 'CPU', color: CHART.blue, unit: 'pct' },
  { key: 'memory', name: 'Memory', color: CHART.violet, unit: 'pct' },
  { key: 'disk', name: 'Disk', color: CHART.teal, unit: 'pct' },
];

const hasAny = (points: ChartPoint[], keys: string[]) => points.some((p) => keys.some((k) => typeof (p as unknown as Record<string, unknown>)[k] === 'number'));

function stateFor(data: ChartsResponse | undefined, isError: boolean, keys: string[]): FigureState {
  if (!data) return isError ? 'error' : 'loading';
  return hasAny(data.points, keys) ? 'ready' : 'empty';
}

/** "latest 120 ms, peak 340 ms" for a caption; "no data" when there is none. */
function latestAndPeak(points: ChartPoint[] | undefined, key: ChartKpi | 'latencyP95' | 'failureShare', unit: 'ms' | 'pct'): string {
  if (!points) return '';
  const s = seriesStats(points, key);
  if (s.latest === null) return 'no data in this range';
  return `latest ${formatValue(unit, s.latest)}, peak ${formatValue(unit, s.max)}`;
}

function thresholdLines(data: ChartsResponse | undefined, kpi: ChartKpi): ThresholdLine[] {
  const t = data?.thresholds[kpi];
  if (!t) return [];
  return [
    { value: t.warning, level: 'warning', label: `warning ${formatKpi(kpi, t.warning)}` },
    { value: t.critical, level: 'critical', label: `critical ${formatKpi(kpi, t.critical)}` },
  ];
}

const kpiLegend = (name: string, color: string): LegendItem[] => [
  { name, color, style: 'line' },
  { name: 'warning', color: CHART.warning, style: 'dashed' },
  { name: 'critical', color: CHART.critical, style: 'dashed' },
];

/**
 * The service's history: uptime figures and four charts over 1h, 24h, 7d or
 * 30d, read from the rollups and refreshed every 30 s.
 */
export function ServiceCharts({ serviceId }: { serviceId: string }) {
  const [range, setRange] = useState<ChartRange>('24h');
  const q = useServiceCharts(serviceId, range);
  const data = q.data;
  const points = data?.points;
  const deploys = data?.deploys ?? [];
  const switching = q.isPlaceholderData;

  const kpiChart = (kpi: 'errorRate' | 'p95LatencyMs', color: string, note: string) => {
    const series: SeriesDef[] = [{ key: kpi, name: kpiLabel(kpi), color, unit: kpi === 'errorRate' ? 'pct' : 'ms' }];
    const lines = thresholdLines(data, kpi);
    const cols: NumberColumn[] = [
      { name: `${kpiLabel(kpi)} (mean)`, unit: series[0].unit, get: (p) => p[kpi] },
      { name: 'highest', unit: series[0].unit, get: (p) => p.max?.[kpi] },
    ];
    const state = stateFor(data, q.isError, [kpi]);
    const thresholdsText = lines.length ? `; ${lines.map((l) => l.label).join(', ')}` : '';
    return (
      <ChartFigure
        name={kpi}
        title={`${kpiLabel(kpi)} ${note}`}
        summary={`${latestAndPeak(points, kpi, series[0].unit === 'ms' ? 'ms' : 'pct')}${thresholdsText}`}
        legend={kpiLegend(kpiLabel(kpi), color)}
        points={points}
        deploys={deploys}
        columns={cols}
        state={state}
        emptyText="Not reported by a metrics or telemetry endpoint in this range"
      >
        {data ? (
          <TimeSeriesChart
            data={data}
            series={series}
            leftUnit={series[0].unit}
            thresholds={lines}
            tooltipExtra={(p) => (p.max?.[kpi] !== undefined ? [`highest in bucket ${formatValue(series[0].unit, p.max[kpi])}`] : [])}
          />
        ) : null}
      </ChartFigure>
    );
  };

  const resourceThresholds = (['cpu', 'memory', 'disk'] as const)
    .map((k) => (data?.thresholds[k] ? `${kpiLabel(k)} ${data.thresholds[k].warning}/${data.thresholds[k].critical} %` : null))
    .filter(Boolean)
    .join(', ');
  const resourcesLatest = (['cpu', 'memory', 'disk'] as const)
    .map((k) => {
      const s = points ? seriesStats(points, k) : null;
      return s && s.latest !== null ? `${kpiLabel(k).toLowerCase()} ${formatKpi(k, s.latest)}` : null;
    })
    .filter(Boolean)
    .join(', ');

  return (
    <section aria-labelledby="charts-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="charts-title" className="text-sm font-semibold">History</h2>
          <p className="text-xs text-muted">
            Last {RANGES[range].label}, {RANGES[range].resolution === 'minute' ? 'per minute' : 'per hour'}, times in UTC ·{' '}
            <span role="status" className="inline-block min-w-28">
              {q.isError && data ? `▲ refresh failed: ${q.error.message}` : q.isFetching ? 'updating…' : 'live, every 30 s'}
            </span>
          </p>
        </div>
        <RangeSwitcher value={range} onChange={setRange} />
      </div>
      <UptimeFigures uptime={data?.uptime} />
      <div className={`grid items-start gap-3 lg:grid-cols-2 ${switching ? 'opacity-60 transition-opacity' : ''}`} aria-busy={switching || undefined}>
        <ChartFigure
          name="latency"
          title="Probe latency and failed checks"
          summary={`p95 ${latestAndPeak(points, 'latencyP95', 'ms')}; failed checks ${latestAndPeak(points, 'failureShare', 'pct')}`}
          legend={[
            { name: 'p50', color: CHART.blue, style: 'line' },
            { name: 'p95', color: CHART.violet, style: 'line' },
            { name: 'failed checks (right axis)', color: CHART.failure, style: 'area' },
          ]}
          points={points}
          deploys={deploys}
          columns={[
            { name: 'p50', unit: 'ms', get: (p) => p.latencyP50 },
            { name: 'p95', unit: 'ms', get: (p) => p.latencyP95 },
            { name: 'failed', unit: 'pct', get: (p) => p.failureShare },
            { name: 'checks', unit: 'count', get: (p) => p.count },
          ]}
          state={stateFor(data, q.isError, ['count'])}
          emptyText="No checks in this range"
        >
          {data ? (
            <TimeSeriesChart
              data={data}
              series={LATENCY}
              leftUnit="ms"
              rightUnit="pct"
              tooltipExtra={(p) => [`${p.count} checks, ${p.failures} down, ${p.degraded} degraded`]}
            />
          ) : null}
        </ChartFigure>
        {kpiChart('errorRate', CHART.blue, '(share of 5xx responses)')}
        {kpiChart('p95LatencyMs', CHART.violet, '(requests, from metrics)')}
        <ChartFigure
          name="resources"
          title="CPU, memory and disk"
          summary={resourcesLatest ? `latest ${resourcesLatest}` : points ? 'no data in this range' : ''}
          srNote={resourceThresholds ? `Thresholds (warning/critical): ${resourceThresholds}.` : undefined}
          legend={RESOURCES.map((s) => ({ name: s.name, color: s.color, style: 'line' }))}
          points={points}
          deploys={deploys}
          columns={RESOURCES.map((s) => ({ name: s.name, unit: 'pct', get: (p: ChartPoint) => p[s.key] as number | undefined }))}
          state={stateFor(data, q.isError, ['cpu', 'memory', 'disk'])}
          emptyText="Not reported by a metrics or telemetry endpoint in this range"
        >
          {data ? <TimeSeriesChart data={data} series={RESOURCES} leftUnit="pct" percentOfWhole /> : null}
        </ChartFigure>
      </div>
    </section>
  );
}
