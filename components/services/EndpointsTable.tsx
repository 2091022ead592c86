'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '@/components/api/client';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { EndpointOut, ServiceOut } from '@/lib/catalog/types';
import { TimeAgo } from './Ago';
import { useNow } from './useNow';
import { EndpointSummary } from './EndpointSummary';
import { serviceKey } from './keys';

function EnableToggle({ serviceId, endpoint }: { serviceId: string; endpoint: EndpointOut }) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => api(`/api/v1/services/${serviceId}/endpoints/${endpoint.id}`, { method: 'PATCH', body: { enabled } }),
    onSuccess: () => {
      setError(null);
      return qc.invalidateQueries({ queryKey: serviceKey(serviceId) });
    },
    onError: (e) => setError(e.message),
  });
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!endpoint.enabled)}
        aria-label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.kind} endpoint ${endpoint.url}`}
      >
        {endpoint.enabled ? 'Disable' : 'Enable'}
      </button>
      {error ? <p role="alert" className="mt-1 text-xs text-down">{error}</p> : null}
    </>
  );
}

/** Each endpoint with its latest result. */
export function EndpointsTable({ service, canAdmin }: { service: ServiceOut; canAdmin: boolean }) {
  const now = useNow();
  return (
    <section aria-labelledby="endpoints-title" className="space-y-2">
      <h2 id="endpoints-title" className="text-sm font-semibold">Endpoints</h2>
      <div className="card overflow-x-auto">
        <table className="table" aria-label="Endpoints">
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Status</th>
              <th scope="col">HTTP</th>
              <th scope="col">Latency</th>
              <th scope="col">Last checked</th>
              <th scope="col">Details</th>
              {canAdmin ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {service.endpoints.length === 0 ? (
              <tr><td colSpan={canAdmin ? 7 : 6} className="text-muted">This service has no endpoints, so nothing is checked.</td></tr>
            ) : (
              service.endpoints.map((e) => (
                <tr key={e.id} className={e.enabled ? undefined : 'opacity-60'} data-testid="endpoint-row">
                  <td className="max-w-md">
                    <div className="flex items-center gap-2">
                      <span className="rounded bg-panel-2 px-1.5 py-0.5 font-mono text-[11px]">{e.kind}</span>
                      {!e.enabled ? <span className="text-xs text-muted">⏸ disabled</span> : null}
                      {e.checkQueued ? <span className="text-xs text-accent">⟳ check queued</span> : null}
                    </div>
                    <div className="mt-0.5 break-all font-mono text-xs" title={e.url}>{e.url}</div>
                    <div className="text-[11px] text-muted">
                      every {e.intervalSeconds} s · timeout {e.timeoutMs} ms
                      {e.headerNames.length > 0 ? <> · headers: <span className="font-mono">{e.headerNames.join(', ')}</span></> : null}
                    </div>
                  </td>
                  <td>
                    <StatusBadge status={e.status} />
                    {e.consecutiveFailures > 0 ? <div className="mt-0.5 text-[11px] text-muted">{e.consecutiveFailures} failed in a row</div> : null}
                  </td>
                  <td className="font-mono text-xs">{e.httpStatus ?? '—'}</td>
                  <td className="whitespace-nowrap font-mono text-xs">{e.latencyMs != null ? `${e.latencyMs} ms` : '—'}</td>
                  <td className="whitespace-nowrap text-xs"><TimeAgo iso={e.lastCheckedAt} now={now} /></td>
                  <td className="max-w-lg">
                    {e.error ? <p className="text-xs text-down"><span aria-hidden>✖ </span>{e.error}</p> : null}
                    <EndpointSummary summary={e.summary} thresholds={service.thresholds} />
                  </td>
                  {canAdmin ? <td className="text-right"><EnableToggle serviceId={service.id} endpoint={e} /></td> : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
