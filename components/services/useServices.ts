'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { ServiceOut } from '@/lib/catalog/types';
import { LIVE_MS, servicesKey } from './keys';

export function useServices() {
  return useQuery({
    queryKey: servicesKey,
    queryFn: () => api<{ services: ServiceOut[] }>('/api/v1/services').then((r) => r.services),
    refetchInterval: LIVE_MS,
  });
}
