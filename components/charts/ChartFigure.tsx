'use client';

import { useState } from 'react';
import { formatInstant } from '@/lib/charts/series';
import type { ChartPoint, DeployMarker } from '@/lib/charts/types';
import { formatValue, type Unit } from './format';
import { CHART } from './theme';

export interface LegendItem {
  name: string;
  color: string;
  style: 'line' | 'area' | 'dashed' | 'dotted';
}

export interface NumberColumn {
  name: string;
  unit: Unit | 'count';
  get: (p: ChartPoint) => number | null | undefined;
}

interface Props {
  /** data-testid="chart-<name>". */
  name: string;
  title: string;
  /** A sentence a screen reader hears with the title: latest and peak values. */
  summary: string;
  /** Said to screen readers only, after the summary. */
  srNote?: string;
  legend: LegendItem[];
  /** Undefined while the first load runs: the figure keeps its size. */
  points: ChartPoint[] | undefined;
  deploys: DeployMarker[];
  columns: NumberColumn[];
  state: 'loading' | 'error' | 'empty' | 'ready';
  /** What to say instead of an empty drawing. */
  emptyText?: string;
  children: React.ReactNode;
}

/** Chart body height: fixed, so that loading, empty and drawn look the same size. */
export const CHART_HEIGHT = 'h-52';

/**
 * A chart in a <figure>: caption, the drawing at a fixed height, a legend, and
 * the same numbers as a table under "Show numbers" (rendered only when opened:
 * a month of hours is 720 rows).
 */
export function ChartFigure({ name, title, summary, srNote, legend, points, deploys, columns, state, emptyText = 'No checks in this range', children }: Props) {
  const [open, setOpen] = useState(false);
  const captionId = `chart-${name}-caption`;
  return (
    <figure data-testid={`chart-${name}`} aria-labelledby={captionId} className="card flex min-w-0 flex-col gap-2 p-3">
      <figcaption id={captionId} className="flex min-h-10 flex-col gap-0.5">
        <span className="text-sm font-medium">{title}</span>
        <span className="text-xs text-muted">
          {summary}
          {srNote ? <span className="sr-only"> {srNote}</span> : null}
        </span>
      </figcaption>
      <div className={`${CHART_HEIGHT} relative w-full`}>
        {state === 'ready' ? (
          children
        ) : (
          <div className="flex h-full items-center justify-center rounded-md border border-dashed border-line text-xs text-muted">
            {state === 'loading' ? 'Loading…' : state === 'error' ? 'Could not load this range' : emptyText}
          </div>
        )}
      </div>
      <ul className="flex min-h-5 flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-label="Legend">
        {legend.map((l) => (
          <li key={l.name} className="flex items-center gap-1.5">
            <Swatch {...l} />
            {l.name}
          </li>
        ))}
        {deploys.length > 0 ? (
          <li className="flex items-center gap-1.5">
            <Swatch name="deploy" color={CHART.deploy} style="dotted" vertical />
            deploy
          </li>
        ) : null}
      </ul>
      <details className="text-xs" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer text-muted hover:text-fg">Show numbers</summary>
        {open ? <NumbersTable title={title} points={points ?? []} deploys={deploys} columns={columns} /> : null}
      </details>
    </figure>
  );
}

function Swatch({ color, style, vertical }: LegendItem & { vertical?: boolean }) {
  if (vertical) return <span aria-hidden className="inline-block h-3 w-0 border-l-2 border-dotted" style={{ borderColor: color }} />;
  if (style === 'area') return <span aria-hidden className="inline-block h-2.5 w-3 rounded-sm border" style={{ borderColor: color, background: `${color}40` }} />;
  const border = style === 'dashed' ? 'border-dashed' : style === 'dotted' ? 'border-dotted' : 'border-solid';
  return <span aria-hidden className={`inline-block w-4 border-t-2 ${border}`} style={{ borderColor: color }} />;
}

function cell(c: NumberColumn, p: ChartPoint): string {
  const v = c.get(p);
  if (c.unit === 'count') return v === null || v === undefined ? '—' : String(v);
  return formatValue(c.unit, v);
}

function NumbersTable({ title, points, deploys, columns }: { title: string; points: ChartPoint[]; deploys: DeployMarker[]; columns: NumberColumn[] }) {
  return (
    <div className="mt-2 space-y-2">
      <div className="max-h-64 overflow-auto rounded-md border border-line">
        <table className="table text-xs">
          <caption className="sr-only">{title}, one row per bucket with data (UTC)</caption>
          <thead className="sticky top-0 bg-panel">
            <tr>
              <th scope="col">Time (UTC)</th>
              {columns.map((c) => (
                <th key={c.name} scope="col" className="text-right">{c.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.length === 0 ? (
              <tr><td colSpan={columns.length + 1} className="text-muted">No checks in this range.</td></tr>
            ) : (
              points.map((p) => (
                <tr key={p.t}>
                  <th scope="row" className="whitespace-nowrap border-line/60 py-1 text-left font-mono font-normal normal-case tracking-normal text-muted">{formatInstant(Date.parse(p.t))}</th>
                  {columns.map((c) => (
                    <td key={c.name} className="py-1 text-right font-mono">{cell(c, p)}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {deploys.length > 0 ? (
        <p className="text-muted">
          Deploys in this range:{' '}
          {deploys.map((d, i) => (
            <span key={`${d.at}-${i}`}>
              {i > 0 ? '; ' : ''}
              <span className="font-mono text-fg">{d.version}</span> at {formatInstant(Date.parse(d.at))}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
