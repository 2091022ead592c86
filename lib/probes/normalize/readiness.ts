import type { HttpResponseLike, NormalizedResult } from '@/lib/probes/types';
import { normalizeHealthLike } from './health';

// Readiness and liveness endpoints speak the same formats as health endpoints (Spring's
// /actuator/health/readiness, ASP.NET's MapHealthChecks("/ready"), plain "ok"), so they share
// the health reader. The difference: orchestrators only look at the status code, so an
// unreadable 2xx body ("Service is running") is normal and not worth a note.
export function normalizeReadiness(res: HttpResponseLike): NormalizedResult {
  return normalizeHealthLike(res, { noteUnreadableBody: false });
}

export const normalizeLiveness = normalizeReadiness;
