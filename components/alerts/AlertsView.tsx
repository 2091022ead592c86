'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import { useNow } from '@/components/services/useNow';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import { SeverityBadge } from '@/components/incidents/Badges';
import type { AlertOut } from '@/lib/alerts/query';
import { formatDuration } from '@/lib/incidents/clocks';
import { SegmentedTabs } from '@/components/ui/SegmentedTabs';

// Alerts, open first: what fired, on which service, since when, and whether an
// incident already covers it (join) or not (declare from here).

type Dated<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
type AlertRow = Dated<AlertOut>;
type State = 'open' | 'resolved' | 'all';
type Level = 'all' | 'critical' | 'warning';

const STATES: { value: State; label: string }[] = [
  { value: 'open', label: 'Firing' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];
const LEVELS: { value: Level; label: string }[] = [
  { value: 'all', label: 'Any level' },
  { value: 'critical', label: 'Critical' },
  { value: 'warning', label: 'Warning' },
];

function LevelBadge({ level, resolved }: { level: 'warning' | 'critical'; resolved: boolean }) {
  if (resolved) {
    return (
      <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-up/40 bg-up/10 px-2 py-0.5 text-xs text-up" data-alert-level={level}>
        <span aria-hidden>✔</span>resolved <span className="text-muted">({level})</span>
      </span>
    );
  }
  return level === 'critical' ? (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-down/50 bg-down/15 px-2 py-0.5 text-xs font-semibold text-down" data-alert-level="critical">
      <span aria-hidden>✖</span>critical
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-degraded/50 bg-degraded/10 px-2 py-0.5 text-xs font-medium text-degraded" data-alert-level="warning">
      <span aria-hidden>▲</span>warning
    </span>
  );
}

export function declareHref(a: Pick<AlertRow, 'id' | 'service' | 'message'>): string {
  const q = new URLSearchParams({ declare: a.service.id, alert: a.id, title: `${a.service.name}: ${a.message}`.slice(0, 200) });
  return `/incidents?${q}`;
}

export function AlertsView({ canDeclare }: { canDeclare: boolean }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = (STATES.find((s) => s.value === params.get('state'))?.value ?? 'open') as State;
  const level = (LEVELS.find((l) => l.value === params.get('level'))?.value ?? 'all') as Level;
  const now = useNow(1_000);
  const alerts = useQuery({
    queryKey: ['alerts', state, level],
    queryFn: () => api<{ alerts: AlertRow[] }>(`/api/v1/alerts?state=${state}${level === 'all' ? '' : `&level=${level}`}`).then((r) => r.alerts),
    refetchInterval: 5_000,
    placeholderData: (prev) => prev,
  });
  const setParam = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    router.replace(`${pathname}${next.size ? `?${next}` : ''}`, { scroll: false });
  };

  const rows = alerts.data ?? [];
  const firing = rows.filter((a) => a.state === 'open');
  const critical = firing.filter((a) => a.level === 'critical').length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <SegmentedTabs label="Which alerts" tabs={STATES} value={state} onChange={(v) => setParam('state', v, 'open')} />
        <label className="sr-only" htmlFor="alert-level">Level</label>
        <select id="alert-level" className="input w-auto py-1" value={level} onChange={(e) => setParam('level', e.target.value, 'all')}>
          {LEVELS.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
        </select>
        <p className="ml-auto text-sm text-muted" aria-live="polite">
          {alerts.isPending ? 'Loading…' : state === 'resolved' ? `${rows.length} resolved` : `${firing.length} firing${critical ? `, ${critical} critical` : ''}`}
          {alerts.isError ? <span className="ml-2 text-down">✖ could not refresh: {(alerts.error as Error).message}</span> : null}
        </p>
      </div>

      {rows.length === 0 && !alerts.isPending ? (
        <div className="card p-6 text-sm">
          <p className="font-medium"><span aria-hidden className="text-up">✔ </span>{state === 'resolved' ? 'No resolved alerts kept.' : 'Nothing is firing.'}</p>
          <p className="mt-1 text-muted">An alert opens after two consecutive failed checks of an endpoint, or when a KPI passes its threshold; it turns critical when an endpoint stays down for two minutes, and resolves by itself.</p>
        </div>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table" data-testid="alerts-table">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Service</th>
                <th scope="col">What fired</th>
                <th scope="col">Opened</th>
                <th scope="col">{state === 'open' ? 'Firing for' : 'Lasted'}</th>
                <th scope="col">Incident</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => {
                const resolved = a.state === 'resolved';
                return (
                  <tr key={a.id} data-testid="alert-row" data-alert-id={a.id}>
                    <td><LevelBadge level={a.level} resolved={resolved} /></td>
                    <td>
                      <Link href={`/services/${a.service.id}`} className="font-medium hover:underline">{a.service.name}</Link>
                      <span className="ml-1 text-xs text-muted">{a.service.environment}</span>
                    </td>
                    <td className="max-w-md">
                      <span className="text-fg">{a.message}</span>
                      {a.peakLevel === 'critical' && a.level !== 'critical' ? <span className="ml-2 text-xs text-muted">(peaked critical)</span> : null}
                    </td>
                    <td className="whitespace-nowrap text-muted"><span title={formatDateTime(a.openedAt)}>{relativeTime(a.openedAt, now)}</span></td>
                    <td className="whitespace-nowrap tabular-nums">{formatDuration((resolved && a.resolvedAt ? Date.parse(a.resolvedAt) : now) - Date.parse(a.openedAt))}</td>
                    <td className="whitespace-nowrap">
                      {a.incidents.length ? (
                        <span className="flex flex-wrap gap-2">
                          {a.incidents.map((i) => (
                            <Link key={i.id} href={`/incidents/${i.id}`} className="inline-flex items-center gap-1.5 hover:underline" title={i.title}>
                              <SeverityBadge severity={i.severity} size="sm" /> #{i.number} covers it
                            </Link>
                          ))}
                        </span>
                      ) : canDeclare && !resolved ? (
                        <Link href={declareHref(a)} className="btn btn-danger px-2 py-1 text-xs" data-testid="alert-declare">
                          <span aria-hidden>⚑</span> Declare incident
                        </Link>
                      ) : (
                        <span className="text-muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
