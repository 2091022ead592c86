import Link from 'next/link';
import { StatusBadge, StatusText } from '@/components/ui/StatusBadge';
import { formatKpi, kpiLabel } from '@/lib/alerts/thresholds';
import type { IncidentServiceOut } from '@/lib/incidents/types';

/** The affected services as the poller sees them now: status, what fails, which KPIs breach. */
export function AffectedServices({ services }: { services: IncidentServiceOut[] }) {
  return (
    <section aria-labelledby="svc-h" className="card p-3" data-testid="affected-services">
      <h2 id="svc-h" className="label">Affected services</h2>
      {services.length === 0 ? <p className="text-sm text-muted">None named. The incident is not tied to a watched service.</p> : null}
      <ul className="space-y-2.5">
        {services.map((s) => {
          const failing = s.endpoints.filter((e) => e.enabled && e.status !== 'up');
          return (
            <li key={s.id}>
              <div className="flex items-center justify-between gap-2">
                <Link href={`/services/${s.id}`} className="min-w-0 truncate font-medium hover:text-accent hover:underline">
                  {s.name} <span className="text-xs font-normal text-muted">{s.environment}</span>
                </Link>
                <StatusBadge status={s.status} size="sm" />
              </div>
              {failing.length > 0 ? (
                <ul className="mt-0.5 space-y-0.5 text-xs">
                  {failing.map((e) => (
                    <li key={e.id} className="flex gap-1.5">
                      <StatusText status={e.status}>{e.kind}</StatusText>
                      <span className="min-w-0 truncate text-muted" title={e.error ?? undefined}>{e.error ?? ''}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {s.breaches.length > 0 ? (
                <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs">
                  {s.breaches.map((b) => (
                    <span key={b.kpi} className={b.level === 'critical' ? 'text-down' : 'text-degraded'}>
                      <span aria-hidden>{b.level === 'critical' ? '✖' : '▲'} </span>
                      {kpiLabel(b.kpi)} {formatKpi(b.kpi, b.value)}
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
