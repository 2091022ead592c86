'use client';

import { useEffect, useRef } from 'react';
import type { Tile } from '@/lib/dashboard/summary';
import { ROWS_PAGE } from './keys';
import { CardRow, SkeletonRows, TableRow } from './ServiceRows';

interface Props {
  /** Filtered, worst first. */
  tiles: Tile[] | null;
  total: number;
  /** How many rows to render; more are added as the end scrolls into view. */
  limit: number;
  onMore: () => void;
  now: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  wide: boolean;
  filtered: boolean;
  onClearFilters: () => void;
}

const COLUMNS = 6;

/** Rendering only what can be seen: the end of the list asks for the next page when it comes near. */
function useMoreWhenNear(onMore: () => void, active: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !active) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore(), { rootMargin: '600px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [onMore, active]);
  return ref;
}

export function ServiceList({ tiles, total, limit, onMore, now, selectedId, onSelect, wide, filtered, onClearFilters }: Props) {
  const shown = tiles ? tiles.slice(0, limit) : null;
  const hidden = tiles ? tiles.length - (shown?.length ?? 0) : 0;
  const sentinel = useMoreWhenNear(onMore, hidden > 0);

  // Tab, a click or a screen reader moving into a row selects it, so j/k continue from there.
  const onFocus = (e: React.FocusEvent) => {
    const id = (e.target as HTMLElement).closest<HTMLElement>('[data-row-id]')?.dataset.rowId;
    if (id && id !== selectedId) onSelect(id);
  };

  const caption = tiles ? (filtered ? `Services, worst first: ${tiles.length} of ${total} match the filters` : `Services, worst first: all ${total}`) : 'Services: loading…';
  const none = tiles && tiles.length === 0 ? (
    <span className="text-muted">
      No service matches these filters.{' '}
      <button type="button" className="text-accent underline-offset-2 hover:underline" onClick={onClearFilters}>
        Clear filters
      </button>
    </span>
  ) : null;
  const more =
    hidden > 0 ? (
      <div ref={sentinel} className="px-3 py-2 text-center text-xs text-muted">
        <button type="button" className="btn" onClick={onMore}>
          Show {Math.min(hidden, ROWS_PAGE)} more of {hidden}
        </button>
      </div>
    ) : null;

  if (!wide) {
    return (
      <section aria-label="Services" onFocus={onFocus}>
        <h2 className="mb-2 text-xs font-medium tracking-wide text-muted uppercase">{caption}</h2>
        {none ? <p className="card p-3">{none}</p> : null}
        <ul className="space-y-2" aria-label="Services, worst first" aria-busy={!tiles}>
          {shown
            ? shown.map((t) => <CardRow key={t.id} tile={t} now={now} selected={t.id === selectedId} />)
            : Array.from({ length: 4 }, (_, i) => <li key={i} aria-hidden className="h-24 animate-pulse rounded-lg border border-line bg-panel" />)}
        </ul>
        {more}
      </section>
    );
  }

  return (
    <div className="card">
      <table className="table table-fixed" aria-busy={!tiles}>
        <caption className="border-b border-line px-3 py-2 text-left text-xs font-medium tracking-wide text-muted uppercase">{caption}</caption>
        <colgroup>
          <col className="w-[10rem]" />
          <col className="w-[17%]" />
          <col />
          <col className="w-[21%]" />
          <col className="w-[6rem]" />
          <col className="w-[5.5rem]" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Service</th>
            <th scope="col">What fails and why</th>
            <th scope="col">Drift · KPIs</th>
            <th scope="col">Alerts</th>
            <th scope="col">Incidents</th>
          </tr>
        </thead>
        <tbody onFocus={onFocus}>
          {shown ? shown.map((t) => <TableRow key={t.id} tile={t} now={now} selected={t.id === selectedId} />) : <SkeletonRows columns={COLUMNS} />}
          {none ? (
            <tr>
              <td colSpan={COLUMNS} className="py-4">
                {none}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {more}
    </div>
  );
}
