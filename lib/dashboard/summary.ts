import { STATUS_RANK, type EndpointKind, type ProbeSummary, type Status } from '@/lib/probes/types';
import { endpointFreshStatus, FRESH_INTERVALS, serviceStatus } from '@/lib/catalog/status';
import { evaluateKpis, type Thresholds } from '@/lib/alerts/thresholds';

// Pure shaping of the dashboard: one tile per service, worst first, with
// what fails and why, migration drift, breaching KPIs and open alerts.

export interface EndpointRow {
  id: string;
  serviceId: string;
  kind: EndpointKind;
  enabled: boolean;
  status: Status;
  intervalSeconds: number;
  lastCheckedAt: Date | null;
  statusChangedAt: Date | null;
  failingSince: Date | null;
  lastError: string | null;
  lastSummary: ProbeSummary | null;
}

export interface ServiceRow {
  id: string;
  name: string;
  environment: string;
  team: string | null;
  tags: string[];
  thresholds: Thresholds;
}

export interface AlertRow { serviceId: string; level: 'warning' | 'critical' }
export interface IncidentRow { id: string; number: number; title: string; severity: string; status: string; serviceIds: string[] }

export interface Failing { endpointId: string; kind: EndpointKind; status: Status; reason: string }
export interface Breach { kpi: string; value: number; level: 'warning' | 'critical'; limit: number }

export interface Tile {
  id: string;
  name: string;
  environment: string;
  team: string | null;
  tags: string[];
  status: Status;
  /** When the service entered its current status (null: never checked). */
  since: string | null;
  lastCheckedAt: string | null;
  /** Some enabled endpoint has no result within two intervals. */
  stale: boolean;
  /** The oldest last result among the stale endpoints (null when none is stale). */
  staleSince: string | null;
  failing: Failing[];
  migration: { current: string | null; head: string | null; behindBy: number | null } | null;
  breaches: Breach[];
  alerts: { open: number; critical: number };
  incidents: { id: string; number: number; title: string; severity: string; status: string }[];
  endpoints: { total: number; up: number; degraded: number; down: number; unknown: number };
}

