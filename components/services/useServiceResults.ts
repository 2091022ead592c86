'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { ResultOut } from '@/lib/catalog/types';
import { FAST_MS, LIVE_MS, resultsKey, type ResultsFilter } from './keys';

export type { ResultsFilter };

export function useServiceResults(id: string, filter: ResultsFilter, opts: { fast?: boolean; limit?: number } = {}) {
  const qs = new URLSearchParams({ limit: String(opts.limit ?? 100) });
  if (filter.kind) qs.set('kind', filter.kind);
  if (filter.status) qs.set('status', filter.status);
  return useQuery({
    queryKey: resultsKey(id, filter),
    queryFn: () => api<{ results: ResultOut[] }>(`/api/v1/services/${id}/results?${qs}`).then((r) => r.results),
    refetchInterval: opts.fast ? FAST_MS : LIVE_MS,
    placeholderData: keepPreviousData,
  });
}
