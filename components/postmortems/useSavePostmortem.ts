'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '@/components/api/client';
import type { PostmortemOut } from '@/lib/postmortems/types';
import { postmortemKey, postmortemsKey } from './keys';

/**
 * Calls the API for one postmortem and puts the answer straight into the
 * cache (so the page shows what was saved at once), then refreshes the lists.
 */
export function usePostmortemCall(id: string) {
  const qc = useQueryClient();
  return useCallback(
    async (path: string, method: string, body?: unknown): Promise<void> => {
      const r = await api<{ postmortem?: PostmortemOut }>(path, { method, body });
      if (r.postmortem) qc.setQueryData(postmortemKey(id), r.postmortem);
      await qc.invalidateQueries({ queryKey: postmortemsKey });
    },
    [id, qc],
  );
}
