'use client';

import { CHART_RANGES, RANGES, type ChartRange } from '@/lib/charts/types';

/** 1h · 24h · 7d · 30d as a group of toggle buttons. */
export function RangeSwitcher({ value, onChange }: { value: ChartRange; onChange: (r: ChartRange) => void }) {
  return (
    <div role="group" aria-label="Time range" className="inline-flex overflow-hidden rounded-md border border-line">
      {CHART_RANGES.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={r === value}
          title={`Last ${RANGES[r].label}`}
          onClick={() => onChange(r)}
          className={`border-l border-line px-3 py-1 font-mono text-xs first:border-l-0 ${
            r === value ? 'bg-accent/20 text-accent' : 'bg-panel-2 text-muted hover:text-fg'
          }`}
        >
          {r}
        </button>
      ))}
    </div>
  );
}
