'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { Role } from '@/lib/auth/roles';
import { peopleKey } from './keys';

export interface Person { id: string; name: string; email: string; role: Role }

/** Who can be given an incident role (responder and up); only asked for when someone can assign. */
export function usePeople(enabled: boolean) {
  return useQuery({
    queryKey: peopleKey,
    queryFn: () => api<{ people: Person[] }>('/api/v1/incidents/people').then((r) => r.people),
    enabled,
    staleTime: 60_000,
  });
}
