'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { relativeTime } from '@/components/ui/time';
import { ROLES, ROLE_DESCRIPTIONS, type Role } from '@/lib/auth/roles';
import { useUsers, usersKey, type UserRow } from './useUsers';

function CreateUserForm() {
  const qc = useQueryClient();
  const [error, setError] = useState<ApiClientError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, string>) => api<{ user: UserRow }>('/api/v1/users', { method: 'POST', body }),
    onSuccess: (r, _vars) => {
      setError(null);
      setDone(`Created ${r.user.email} (${r.user.role}).`);
      qc.invalidateQueries({ queryKey: usersKey });
    },
    onError: (e) => {
      setDone(null);
      setError(e instanceof ApiClientError ? e : new ApiClientError(0, 'Network error', []));
    },
  });

  return (
    <form
      className="card grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-5"
      aria-label="Add a user"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const form = e.currentTarget;
        create.mutate(Object.fromEntries(['email', 'name', 'password', 'role'].map((k) => [k, String(f.get(k) ?? '')])), {
          onSuccess: () => form.reset(),
        });
      }}
    >
      <div className="sm:col-span-2 lg:col-span-5">
        <h2 className="text-sm font-semibold">Add a user</h2>
      </div>
      <div>
        <label className="label" htmlFor="new-email">Email</label>
        <input id="new-email" name="email" type="email" className="input" aria-describedby="new-email-err" />
        <FieldError id="new-email-err" message={error?.field('email')} />
      </div>
      <div>
        <label className="label" htmlFor="new-name">Name</label>
        <input id="new-name" name="name" className="input" aria-describedby="new-name-err" />
        <FieldError id="new-name-err" message={error?.field('name')} />
      </div>
      <div>
        <label className="label" htmlFor="new-password">Initial password</label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" className="input" aria-describedby="new-password-err" />
        <FieldError id="new-password-err" message={error?.field('password')} />
      </div>
      <div>
        <label className="label" htmlFor="new-role">Role</label>
        <select id="new-role" name="role" className="input" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
      </div>
      <div className="flex items-end">
        <button type="submit" className="btn btn-primary w-full" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add user'}
        </button>
      </div>
      <div className="sm:col-span-2 lg:col-span-5" aria-live="polite">
        {error && error.issues.length === 0 ? <FormError error={error.message} /> : null}
        {done ? <p className="text-sm text-up">✔ {done}</p> : null}
      </div>
    </form>
  );
}

function UserRowView({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: (body: { role?: Role; disabled?: boolean }) => api(`/api/v1/users/${user.id}`, { method: 'PATCH', body }),
    onSuccess: () => {
      setError(null);
      qc.invalidateQueries({ queryKey: usersKey });
    },
    onError: (e) => setError(e.message),
  });
  return (
    <tr className={user.disabled ? 'opacity-60' : undefined}>
      <td>
        <div className="font-medium">{user.name}{isSelf ? <span className="ml-1.5 text-xs text-muted">(you)</span> : null}</div>
        <div className="text-xs text-muted">{user.email}</div>
      </td>
      <td>
        <label className="sr-only" htmlFor={`role-${user.id}`}>Role of {user.email}</label>
        <select
          id={`role-${user.id}`}
          className="input w-36"
          value={user.role}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ role: e.target.value as Role })}
          title={ROLE_DESCRIPTIONS[user.role]}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
        {error ? <p role="alert" className="mt-1 text-xs text-down">{error}</p> : null}
      </td>
      <td>
        {user.disabled ? (
          <span className="text-muted">⏸ Disabled</span>
        ) : (
          <span className="text-up">● Active</span>
        )}
      </td>
      <td className="text-muted" title={user.lastLoginAt ?? undefined}>{relativeTime(user.lastLoginAt)}</td>
      <td className="text-right">
        {!isSelf ? (
          <button type="button" className={`btn ${user.disabled ? '' : 'btn-danger'}`} disabled={update.isPending} onClick={() => update.mutate({ disabled: !user.disabled })}>
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

export function UsersAdmin({ currentUserId }: { currentUserId: string | null }) {
  const users = useUsers();
  return (
    <div className="space-y-5">
      <CreateUserForm />
      <div className="card overflow-x-auto">
        <table className="table" aria-label="Users">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Last sign-in</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {users.isPending ? (
              <tr><td colSpan={5} className="text-muted">Loading…</td></tr>
            ) : users.isError ? (
              <tr><td colSpan={5} className="text-down">Could not load users: {users.error.message}</td></tr>
            ) : (
              users.data.map((u) => <UserRowView key={u.id} user={u} isSelf={u.id === currentUserId} />)
            )}
          </tbody>
        </table>
      </div>
      <dl className="grid gap-2 text-xs text-muted sm:grid-cols-2">
        {ROLES.map((r) => (
          <div key={r}><dt className="inline font-mono text-fg">{r}</dt> — <dd className="inline">{ROLE_DESCRIPTIONS[r]}</dd></div>
        ))}
      </dl>
    </div>
  );
}
