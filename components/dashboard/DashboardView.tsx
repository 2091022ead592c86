'use client';

import Link from 'next/link';

import { useRouter } from 'next/navigation';
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import type { Status } from '@/lib/probes/types';
import { PageHeader } from '@/components/ui/PageHeader';
import { useNow } from '@/components/services/useNow';
import { DashboardEmpty } from './DashboardEmpty';
import { FilterBar } from './FilterBar';
import { ApiTroubleBanner, PollerBanner, UpdatedIndicator } from './Freshness';
import { LatestChanges } from './LatestChanges';
import { ServiceList } from './ServiceList';
import { countsSentence, SummaryCounts } from './SummaryCounts';
import { filterTiles, isFiltered, NO_FILTERS } from './filters';
import { ROWS_PAGE } from './keys';
import { useDashboard } from './useDashboard';
import { useDashboardFilters } from './useDashboardFilters';
import { focusRow, useDashboardKeys } from './useDashboardKeys';
import { useMediaQuery } from './useMediaQuery';

/** Row clocks tick this often; the freshness indicator every second. */
const ROW_TICK_MS = 5_000;

/**
 * The on-call home page: what is broken, since when and why, what changed, and how
 * fresh all of it is. Polls /api/v1/dashboard; filters live in the URL.
 */
export function DashboardView({ canAdmin }: { canAdmin: boolean }) {
  const router = useRouter();
  const query = useDashboard();
  const data = query.data ?? null;
  const now = useNow(1_000);
  const wide = useMediaQuery('(min-width: 1024px)');

  // Times are shown against the server's clock: the browser's may be minutes off.
  // Rounded, so that the offset (which wobbles with latency) does not re-render rows.
  // Never earlier than the data itself, so nothing it holds reads as "in 2 s".
  const generatedAt = data ? Date.parse(data.generatedAt) : 0;
  const skew = data ? Math.round((query.dataUpdatedAt - generatedAt) / 1000) * 1000 : 0;
  const rowNow = Math.max(Math.floor(now / ROW_TICK_MS) * ROW_TICK_MS - skew, generatedAt);

  const [filters, setFilters] = useDashboardFilters();
  // Typing stays instant with 500 rows: the list follows a moment later if it must.
  const deferred = useDeferredValue(filters);
  const tiles = useMemo(() => (data ? filterTiles(data.tiles, deferred) : null), [data, deferred]);
  const ids = useMemo(() => tiles?.map((t) => t.id) ?? [], [tiles]);
  const counts = data?.counts;
  const byStatus = useMemo<Record<Status, number>>(
    () => ({ up: counts?.up ?? 0, degraded: counts?.degraded ?? 0, down: counts?.down ?? 0, unknown: counts?.unknown ?? 0 }),
    [counts],
  );

  const [limit, setLimit] = useState(ROWS_PAGE);
  const more = useCallback(() => setLimit((l) => l + ROWS_PAGE), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const select = useCallback((id: string, index?: number) => {
    setSelectedId(id);
    if (index === undefined) return;
    // The row may be past what is rendered: render up to it, then focus it.
    setLimit((l) => (index < l ? l : index + ROWS_PAGE));
    requestAnimationFrame(() => focusRow(id));
  }, []);

  useDashboardKeys({
    searchRef,
    ids,
    selectedId,
    select,
    open: (id) => router.push(`/services/${id}`),
    clearSearch: () => {
      if (!filters.q) return false;
      setFilters({ ...filters, q: '' });
      return true;
    },
  });

  const freshness = { updatedAt: query.dataUpdatedAt, error: query.error, now };
  const empty = data !== null && data.counts.services === 0;

  return (
    <>
      <PageHeader
        title="Dashboard"
        actions={
          <>
            <Link href="/incidents?declare=1" className="btn btn-danger">
              <span aria-hidden>⚑</span> Declare incident
            </Link>
            <UpdatedIndicator {...freshness} />
          </>
        }
      />
      {/* Read out when the numbers change, not on every poll. */}
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {data ? countsSentence(data.counts) : ''}
      </p>

      <div className="space-y-4">
        <ApiTroubleBanner {...freshness} />
        {data ? <PollerBanner poller={data.poller} now={rowNow} /> : null}

        {empty ? (
          <DashboardEmpty canAdmin={canAdmin} />
        ) : (
          <>
            <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
              <SummaryCounts data={data?.counts ?? null} />
              <div className="max-lg:order-last">
                <LatestChanges changes={data?.changes ?? null} now={rowNow} />
              </div>
              <div className="space-y-1.5 lg:col-span-2">
                <FilterBar
                  ref={searchRef}
                  filters={filters}
                  onChange={setFilters}
                  environments={data?.environments ?? []}
                  teams={data?.teams ?? []}
                  byStatus={byStatus}
                />
                <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 lg:min-h-6">
                  <p className="text-xs text-muted max-lg:hidden">
                    Keys: <kbd className="font-mono text-fg">/</kbd> search · <kbd className="font-mono text-fg">j</kbd> <kbd className="font-mono text-fg">k</kbd> or{' '}
                    <kbd className="font-mono text-fg">↓</kbd> <kbd className="font-mono text-fg">↑</kbd> move · <kbd className="font-mono text-fg">Enter</kbd> open ·{' '}
                    <kbd className="font-mono text-fg">Esc</kbd> clear search
                  </p>
                  {isFiltered(filters) ? (
                    <button type="button" className="rounded px-1.5 py-0.5 text-xs text-accent hover:bg-panel-2 hover:underline" onClick={() => setFilters(NO_FILTERS)}>
                      <span aria-hidden>✕ </span>Clear filters
                    </button>
                  ) : null}
                </div>
              </div>
              <div className="lg:col-span-2">
                <ServiceList
                  tiles={tiles}
                  total={data?.counts.services ?? 0}
                  limit={limit}
                  onMore={more}
                  now={rowNow}
                  selectedId={selectedId}
                  onSelect={select}
                  wide={wide}
                  filtered={isFiltered(deferred)}
                  onClearFilters={() => setFilters(NO_FILTERS)}
                />
              </div>
            </div>
          </>
        )}
      </div>
    </>
  );
}
