import { db } from '@/lib/db/client';
import { actionItemsFlow, availability, incidentsByMonth, incidentsByService, monthsBack, responseTrend, windowStart, type IncidentFact, type ServiceChecks } from './analytics';
import type { AnalyticsOut } from './analytics-tables';

// Gathers what the analytics need and hands it to the pure functions.
// Availability reads the hour rollups up to the rollup watermark and the raw
// results after it, so the last hour counts too and nothing counts twice.

export const AVAILABILITY_DAYS = 30;

async function serviceChecks(from: Date): Promise<ServiceChecks[]> {
  const rows = await db.$queryRaw<{ id: string; name: string; environment: string; checks: number; failures: number }[]>`
    WITH wm AS (SELECT GREATEST(COALESCE((SELECT until FROM rollup_watermarks WHERE name = 'hour'), ${from}), ${from}) AS until)
    SELECT s.id::text, s.name, s.environment,
           (COALESCE(h.n, 0) + COALESCE(r.n, 0))::int AS checks,
           (COALESCE(h.f, 0) + COALESCE(r.f, 0))::int AS failures
    FROM services s
    LEFT JOIN (
      SELECT service_id, sum(count) AS n, sum(failures) AS f FROM probe_rollups_hour, wm
      WHERE bucket >= ${from} AND bucket < wm.until GROUP BY service_id
    ) h ON h.service_id = s.id
    LEFT JOIN (
      SELECT service_id, count(*) AS n, count(*) FILTER (WHERE status = 'down') AS f FROM probe_results, wm
      WHERE at >= wm.until GROUP BY service_id
    ) r ON r.service_id = s.id
    ORDER BY s.name, s.environment`;
  return rows.map((r) => ({ serviceId: r.id, name: r.name, environment: r.environment, checks: r.checks, failures: r.failures }));
}

/**
 * One query for the incidents of the window: their services aggregated in
 * place and only the time to detect taken out of the postmortem draft (the
 * nested Prisma read fetched every draft whole: 3.5× slower over 12 months).
 */
async function incidentFacts(start: Date): Promise<IncidentFact[]> {
  const rows = await db.$queryRaw<{ severity: IncidentFact['severity']; declared_at: Date; acknowledged_at: Date | null; resolved_at: Date | null; services: { id: string; name: string }[]; ttd: number | null }[]>`
    SELECT i.severity::text AS severity, i.declared_at, i.acknowledged_at, i.resolved_at,
           COALESCE((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name)
                     FROM incident_services x JOIN services s ON s.id = x.service_id WHERE x.incident_id = i.id), '[]'::json) AS services,
           (p.draft -> 'metrics' ->> 'timeToDetectSeconds')::float8 AS ttd
    FROM incidents i
    LEFT JOIN postmortems p ON p.incident_id = i.id
    WHERE i.declared_at >= ${start}`;
  return rows.map((r) => ({
    severity: r.severity,
    declaredAt: r.declared_at,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
    services: r.services,
    timeToDetectSeconds: r.ttd,
  }));
}

export async function loadAnalytics(opts: { months: number; targetPercent: number; now?: Date }): Promise<AnalyticsOut> {
  const now = opts.now ?? new Date();
  const months = monthsBack(now, opts.months);
  const start = windowStart(now, opts.months);
  const [facts, items, checks] = await Promise.all([
    incidentFacts(start),
    db.actionItem.findMany({ where: { OR: [{ createdAt: { gte: start } }, { closedAt: { gte: start } }, { closedAt: null }] }, select: { createdAt: true, closedAt: true } }),
    serviceChecks(new Date(now.getTime() - AVAILABILITY_DAYS * 86_400_000)),
  ]);
  return {
    generatedAt: now.toISOString(),
    months,
    targetPercent: opts.targetPercent,
    windowDays: AVAILABILITY_DAYS,
    incidentsByMonth: incidentsByMonth(facts, months),
    incidentsByService: incidentsByService(facts),
    responseTrend: responseTrend(facts, months),
    availability: availability(checks, opts.targetPercent, AVAILABILITY_DAYS),
    actionItems: actionItemsFlow(items, months),
  };
}
