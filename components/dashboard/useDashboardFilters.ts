'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { filtersToQuery, parseFilters, type DashboardFilters } from './filters';

/**
 * Filters as state mirrored into the URL. Local state answers every keystroke at once;
 * the URL follows with history.replaceState (Next.js syncs useSearchParams with it):
 * no history entry per keystroke and, unlike router.replace, no server round trip.
 * A URL change made elsewhere (the sidebar's Dashboard link) is adopted; the echoes of
 * our own writes, which may arrive late and out of step with typing, are not.
 */
export function useDashboardFilters(): [DashboardFilters, (next: DashboardFilters) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const [filters, setState] = useState<DashboardFilters>(() => parseFilters(params));
  const written = useRef<string[]>([]);

  const current = filtersToQuery(parseFilters(params));
  useEffect(() => {
    const i = written.current.indexOf(current);
    if (i >= 0) {
      written.current = written.current.slice(i + 1);
      return;
    }
    written.current = [];
    // Adopting a URL someone else changed is the point of this effect.
    setState((f) => (filtersToQuery(f) === current ? f : parseFilters(new URLSearchParams(current))));
  }, [current]);

  const setFilters = useCallback(
    (next: DashboardFilters) => {
      setState(next);
      const qs = filtersToQuery(next);
      if (qs === filtersToQuery(parseFilters(new URLSearchParams(window.location.search)))) return;
      written.current.push(qs);
      window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );

  return [filters, setFilters];
}
