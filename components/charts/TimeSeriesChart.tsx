'use client';

import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { deployMarkers, formatInstant, formatTick, niceScale, timeTicks, toRows, type ChartRow } from '@/lib/charts/series';
import type { ChartPoint, ChartsResponse } from '@/lib/charts/types';
import { formatTickValue, formatValue, type Unit } from './format';
import { CHART, TICK } from './theme';

export interface SeriesDef {
  key: keyof ChartPoint & string;
  name: string;
  color: string;
  unit: Unit;
  /** Right axis: a second unit on the same chart (failure share next to latency). */
  axis?: 'left' | 'right';
  /** Area for shares, line for the rest. */
  type?: 'line' | 'area';
}

export interface ThresholdLine {
  value: number;
  level: 'warning' | 'critical';
  label: string;
}

interface Props {
  data: ChartsResponse;
  series: SeriesDef[];
  leftUnit: Unit;
  rightUnit?: Unit;
  /** Percentages of a whole: the left axis shows at least 0–100. */
  percentOfWhole?: boolean;
  thresholds?: ThresholdLine[];
  /** Extra lines for the tooltip, from the bucket's point (checks, maxima). */
  tooltipExtra?: (p: ChartPoint) => string[];
}

const AXIS_W = 58;

/**
 * One time-series chart: lines (and shaded shares) over the range with a gap
 * wherever no check ran, dashed threshold lines, and a marker per deploy.
 * Fixed height comes from the parent; animation is off so a refresh every
 * 30 s does not redraw the whole chart.
 */
