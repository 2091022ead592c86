'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { IncidentOut } from '@/lib/incidents/types';
import { incidentKey, incidentsKey, timelineKey } from './keys';

/**
 * A change to the incident that answers with the incident (PATCH, acknowledge,
 * roles): the answer replaces the cached copy at once, and the timeline is
 * refetched for the event the change wrote.
 */
export function useIncidentAction<V>(id: string, request: (vars: V) => { path: string; method: string; body?: unknown }) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (vars: V) => {
      const r = request(vars);
      return api<{ incident: IncidentOut }>(r.path, { method: r.method, body: r.body }).then((x) => x.incident);
    },
    onSuccess: async (incident) => {
      qc.setQueryData(incidentKey(id), incident);
      await Promise.all([qc.invalidateQueries({ queryKey: timelineKey(id) }), qc.invalidateQueries({ queryKey: ['incidents', 'list'] })]);
    },
    // A 409 means someone else changed it first: show what is true now.
    onError: () => qc.invalidateQueries({ queryKey: incidentsKey }),
  });
}