/** Why an endpoint is not up, in one line: its error, else its failing components. */
export function failureReason(ep: Pick<EndpointRow, 'lastError' | 'lastSummary' | 'status'>, fresh: Status): string {
  if (fresh === 'unknown' && ep.status !== 'unknown') return 'no fresh result (stale)';
  if (ep.lastError) return ep.lastError;
  const bad = (ep.lastSummary?.components ?? []).filter((c) => c.status !== 'up').map((c) => `${c.name}: ${c.raw}`);
  if (bad.length) return bad.join(', ');
  return fresh === 'unknown' ? 'not checked yet' : fresh;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Checked once, but not within two intervals. Judged on the age alone: an endpoint
 * whose fresh result says `unknown` (a migration endpoint that cannot tell) is not stale.
 */
export function isStale(ep: Pick<EndpointRow, 'enabled' | 'lastCheckedAt' | 'intervalSeconds'>, now: Date): boolean {
  return ep.enabled && ep.lastCheckedAt !== null && now.getTime() - ep.lastCheckedAt.getTime() > FRESH_INTERVALS * ep.intervalSeconds * 1000;
}

export function buildTile(
  svc: ServiceRow,
  endpoints: EndpointRow[],
  alerts: AlertRow[],
  incidents: IncidentRow[],
  now: Date,
): Tile {
  const enabled = endpoints.filter((e) => e.enabled);
  const fresh = enabled.map((e) => ({ e, s: endpointFreshStatus(e, now) }));
  const status = serviceStatus(endpoints, now);
  const counts = { total: enabled.length, up: 0, degraded: 0, down: 0, unknown: 0 };
  for (const f of fresh) counts[f.s]++;

  // Down since the first endpoint that made it so; up since the last recovery.
  const matching = fresh.filter((f) => f.s === status).map((f) => f.e.statusChangedAt ?? f.e.lastCheckedAt).filter((d): d is Date => !!d);
  const since = matching.length === 0 ? null : status === 'up' ? new Date(Math.max(...matching.map((d) => d.getTime()))) : new Date(Math.min(...matching.map((d) => d.getTime())));

  const failing = fresh
    .filter((f) => f.s !== 'up')
    .sort((a, b) => STATUS_RANK[b.s] - STATUS_RANK[a.s])
    .map((f) => ({ endpointId: f.e.id, kind: f.e.kind, status: f.s, reason: failureReason(f.e, f.s).slice(0, 300) }));

  let migration: Tile['migration'] = null;
  for (const e of enabled) {
    const m = e.lastSummary?.migration;
    if (e.kind === 'migration' && m && m.atHead === false) {
      migration = { current: m.current, head: m.head, behindBy: m.pending };
    }
  }

  const breaches: Breach[] = [];
  for (const e of enabled) {
    if (!e.lastSummary?.kpis || endpointFreshStatus(e, now) === 'unknown') continue;
    for (const ev of evaluateKpis(e.lastSummary.kpis, svc.thresholds)) {
      if (ev.level === 'ok') continue;
      breaches.push({ kpi: ev.kpi, value: ev.value, level: ev.level, limit: ev.level === 'critical' ? ev.threshold.critical : ev.threshold.warning });
    }
  }

  const lastChecked = enabled.map((e) => e.lastCheckedAt).filter((d): d is Date => !!d);
  // lastCheckedAt is the newest result; a stale endpoint beside a fresh one needs its own time.
  const staleAt = enabled.filter((e) => isStale(e, now)).map((e) => e.lastCheckedAt!.getTime());
  return {
    id: svc.id,
    name: svc.name,
    environment: svc.environment,
    team: svc.team,
    tags: svc.tags,
    status,
    since: iso(since),
    lastCheckedAt: lastChecked.length ? new Date(Math.max(...lastChecked.map((d) => d.getTime()))).toISOString() : null,
    stale: staleAt.length > 0,
    staleSince: staleAt.length ? new Date(Math.min(...staleAt)).toISOString() : null,
    failing,
    migration,
    breaches,
    alerts: { open: alerts.length, critical: alerts.filter((a) => a.level === 'critical').length },
    incidents: incidents.map(({ id, number, title, severity, status: st }) => ({ id, number, title, severity, status: st })),
    endpoints: counts,
  };
}

/** Worst first: status, then critical alerts, then breaches, then name. */
export function sortTiles(tiles: Tile[]): Tile[] {
  const rank = (t: Tile) => STATUS_RANK[t.status];
  return [...tiles].sort(
    (a, b) =>
      rank(b) - rank(a) ||
      b.alerts.critical - a.alerts.critical ||
      b.breaches.length - a.breaches.length ||
      b.alerts.open - a.alerts.open ||
      a.name.localeCompare(b.name) ||
      a.environment.localeCompare(b.environment),
  );
}

export interface PollerHealth {
  /** Newest result of any endpoint. */
  lastResultAt: string | null;
  /** Workers with a heartbeat in the last 30 s. */
  activeWorkers: number;
  /**
   * True when there is something to poll but no result arrived for a minute, and
   * (when `oldestDueAt` is known) some enabled endpoint is overdue by more than a
   * minute: new endpoints not yet due and long intervals are no reason to alarm.
   */
  stopped: boolean;
}

const SILENCE_MS = 60_000;

export function pollerHealth(
  lastResultAt: Date | null,
  activeWorkers: number,
  enabledEndpoints: number,
  now: Date,
  /** The earliest `next_due_at` of the enabled endpoints; undefined: not known. */
  oldestDueAt?: Date | null,
): PollerHealth {
  const silentMs = lastResultAt ? now.getTime() - lastResultAt.getTime() : Infinity;
  const overdue = oldestDueAt === undefined ? true : oldestDueAt !== null && now.getTime() - oldestDueAt.getTime() > SILENCE_MS;
  return {
    lastResultAt: iso(lastResultAt),
    activeWorkers,
    stopped: enabledEndpoints > 0 && silentMs > SILENCE_MS && overdue,
  };
}
