'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { Dashboard } from '@/lib/dashboard/query';
import { DASHBOARD_MS, DASHBOARD_TIMEOUT_MS, dashboardKey } from './keys';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The home page's data, polled. The key never changes, so the last data stays on
 * screen while a refetch runs or fails (no flicker, no blank page); structural
 * sharing keeps unchanged tiles the same objects, so their rows do not re-render.
 */
export function useDashboard() {
  return useQuery({
    queryKey: dashboardKey,
    queryFn: () => withTimeout(api<Dashboard>('/api/v1/dashboard'), DASHBOARD_TIMEOUT_MS),
    refetchInterval: DASHBOARD_MS,
    staleTime: 0,
    retry: false,
  });
}
