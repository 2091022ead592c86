'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { TriageDeploy } from '@/lib/triage/types';

/** The service's latest deploys (newest first), for the triage panel. */
export function useServiceDeploys(serviceId: string) {
  return useQuery({
    queryKey: ['services', serviceId, 'deploys'] as const,
    queryFn: () => api<{ deploys: TriageDeploy[] }>(`/api/v1/deploys?serviceId=${serviceId}&limit=20`).then((r) => r.deploys),
    refetchInterval: 30_000,
  });
}
