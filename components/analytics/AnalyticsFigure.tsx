'use client';

import { useState } from 'react';
import { tableOf, type AnalyticsOut, type AnalyticsTableName } from '@/lib/postmortems/analytics-tables';

export interface LegendEntry { name: string; color: string; shape?: 'bar' | 'line' | 'dashed' }

/**
 * One analytics chart in a <figure>: caption with a one-line summary, the
 * drawing at a fixed height, a legend, and the same numbers under "Show
 * numbers" with a CSV download of exactly that table.
 */
export function AnalyticsFigure({ name, data, summary, legend, empty, csvHref, children, wide }: {
  name: AnalyticsTableName;
  data: AnalyticsOut;
  summary: string;
  legend: LegendEntry[];
  /** Said instead of the drawing when there is nothing to draw. */
  empty: string | null;
  csvHref: string;
  children: React.ReactNode;
  wide?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const table = tableOf(name, data);
  const captionId = `analytics-${name}-caption`;
  return (
    <figure data-testid={`analytics-${name}`} aria-labelledby={captionId} className={`card flex min-w-0 flex-col gap-2 p-3 ${wide ? 'lg:col-span-2' : ''}`}>
      <figcaption id={captionId} className="flex min-h-10 flex-col gap-0.5">
        <span className="text-sm font-medium">{table.title}</span>
        <span className="text-xs text-muted">{summary}</span>
      </figcaption>
      <div className="relative h-60 w-full">
        {empty ? <div className="flex h-full items-center justify-center rounded-md border border-dashed border-line px-4 text-center text-xs text-muted">{empty}</div> : children}
      </div>
      <ul className="flex min-h-5 flex-wrap gap-x-4 gap-y-1 text-xs text-muted" aria-label="Legend">
        {legend.map((l) => (
          <li key={l.name} className="flex items-center gap-1.5">
            {l.shape === 'line' || l.shape === 'dashed' ? (
              <span aria-hidden className={`inline-block w-4 border-t-2 ${l.shape === 'dashed' ? 'border-dashed' : ''}`} style={{ borderColor: l.color }} />
            ) : (
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: l.color }} />
            )}
            {l.name}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-start justify-between gap-2 text-xs">
        <details className="min-w-0 flex-1" onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary className="cursor-pointer text-muted hover:text-fg">Show numbers</summary>
          {open ? (
            <div className="mt-2 max-h-72 overflow-auto rounded-md border border-line">
              <table className="table text-xs" data-testid={`numbers-${name}`}>
                <caption className="sr-only">{table.title}</caption>
                <thead className="sticky top-0 bg-panel">
                  <tr>
                    {table.columns.map((c, i) => (
                      <th key={c.label} scope="col" className={i === 0 ? '' : 'text-right'}>{c.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.length === 0 ? (
                    <tr><td colSpan={table.columns.length} className="text-muted">Nothing in this range.</td></tr>
                  ) : (
                    table.rows.map((r, ri) => (
                      <tr key={ri}>
                        {table.columns.map((c, i) => {
                          const v = c.value(r);
                          return i === 0 ? (
                            <th key={c.label} scope="row" className="whitespace-nowrap py-1 text-left font-normal normal-case tracking-normal text-fg">{String(v ?? '—')}</th>
                          ) : (
                            <td key={c.label} className="py-1 text-right font-mono tabular-nums">{v === null ? '—' : String(v)}</td>
                          );
                        })}
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
          ) : null}
        </details>
        <a href={csvHref} download className="text-accent hover:underline" data-testid={`csv-${name}`}>Download CSV</a>
      </div>
    </figure>
  );
}
