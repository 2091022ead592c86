import { StatusBadge } from '@/components/ui/StatusBadge';
import type { ServiceOut } from '@/lib/catalog/types';
import { Ago } from './Ago';

/** Name and status first: the one line an on-call engineer reads. */
export function ServiceHeader({ service, actions }: { service: ServiceOut; actions?: React.ReactNode }) {
  return (
    <header className="mb-5 space-y-2">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-xl font-semibold tracking-tight">{service.name}</h1>
            <StatusBadge status={service.status} size="lg" />
          </div>
          <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted">
            <span>Environment <span className="font-mono text-fg">{service.environment}</span></span>
            <span>Team <span className="text-fg">{service.team ?? '—'}</span></span>
            <span>Last checked <span className="text-fg"><Ago iso={service.lastCheckedAt} /></span></span>
          </p>
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      {service.description ? <p className="max-w-3xl whitespace-pre-line text-sm">{service.description}</p> : null}
      {service.tags.length > 0 || service.links.length > 0 ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          {service.tags.length > 0 ? (
            <ul className="flex flex-wrap gap-1" aria-label="Tags">
              {service.tags.map((t) => <li key={t} className="rounded bg-panel-2 px-1.5 py-0.5 text-xs text-muted">{t}</li>)}
            </ul>
          ) : null}
          {service.links.length > 0 ? (
            <ul className="flex flex-wrap gap-3" aria-label="Runbooks and docs">
              {service.links.map((l) => (
                <li key={`${l.label}-${l.url}`}>
                  <a href={l.url} target="_blank" rel="noopener noreferrer" className="text-accent underline-offset-2 hover:underline">
                    {l.label} <span aria-hidden>↗</span>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </header>
  );
}
