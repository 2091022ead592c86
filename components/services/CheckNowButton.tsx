'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/components/api/client';
import { serviceKey } from './keys';

/** Asks the poller to check every enabled endpoint now; the page then polls faster for a while. */
export function CheckNowButton({ serviceId, onQueued }: { serviceId: string; onQueued: () => void }) {
  const qc = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const check = useMutation({
    mutationFn: () => api<{ queued: number }>(`/api/v1/services/${serviceId}/check`, { method: 'POST' }),
    onSuccess: (r) => {
      setMessage(
        r.queued === 0
          ? { ok: false, text: 'No enabled endpoint to check.' }
          : { ok: true, text: `Queued ${r.queued} endpoint${r.queued === 1 ? '' : 's'}; results appear within seconds.` },
      );
      if (r.queued > 0) onQueued();
      return qc.invalidateQueries({ queryKey: serviceKey(serviceId) });
    },
    onError: (e) => setMessage({ ok: false, text: e.message }),
  });
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" className="btn btn-primary" onClick={() => check.mutate()} disabled={check.isPending}>
        <span aria-hidden>⟳</span> {check.isPending ? 'Queueing…' : 'Check now'}
      </button>
      <span aria-live="polite" className={`text-xs ${message?.ok === false ? 'text-down' : 'text-muted'}`}>{message?.text}</span>
    </span>
  );
}
