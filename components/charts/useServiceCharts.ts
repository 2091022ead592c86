'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { ChartRange, ChartsResponse } from '@/lib/charts/types';

/** Charts refresh slower than the status: rollups move once every 20 s at best. */
export const CHARTS_LIVE_MS = 30_000;

export const chartsKey = (id: string, range: ChartRange) => ['services', id, 'charts', range] as const;

/** One range of a service's history; the previous range stays on screen while the next loads. */
export function useServiceCharts(id: string, range: ChartRange) {
  return useQuery({
    queryKey: chartsKey(id, range),
    queryFn: () => api<ChartsResponse>(`/api/v1/services/${id}/charts?range=${range}`),
    refetchInterval: CHARTS_LIVE_MS,
    placeholderData: keepPreviousData,
  });
}
