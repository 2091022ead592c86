'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { SeverityLevel } from '@/lib/incidents/policy';
import { policyKey } from './keys';

/** A level as stored: with the time it last changed. */
export type StoredSeverityLevel = SeverityLevel & { updatedAt?: string };

export function useSeverityPolicy() {
  return useQuery({
    queryKey: policyKey,
    queryFn: () => api<{ levels: StoredSeverityLevel[] }>('/api/v1/severity-policy').then((r) => r.levels),
    staleTime: 60_000,
  });
}
