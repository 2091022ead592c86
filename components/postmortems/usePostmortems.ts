'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { OverdueActionItemOut, PostmortemListItem } from '@/lib/postmortems/types';
import { overdueKey, postmortemListKey } from './keys';

export function usePostmortems(overdue: boolean) {
  return useQuery({
    queryKey: postmortemListKey(overdue),
    queryFn: () => api<{ postmortems: PostmortemListItem[] }>(`/api/v1/postmortems${overdue ? '?overdue=true' : ''}`).then((r) => r.postmortems),
    refetchInterval: 15_000,
  });
}

/** Overdue postmortems and action items, for the dashboard panel. */
export function useOverdue() {
  return useQuery({
    queryKey: overdueKey,
    queryFn: async () => {
      const [p, a] = await Promise.all([
        api<{ postmortems: PostmortemListItem[] }>('/api/v1/postmortems?overdue=true'),
        api<{ actionItems: OverdueActionItemOut[] }>('/api/v1/action-items?overdue=true'),
      ]);
      return { postmortems: p.postmortems, actionItems: a.actionItems };
    },
    refetchInterval: 30_000,
  });
}
