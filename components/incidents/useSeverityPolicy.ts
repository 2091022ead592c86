'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { SeverityLevel } from '@/lib/incidents/policy';
import { policyKey } from './keys';

export function useSeverityPolicy() {
  return useQuery({
    queryKey: policyKey,
    queryFn: () => api<{ levels: SeverityLevel[] }>('/api/v1/severity-policy').then((r) => r.levels),
    staleTime: 60_000,
  });
}
