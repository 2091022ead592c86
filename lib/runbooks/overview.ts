import { db } from '@/lib/db/client';
import { notFound } from '@/lib/api/errors';
import { findIncident } from '@/lib/incidents/query';
import { listRunbookDefs } from './catalog';
import { scheduleStatus } from './schedule';
import type { SCHEDULES } from './schema';
import { suggestRunbooks, type RunbookSuggestion } from './suggest';
import type { ScheduledChecklistOut } from './types';

// Read models around runbooks: suggestions for an incident and the state of
// scheduled checklists (for the dashboard).

const DEPLOY_WINDOW_MS = 6 * 3_600_000;

export async function suggestForIncident(incidentId: string): Promise<RunbookSuggestion[]> {
  const incident = await findIncident(incidentId);
  if (!incident) throw notFound('Incident');
  const ids = incident.services.map((s) => s.id);
  const deploys = ids.length
    ? await db.changeEvent.findMany({ where: { serviceId: { in: ids }, at: { gte: new Date(Date.now() - DEPLOY_WINDOW_MS) } }, select: { serviceId: true } })
    : [];
  const deployed = new Set(deploys.map((d) => d.serviceId));
  const runbooks = (await listRunbookDefs()).map(({ row, def }) => ({ ...def, id: row.id }));
  return suggestRunbooks(runbooks, {
    severity: incident.severity,
    services: incident.services.map((s) => ({
      name: s.name,
      failingKinds: s.endpoints.filter((e) => e.enabled && (e.status === 'down' || e.status === 'degraded')).map((e) => e.kind),
      breaches: s.breaches.map((b) => b.kpi),
      recentDeploy: deployed.has(s.id),
    })),
  });
}

/** Every scheduled runbook with the state of its current period, overdue first. */
export async function scheduleOverview(now = Date.now()): Promise<ScheduledChecklistOut[]> {
  const scheduled = await db.runbook.findMany({ where: { schedule: { not: null } }, select: { id: true, slug: true, title: true, schedule: true, createdAt: true } });
  if (!scheduled.length) return [];
  const runs = await db.checklistRun.findMany({
    where: { runbookId: { in: scheduled.map((r) => r.id) }, incidentId: null, startedAt: { gte: new Date(now - 70 * 86_400_000) } },
    select: { id: true, runbookId: true, scheduleOccurrence: true, startedAt: true, completedAt: true },
  });
  const order = { overdue: 0, due: 1, in_progress: 2, done: 3 } as const;
  return scheduled
    .map((r) => {
      const st = scheduleStatus(
        r.schedule as (typeof SCHEDULES)[number],
        r.createdAt,
        runs.filter((x) => x.runbookId === r.id).map((x) => ({ id: x.id, occurrence: x.scheduleOccurrence, startedAt: x.startedAt, completedAt: x.completedAt })),
        now,
      );
      return {
        runbook: { id: r.id, slug: r.slug, title: r.title },
        status: { ...st, period: { key: st.period.key, start: st.period.start.toISOString(), end: st.period.end.toISOString() } },
      };
    })
    .sort((a, b) => order[a.status.state] - order[b.status.state] || a.runbook.title.localeCompare(b.runbook.title));
}
