import type pg from 'pg';
import { pool as defaultPool } from '@/lib/db/client';
import type { EndpointKind, ProbeSummary, Status } from '@/lib/probes/types';
import type { Thresholds } from '@/lib/alerts/thresholds';
import { openIncidentsForDashboard } from '@/lib/incidents/query';
import { buildTile, pollerHealth, sortTiles, type AlertRow, type EndpointRow, type ServiceRow, type Tile } from './summary';

export interface Change {
  type: 'status' | 'deploy';
  at: string;
  serviceId: string;
  service: string;
  environment: string;
  /** status: `health up → down`; deploy: the version. */
  title: string;
  detail: string | null;
  to?: Status;
}

export interface Dashboard {
  generatedAt: string;
  counts: { services: number; up: number; degraded: number; down: number; unknown: number; openAlerts: number; criticalAlerts: number; openIncidents: number };
  poller: ReturnType<typeof pollerHealth>;
  tiles: Tile[];
  changes: Change[];
  environments: string[];
  teams: string[];
}


/**
 * Everything the home page shows, in a handful of indexed queries run side
 * by side: services, endpoints' latest state, open alerts, recent changes,
 * and whether the poller is alive.
 */
export async function loadDashboard(now: Date = new Date(), pool: pg.Pool = defaultPool()): Promise<Dashboard> {
  const [services, endpoints, alerts, statusChanges, deploys, poller, incidents] = await Promise.all([
    pool.query<ServiceRow>('SELECT id, name, environment, team, tags, thresholds FROM services'),
    pool.query<EndpointRow>(
      `SELECT id, service_id AS "serviceId", kind, enabled, status, interval_seconds AS "intervalSeconds",
              last_checked_at AS "lastCheckedAt", status_changed_at AS "statusChangedAt", failing_since AS "failingSince",
              last_error AS "lastError", last_summary AS "lastSummary"
       FROM endpoints`,
    ),
    pool.query<AlertRow>('SELECT service_id AS "serviceId", level FROM alerts WHERE resolved_at IS NULL'),
    pool.query<{ at: Date; serviceId: string; service: string; environment: string; kind: EndpointKind; from: Status; to: Status; error: string | null }>(
      `SELECT c.at, c.service_id AS "serviceId", s.name AS service, s.environment, c.kind, c.from_status AS "from", c.to_status AS "to", c.error
       FROM status_changes c JOIN services s ON s.id = c.service_id
       ORDER BY c.at DESC LIMIT 15`,
    ),
    pool.query<{ at: Date; serviceId: string; service: string; environment: string; version: string; description: string | null; actor: string }>(
      `SELECT d.at, d.service_id AS "serviceId", s.name AS service, d.environment, d.version, d.description, d.actor
       FROM change_events d JOIN services s ON s.id = d.service_id
       ORDER BY d.at DESC LIMIT 10`,
    ),
    pool.query<{ last: Date | null; workers: number; enabled: number; oldestDue: Date | null }>(
      `SELECT (SELECT max(last_checked_at) FROM endpoints) AS last,
              (SELECT min(next_due_at) FROM endpoints WHERE enabled) AS "oldestDue",
              (SELECT count(*)::int FROM poller_workers WHERE heartbeat_at > now() - interval '30 seconds') AS workers,
              (SELECT count(*)::int FROM endpoints WHERE enabled) AS enabled`,
    ),
    openIncidentsForDashboard(pool),
  ]);

  const byService = new Map<string, EndpointRow[]>();
  for (const e of endpoints.rows) {
    const list = byService.get(e.serviceId);
    if (list) list.push(e);
    else byService.set(e.serviceId, [e]);
  }
  const alertsBy = new Map<string, AlertRow[]>();
  for (const a of alerts.rows) alertsBy.set(a.serviceId, [...(alertsBy.get(a.serviceId) ?? []), a]);

  const tiles = sortTiles(
    services.rows.map((s) =>
      buildTile(
        { ...s, tags: s.tags ?? [], thresholds: (s.thresholds ?? {}) as Thresholds },
        (byService.get(s.id) ?? []).map((e) => ({ ...e, lastSummary: e.lastSummary as ProbeSummary | null })),
        alertsBy.get(s.id) ?? [],
        incidents.filter((i) => i.serviceIds.includes(s.id)),
        now,
      ),
    ),
  );

  const counts = { services: tiles.length, up: 0, degraded: 0, down: 0, unknown: 0, openAlerts: alerts.rows.length, criticalAlerts: 0, openIncidents: incidents.length };
  for (const t of tiles) counts[t.status]++;
  counts.criticalAlerts = alerts.rows.filter((a) => a.level === 'critical').length;

  const changes: Change[] = [
    ...statusChanges.rows.map((c) => ({
      type: 'status' as const,
      at: c.at.toISOString(),
      serviceId: c.serviceId,
      service: c.service,
      environment: c.environment,
      title: `${c.kind} ${c.from} → ${c.to}`,
      detail: c.to === 'up' ? null : c.error,
      to: c.to,
    })),
    ...deploys.rows.map((d) => ({
      type: 'deploy' as const,
      at: d.at.toISOString(),
      serviceId: d.serviceId,
      service: d.service,
      environment: d.environment,
      title: `deployed ${d.version}`,
      detail: d.description ? `${d.description} (by ${d.actor})` : `by ${d.actor}`,
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 20);

  const p = poller.rows[0];
  return {
    generatedAt: now.toISOString(),
    counts,
    poller: pollerHealth(p.last, p.workers, p.enabled, now, p.oldestDue),
    tiles,
    changes,
    environments: [...new Set(services.rows.map((s) => s.environment))].sort(),
    teams: [...new Set(services.rows.map((s) => s.team).filter((t): t is string => !!t))].sort(),
  };
}
