'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { ServiceOut } from '@/lib/catalog/types';
import { FAST_MS, LIVE_MS, serviceKey } from './keys';

/** One service, live. `initialData` comes from the server page so the first paint has no spinner. */
export function useService(id: string, opts: { initialData?: ServiceOut; fast?: boolean } = {}) {
  return useQuery({
    queryKey: serviceKey(id),
    queryFn: () => api<{ service: ServiceOut }>(`/api/v1/services/${id}`).then((r) => r.service),
    initialData: opts.initialData,
    refetchInterval: opts.fast ? FAST_MS : LIVE_MS,
  });
}
