'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import type { PostmortemOut } from '@/lib/postmortems/types';
import { incidentPostmortemKey, postmortemsKey } from './keys';

/**
 * On a resolved incident: a link to its postmortem, or for a commander a
 * "Create postmortem" button when there is none yet (a level that requires one
 * gets it drafted on resolution).
 */
export function IncidentPostmortemLink({ incidentId, resolved, canCreate }: { incidentId: string; resolved: boolean; canCreate: boolean }) {
  const qc = useQueryClient();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: incidentPostmortemKey(incidentId),
    queryFn: () =>
      api<{ postmortem: PostmortemOut }>(`/api/v1/incidents/${incidentId}/postmortem`)
        .then((r) => ({ id: r.postmortem.id, status: r.postmortem.status }))
        .catch((e: unknown) => {
          if (e instanceof ApiClientError && e.status === 404) return null;
          throw e;
        }),
    enabled: resolved,
    refetchInterval: 10_000,
  });
  if (!resolved || q.isPending) return null;
  if (q.data) {
    return (
      <a className="btn btn-primary" href={`/postmortems/${q.data.id}`} data-testid="open-postmortem">
        <span aria-hidden>✎</span> Postmortem
      </a>
    );
  }
  if (!canCreate) return null;
  const create = async () => {
    setBusy(true);
    try {
      const r = await api<{ postmortem: PostmortemOut }>(`/api/v1/incidents/${incidentId}/postmortem`, { method: 'POST' });
      await qc.invalidateQueries({ queryKey: postmortemsKey });
      router.push(`/postmortems/${r.postmortem.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={() => void create()} disabled={busy} data-testid="create-postmortem">Create postmortem</button>
      {error ? <span role="alert" className="text-xs text-down">{error}</span> : null}
    </>
  );
}
