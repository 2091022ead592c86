'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { hasRole, type Role } from '@/lib/auth/roles';
import { ServiceCharts } from '@/components/charts/ServiceCharts';
import { TriagePanel } from '@/components/triage/TriagePanel';
import type { ServiceOut } from '@/lib/catalog/types';
import { CheckNowButton } from './CheckNowButton';
import { DeleteServiceDialog } from './DeleteServiceDialog';
import { EndpointsTable } from './EndpointsTable';
import { ResultsLog } from './ResultsLog';
import { ServiceHeader } from './ServiceHeader';
import { useService } from './useService';

/** After "Check now", poll every 2 s for this long, then back to every 5 s. */
const BURST_MS = 15_000;

/**
 * The service page: header, endpoints with their latest result, recent results.
 * Built from separate components so more panels (charts) can be slotted in.
 */
export function ServiceDetail({ initial, role }: { initial: ServiceOut; role: Role }) {
  const [burst, setBurst] = useState(0);
  const [fast, setFast] = useState(false);
  const service = useService(initial.id, { initialData: initial, fast });

  useEffect(() => {
    if (burst === 0) return;
    const t = setTimeout(() => setFast(false), BURST_MS);
    return () => clearTimeout(t);
  }, [burst]);

  if (service.isError && !service.data) return <p role="alert" className="text-down">Could not load the service: {service.error.message}</p>;
  const s = service.data ?? initial;
  const canAdmin = hasRole(role, 'admin');

  return (
    <div className="space-y-6">
      <ServiceHeader
        service={s}
        actions={
          <>
            {hasRole(role, 'responder') ? (
              <CheckNowButton
                serviceId={s.id}
                onQueued={() => {
                  setFast(true);
                  setBurst((b) => b + 1);
                }}
              />
            ) : null}
            {hasRole(role, 'commander') ? (
              <Link href={`/incidents?declare=${s.id}`} className="btn btn-danger" data-testid="declare-from-service">
                <span aria-hidden>⚑</span> Declare incident
              </Link>
            ) : null}
            {canAdmin ? <Link href={`/services/${s.id}/edit`} className="btn">Edit</Link> : null}
            {canAdmin ? <DeleteServiceDialog service={s} /> : null}
          </>
        }
      />
      {service.isError ? <p role="status" className="text-xs text-degraded">▲ Live updates paused: {service.error.message}</p> : null}
      <TriagePanel service={s} />
      <EndpointsTable service={s} canAdmin={canAdmin} />
      <ServiceCharts serviceId={s.id} />
      <ResultsLog service={s} fast={fast} />
    </div>
  );
}
