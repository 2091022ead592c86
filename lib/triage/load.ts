import { db } from '@/lib/db/client';
import { getService } from '@/lib/catalog/services';
import { triage } from './triage';
import type { TriageDeploy, TriageResult } from './types';

/** How far back to look for "the last deploy" when none is recent. */
const DEPLOY_LOOKBACK_MS = 30 * 86_400_000;

/** The service's recent deploys, newest first. */
export async function recentDeploys(serviceId: string, now: Date, limit = 20): Promise<TriageDeploy[]> {
  const rows = await db.changeEvent.findMany({
    where: { serviceId, kind: 'deploy', at: { gte: new Date(now.getTime() - DEPLOY_LOOKBACK_MS) } },
    orderBy: { at: 'desc' },
    take: limit,
    select: { at: true, version: true, environment: true, description: true, actor: true },
  });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** Triage of one service as the API serves it; 404 (ApiError) when there is no such service. */
export async function triageService(id: string, now: Date = new Date()): Promise<TriageResult & { service: { id: string; name: string; environment: string }; at: string }> {
  const [service, deploys] = await Promise.all([getService(id, now), recentDeploys(id, now)]);
  const result = triage(service, service.endpoints, deploys, now);
  return { service: { id: service.id, name: service.name, environment: service.environment }, at: now.toISOString(), ...result };
}
