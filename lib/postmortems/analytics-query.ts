import { db } from '@/lib/db/client';
import type { Metrics } from './measurements';
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

export async function loadAnalytics(opts: { months: number; targetPercent: number; now?: Date }): Promise<AnalyticsOut> {
  const now = opts.now ?? new Date();
  const months = monthsBack(now, opts.months);
  const start = windowStart(now, opts.months);
  const [incidents, items, checks] = await Promise.all([
    db.incident.findMany({
      where: { declaredAt: { gte: start } },
      select: {
        severity: true,
        declaredAt: true,
        acknowledgedAt: true,
        resolvedAt: true,
        services: { select: { service: { select: { id: true, name: true } } } },
        postmortem: { select: { draft: true } },
      },
    }),
    db.actionItem.findMany({ where: { OR: [{ createdAt: { gte: start } }, { closedAt: { gte: start } }, { closedAt: null }] }, select: { createdAt: true, closedAt: true } }),
    serviceChecks(new Date(now.getTime() - AVAILABILITY_DAYS * 86_400_000)),
  ]);
  const facts: IncidentFact[] = incidents.map((i) => ({
    severity: i.severity,
    declaredAt: i.declaredAt,
    acknowledgedAt: i.acknowledgedAt,
    resolvedAt: i.resolvedAt,
    services: i.services.map((s) => s.service),
    timeToDetectSeconds: ((i.postmortem?.draft as { metrics?: Metrics } | undefined)?.metrics?.timeToDetectSeconds ?? null),
  }));
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
