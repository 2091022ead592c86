'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { PostmortemOut } from '@/lib/postmortems/types';
import { postmortemKey, REVIEW_MS } from './keys';

/** One postmortem, live; `initialData` from the server page so the first paint is complete. */
export function usePostmortem(id: string, initialData?: PostmortemOut) {
  return useQuery({
    queryKey: postmortemKey(id),
    queryFn: () => api<{ postmortem: PostmortemOut }>(`/api/v1/postmortems/${id}`).then((r) => r.postmortem),
    initialData,
    refetchInterval: REVIEW_MS,
  });
}
