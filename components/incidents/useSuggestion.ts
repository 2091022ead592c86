'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { Suggestion } from '@/lib/incidents/suggest';
import type { IncidentServiceOut } from '@/lib/incidents/types';
import { LIVE_MS, suggestionKey } from './keys';

/** What the live signals of the chosen services suggest, while the declare form is open. */
export function useSuggestion(serviceIds: string[]) {
  return useQuery({
    queryKey: suggestionKey(serviceIds),
    queryFn: () => api<{ suggestion: Suggestion | null; services: IncidentServiceOut[] }>(`/api/v1/incidents/suggest?serviceIds=${serviceIds.join(',')}`),
    enabled: serviceIds.length > 0,
    refetchInterval: LIVE_MS,
  });
}
