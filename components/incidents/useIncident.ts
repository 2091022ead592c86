'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { IncidentOut } from '@/lib/incidents/types';
import { incidentKey, LIVE_MS } from './keys';

/** One incident, live. `initialData` comes from the server page so the first paint has no spinner. */
export function useIncident(id: string, initialData?: IncidentOut) {
  return useQuery({
    queryKey: incidentKey(id),
    queryFn: () => api<{ incident: IncidentOut }>(`/api/v1/incidents/${id}`).then((r) => r.incident),
    initialData,
    refetchInterval: LIVE_MS,
  });
}
