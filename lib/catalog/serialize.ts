import type { Prisma } from '@/lib/generated/prisma/client';
import type { ProbeSummary } from '@/lib/probes/types';
import { endpointFreshStatus, serviceStatus } from './status';
import { linksFromJson, stringMapFromJson, thresholdsFromJson } from './store';
import type { EndpointOut, ResultOut, ServiceOut } from './types';

// Rows → API objects. Fields are listed one by one: a column added later (or a
// secret one, like headers_enc) never reaches a client by accident.

/** What to read for the API: everything but the secret and the poller's bookkeeping. */
export const serviceOutInclude = {
  endpoints: {
    omit: { headersEnc: true, metricsSnapshot: true, leaseOwner: true, leaseUntil: true },
    orderBy: [{ kind: 'asc' }, { url: 'asc' }],
  },
} satisfies Prisma.ServiceInclude;

type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceOutInclude }>;
type EndpointRow = ServiceRow['endpoints'][number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEndpointOut(e: EndpointRow, now: Date): EndpointOut {
  return {
    id: e.id,
    kind: e.kind,
    url: e.url,
    enabled: e.enabled,
    intervalSeconds: e.intervalSeconds,
    timeoutMs: e.timeoutMs,
    headerNames: e.headerNames,
    telemetryPaths: stringMapFromJson(e.telemetryPaths),
    status: endpointFreshStatus(e, now),
    lastCheckedAt: iso(e.lastCheckedAt),
    statusChangedAt: iso(e.statusChangedAt),
    failingSince: iso(e.failingSince),
    consecutiveFailures: e.consecutiveFailures,
    httpStatus: e.lastHttpStatus,
    latencyMs: e.lastLatencyMs,
    error: e.lastError,
    summary: (e.lastSummary as ProbeSummary | null) ?? null,
    checkQueued: e.checkNow,
  };
}

export function toServiceOut(s: ServiceRow, now: Date): ServiceOut {
  const checked = s.endpoints.map((e) => e.lastCheckedAt?.getTime() ?? 0).filter((t) => t > 0);
  return {
    id: s.id,
    name: s.name,
    environment: s.environment,
    team: s.team,
    description: s.description,
    tags: s.tags,
    links: linksFromJson(s.links),
    thresholds: thresholdsFromJson(s.thresholds),
    failuresBeforeDown: s.failuresBeforeDown,
    status: serviceStatus(s.endpoints, now),
    lastCheckedAt: checked.length > 0 ? new Date(Math.max(...checked)).toISOString() : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    endpoints: s.endpoints.map((e) => toEndpointOut(e, now)),
  };
}

export function toResultOut(r: Prisma.ProbeResultGetPayload<object>): ResultOut {
  return {
    at: r.at.toISOString(),
    endpointId: r.endpointId,
    kind: r.kind,
    status: r.status,
    httpStatus: r.httpStatus,
    latencyMs: r.latencyMs,
    error: r.error,
    summary: (r.summary as ProbeSummary | null) ?? null,
  };
}
