import type { EndpointKind, HttpResponseLike, NormalizeContext, NormalizedResult } from '@/lib/probes/types';
import { isEndpointKind } from '@/lib/probes/types';
import { normalizeHealth } from './health';
import { normalizeMetrics } from './metrics';
import { normalizeMigration } from './migration';
import { normalizeLiveness, normalizeReadiness } from './readiness';
import { normalizeTelemetry } from './telemetry';
import { isRecord, MAX_ERROR_CHARS, MAX_NOTE_CHARS, oneLine } from './text';

export type { HealthDocument, HealthFormat } from './health-document';
export { bucketQuantile } from './histogram';
export { FIRST_SCRAPE_NOTE } from './metrics';
export { readStoredSnapshot } from './metrics-snapshot';

const NORMALIZERS: Record<EndpointKind, (res: HttpResponseLike, ctx: NormalizeContext) => NormalizedResult> = {
  health: (res) => normalizeHealth(res),
  liveness: (res) => normalizeLiveness(res),
  readiness: (res) => normalizeReadiness(res),
  migration: (res) => normalizeMigration(res),
  metrics: normalizeMetrics,
  telemetry: normalizeTelemetry,
};

/**
 * Turn one HTTP response of a monitored endpoint into a normalised result.
 * Pure and total: whatever the endpoint sent (or the caller passed), it returns a result
 * and never throws, because one broken service must not stop the probe worker.
 */
export function normalize(kind: EndpointKind, res: HttpResponseLike, ctx: NormalizeContext): NormalizedResult {
  if (!isEndpointKind(kind)) {
    return { status: 'unknown', error: oneLine(`unknown endpoint kind "${String(kind)}"`), summary: {} };
  }
  const safeCtx: NormalizeContext = isRecord(ctx)
    ? { now: typeof ctx.now === 'number' ? ctx.now : NaN, previous: ctx.previous ?? null, telemetryPaths: ctx.telemetryPaths }
    : { now: NaN };
  try {
    return tidy(NORMALIZERS[kind](sanitize(res), safeCtx));
  } catch (e) {
    // A bug of ours, not the service's: say so rather than blame the endpoint.
    return { status: 'unknown', error: oneLine(`internal error while reading the response: ${e instanceof Error ? e.message : String(e)}`), summary: {} };
  }
}

/** Coerce whatever the caller passed into a well-formed response. */
export function sanitize(res: unknown): HttpResponseLike {
  const r = isRecord(res) ? res : {};
  const headers: Record<string, string> = {};
  if (isRecord(r.headers)) {
    for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  }
  return {
    status: typeof r.status === 'number' && Number.isFinite(r.status) ? Math.trunc(r.status) : 0,
    headers,
    body: typeof r.body === 'string' ? r.body : '',
    truncated: r.truncated === true,
  };
}

function tidy(result: NormalizedResult): NormalizedResult {
  const out: NormalizedResult = { ...result, error: result.error === null ? null : oneLine(result.error, MAX_ERROR_CHARS) };
  if (out.summary.note !== undefined) out.summary = { ...out.summary, note: oneLine(out.summary.note, MAX_NOTE_CHARS) };
  return out;
}
