'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { formatDateTime, relativeTime } from '@/components/ui/time';

interface TokenRow { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null }

const tokensKey = ['tokens'] as const;

export function TokensPanel() {
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => api<{ tokens: TokenRow[] }>('/api/v1/tokens').then((r) => r.tokens) });
  const [error, setError] = useState<ApiClientError | null>(null);
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number }) => api<{ token: TokenRow & { token: string } }>('/api/v1/tokens', { method: 'POST', body }),
    onSuccess: (r) => {
      setError(null);
      setFresh({ name: r.token.name, token: r.token.token });
      qc.invalidateQueries({ queryKey: tokensKey });
    },
    onError: (e) => setError(e instanceof ApiClientError ? e : new ApiClientError(0, 'Network error', [])),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/v1/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });

  return (
    <div className="space-y-5">
      <p className="max-w-3xl text-sm text-muted">
        Personal tokens let scripts and CI call the API as you, with your role: send <code className="font-mono text-fg">Authorization: Bearer &lt;token&gt;</code>.
        A token is shown once, when it is created; opsdeck keeps only its hash.
      </p>
      <form
        className="card flex flex-wrap items-end gap-3 p-4"
        aria-label="Create a token"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const days = String(f.get('expiresInDays') ?? '');
          create.mutate({ name: String(f.get('name') ?? ''), expiresInDays: days ? Number(days) : undefined });
        }}
      >
        <div className="min-w-56 flex-1">
          <label className="label" htmlFor="token-name">Name</label>
          <input id="token-name" name="name" className="input" placeholder="e.g. deploy pipeline" aria-describedby="token-name-err" />
          <FieldError id="token-name-err" message={error?.field('name')} />
        </div>
        <div className="w-40">
          <label className="label" htmlFor="token-expiry">Expires after</label>
          <select id="token-expiry" name="expiresInDays" className="input" defaultValue="90">
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">1 year</option>
            <option value="">Never</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>Create token</button>
        {error && error.issues.length === 0 ? <div className="w-full"><FormError error={error.message} /></div> : null}
      </form>

      {fresh ? (
        <div role="status" className="card border-up/40 p-4">
          <p className="text-sm font-medium text-up">✔ Token “{fresh.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex gap-2">
            <input readOnly value={fresh.token} className="input font-mono" aria-label="New token" data-testid="new-token" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="btn" onClick={() => navigator.clipboard?.writeText(fresh.token)}>Copy</button>
            <button type="button" className="btn" onClick={() => setFresh(null)}>Done</button>
          </div>
        </div>
      ) : null}

      <div className="card overflow-x-auto">
        <table className="table" aria-label="Your tokens">
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Token</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {tokens.isPending ? (
              <tr><td colSpan={6} className="text-muted">Loading…</td></tr>
            ) : tokens.isError ? (
              <tr><td colSpan={6} className="text-down">Could not load tokens: {tokens.error.message}</td></tr>
            ) : tokens.data.length === 0 ? (
              <tr><td colSpan={6} className="text-muted">No tokens yet.</td></tr>
            ) : (
              tokens.data.map((t) => (
                <tr key={t.id} className={t.revokedAt ? 'opacity-60' : undefined}>
                  <td className="font-medium">{t.name}</td>
                  <td className="font-mono text-xs">{t.prefix}…</td>
                  <td title={formatDateTime(t.createdAt)}>{relativeTime(t.createdAt)}</td>
                  <td>{relativeTime(t.lastUsedAt)}</td>
                  <td>{t.expiresAt ? formatDateTime(t.expiresAt).slice(0, 10) : 'never'}</td>
                  <td className="text-right">
                    {t.revokedAt ? (
                      <span className="text-muted">⊘ Revoked</span>
                    ) : (
                      <button type="button" className="btn btn-danger" onClick={() => { if (confirm(`Revoke “${t.name}”? Scripts using it stop working.`)) revoke.mutate(t.id); }}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
