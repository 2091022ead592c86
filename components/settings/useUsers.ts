'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { Role } from '@/lib/auth/roles';

export interface UserRow { id: string; email: string; name: string; role: Role; disabled: boolean; lastLoginAt: string | null; createdAt: string }

export const usersKey = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: () => api<{ users: UserRow[] }>('/api/v1/users').then((r) => r.users) });
}
