'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { TimelineEventOut } from '@/lib/incidents/types';
import { LIVE_MS, timelineKey } from './keys';

/** The whole timeline, oldest first, refetched every 3 s; filtering happens in the view. */
export function useTimeline(id: string, initialData?: TimelineEventOut[]) {
  return useQuery({
    queryKey: timelineKey(id),
    queryFn: () => api<{ events: TimelineEventOut[] }>(`/api/v1/incidents/${id}/timeline`).then((r) => r.events),
    initialData,
    refetchInterval: LIVE_MS,
  });
}
