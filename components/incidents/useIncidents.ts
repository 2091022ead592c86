'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { IncidentSummaryOut } from '@/lib/incidents/types';
import { incidentListKey, LIST_MS, type IncidentListState } from './keys';

export function useIncidents(state: IncidentListState) {
  return useQuery({
    queryKey: incidentListKey(state),
    queryFn: () => api<{ incidents: IncidentSummaryOut[] }>(`/api/v1/incidents?state=${state}`).then((r) => r.incidents),
    refetchInterval: LIST_MS,
  });
}
