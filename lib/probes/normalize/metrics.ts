import type { HttpResponseLike, NormalizeContext, NormalizedResult } from '@/lib/probes/types';
import { httpLabel, isSuccess } from './http';
import { gaugeKpis, rateKpis } from './metrics-kpis';
import { buildSnapshot, readStoredSnapshot } from './metrics-snapshot';
import { parsePrometheusText } from './prometheus';
import { BODY_TOO_LARGE, joinNotes, oneLine } from './text';

export const FIRST_SCRAPE_NOTE = 'first scrape: rates need a second scrape';

/**
 * metrics: a Prometheus scrape. Up whenever it parses; whether the KPIs are acceptable
 * is for the alert thresholds to judge. Returns the snapshot to store for the next scrape.
 */
export function normalizeMetrics(res: HttpResponseLike, ctx: NormalizeContext): NormalizedResult {
  if (res.truncated) return { status: 'down', error: BODY_TOO_LARGE, summary: {} };
  if (!isSuccess(res.status)) return { status: 'down', error: httpLabel(res.status), summary: {} };

  const parsed = parsePrometheusText(res.body);
  if (!parsed.ok) {
    return { status: 'down', error: oneLine(`metrics: could not parse Prometheus text: ${parsed.error}`), summary: {} };
  }
  const kpis = gaugeKpis(parsed.samples);
  const notes: string[] = [];
  // Without a usable clock reading a snapshot would poison the next scrape's rates, so none is
  // returned and the caller keeps the one it has.
  const clockOk = typeof ctx.now === 'number' && Number.isFinite(ctx.now);
  const snapshot = clockOk ? buildSnapshot(parsed.samples, ctx.now) : undefined;
  const previous = readStoredSnapshot(ctx.previous);
  if (!snapshot) {
    notes.push('no valid scrape time: rates skipped');
  } else if (previous) {
    const rates = rateKpis(previous, snapshot);
    Object.assign(kpis, rates.kpis);
    notes.push(...rates.notes);
  } else {
    notes.push(FIRST_SCRAPE_NOTE);
  }
  if (parsed.samples.length === 0) notes.push('the exposition holds no samples');

  const contentType = res.headers['content-type'] ?? '';
  return {
    status: 'up',
    error: null,
    summary: {
      format: /openmetrics/i.test(contentType) ? 'openmetrics' : 'prometheus',
      kpis,
      ...(joinNotes(notes) ? { note: joinNotes(notes) } : {}),
    },
    ...(snapshot ? { snapshot } : {}),
  };
}