export function TimeSeriesChart({ data, series, leftUnit, rightUnit, percentOfWhole, thresholds = [], tooltipExtra }: Props) {
  const from = Date.parse(data.from);
  const to = Date.parse(data.to);
  const rows = useMemo(() => toRows(data.points, data.resolution, series.map((s) => s.key)), [data.points, data.resolution, series]);
  const pointAt = useMemo(() => new Map(data.points.map((p) => [Date.parse(p.t), p])), [data.points]);
  const ticks = useMemo(() => timeTicks(data.range, from, to), [data.range, from, to]);
  const markers = useMemo(() => deployMarkers(data.deploys, from, to), [data.deploys, from, to]);
  // The left axis reaches the highest value, and the thresholds with some
  // headroom so that their labels stay inside the plot.
  const left = useMemo(() => {
    let max = Math.max(0, ...thresholds.map((t) => t.value * 1.1));
    for (const r of rows) for (const s of series) if ((s.axis ?? 'left') === 'left' && typeof r[s.key] === 'number') max = Math.max(max, r[s.key] as number);
    return niceScale(percentOfWhole ? Math.max(100, max) : max * 1.05);
  }, [rows, series, thresholds, percentOfWhole]);

  return (
    <ComposedChart
      responsive
      data={rows}
      style={{ width: '100%', height: '100%' }}
      margin={{ top: 18, right: rightUnit ? 4 : 14, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke={CHART.grid} strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[from, to]}
        ticks={ticks}
        tickFormatter={(t: number) => formatTick(data.range, t)}
        tick={TICK}
        stroke={CHART.grid}
        allowDataOverflow
      />
      <YAxis
        yAxisId="left"
        width={AXIS_W}
        tick={TICK}
        stroke={CHART.grid}
        tickFormatter={(v: number) => formatTickValue(leftUnit, v)}
        domain={[0, left.top]}
        ticks={left.ticks}
        interval={0}
      />
      {rightUnit ? (
        <YAxis
          yAxisId="right"
          orientation="right"
          width={48}
          tick={TICK}
          stroke={CHART.grid}
          tickFormatter={(v: number) => formatTickValue(rightUnit, v)}
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          interval={0}
        />
      ) : null}
      <Tooltip
        isAnimationActive={false}
        cursor={{ stroke: CHART.axis, strokeDasharray: '2 2' }}
        content={(props: TooltipContentProps) => <TooltipBox {...props} series={series} pointAt={pointAt} extra={tooltipExtra} />}
      />
      {series.map((s) =>
        s.type === 'area' ? (
          <Area
            key={s.key}
            yAxisId={s.axis ?? 'left'}
            dataKey={s.key}
            name={s.name}
            type="linear"
            stroke={s.color}
            fill={s.color}
            fillOpacity={0.18}
            strokeWidth={1}
            isAnimationActive={false}
            connectNulls={false}
          />
        ) : (
          <Line
            key={s.key}
            yAxisId={s.axis ?? 'left'}
            dataKey={s.key}
            name={s.name}
            type="linear"
            stroke={s.color}
            strokeWidth={1.75}
            dot={(p) => <SoloDot key={`${s.key}-${p.index}`} {...p} rows={rows} color={s.color} />}
            activeDot={{ r: 3.5, stroke: CHART.panel, strokeWidth: 1 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        ),
      )}
      {thresholds.map((t) => {
        const color = t.level === 'critical' ? CHART.critical : CHART.warning;
        return (
          <ReferenceLine
            key={t.level}
            yAxisId="left"
            y={t.value}
            stroke={color}
            strokeDasharray="6 4"
            strokeWidth={1.25}
            label={{ value: t.label, position: 'insideTopLeft', fill: color, fontSize: 11 }}
          />
        );
      })}
      {markers.map((m, i) => (
        <ReferenceLine
          key={`${m.t}-${i}`}
          yAxisId="left"
          x={m.t}
          stroke={CHART.deploy}
          strokeOpacity={0.7}
          strokeDasharray="2 3"
          label={m.label ? (p: LabelViewBox) => <DeployLabel {...p} text={m.label!} anchorEnd={(m.t - from) / (to - from) > 0.5} /> : undefined}
        />
      ))}
    </ComposedChart>
  );
}

type LabelViewBox = { viewBox?: { x?: number; y?: number } };

/**
 * The version above the plot, beside its marker: to the left of it in the
 * right half of the chart, to the right in the left half, so it never runs
 * off the edge.
 */
function DeployLabel({ viewBox, text, anchorEnd }: LabelViewBox & { text: string; anchorEnd: boolean }) {
  const x = viewBox?.x;
  const y = viewBox?.y;
  if (x === undefined || y === undefined) return null;
  return (
    <text x={anchorEnd ? x + 3 : x - 3} y={y - 6} textAnchor={anchorEnd ? 'end' : 'start'} fill={CHART.deploy} fontSize={10}>
      {anchorEnd ? `${text} ▾` : `▾ ${text}`}
    </text>
  );
}

/** A dot only where a value has no neighbour, so a lone bucket between gaps is still visible. */
function SoloDot(props: { cx?: number; cy?: number; index: number; dataKey?: unknown; rows: ChartRow[]; color: string }) {
  const { cx, cy, index, rows, color } = props;
  const key = String(props.dataKey);
  const isNum = (r: ChartRow | undefined) => r !== undefined && typeof r[key] === 'number';
  if (cx === undefined || cy === undefined || !isNum(rows[index]) || isNum(rows[index - 1]) || isNum(rows[index + 1])) return <g />;
  return <circle cx={cx} cy={cy} r={2.5} fill={color} />;
}

function TooltipBox({
  active,
  label,
  series,
  pointAt,
  extra,
}: TooltipContentProps & { series: SeriesDef[]; pointAt: Map<number, ChartPoint>; extra?: (p: ChartPoint) => string[] }) {
  if (!active || typeof label !== 'number') return null;
  const p = pointAt.get(label);
  return (
    <div className="rounded-md border border-line bg-panel-2 px-2.5 py-2 text-xs shadow-lg">
      <p className="mb-1 font-mono text-muted">{formatInstant(label)}</p>
      {p ? (
        <ul className="space-y-0.5">
          {series.map((s) => (
            <li key={s.key} className="flex items-center justify-between gap-4">
              <span className="flex items-center gap-1.5">
                <span aria-hidden className="inline-block h-0.5 w-3" style={{ background: s.color }} />
                {s.name}
              </span>
              <span className="font-mono">{formatValue(s.unit, p[s.key] as number | null | undefined)}</span>
            </li>
          ))}
          {extra?.(p).map((line) => (
            <li key={line} className="text-muted">{line}</li>
          ))}
        </ul>
      ) : (
        <p className="text-muted">No checks in this bucket</p>
      )}
    </div>
  );
}
