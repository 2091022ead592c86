import type { HttpResponseLike, Kpis, NormalizeContext, NormalizedResult, ProbeSummary } from '@/lib/probes/types';
import { judgeHealth } from './health';
import { readHealthJson } from './health-document';
import { httpLabel, isSuccess } from './http';
import { readJsonPath, toKpiNumber } from './json-path';
import { BODY_TOO_LARGE, isRecord, joinNotes, parseJson } from './text';

// Names that would change an object's prototype instead of adding a KPI.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** telemetry: a JSON snapshot; the configured paths become KPIs. */
export function normalizeTelemetry(res: HttpResponseLike, ctx: NormalizeContext): NormalizedResult {
  if (res.truncated) return { status: 'down', error: BODY_TOO_LARGE, summary: {} };
  if (!isSuccess(res.status)) return { status: 'down', error: httpLabel(res.status), summary: {} };
  const parsed = parseJson(res.body);
  if (!parsed.ok) return { status: 'down', error: 'telemetry: the response is not valid JSON', summary: {} };

  const { kpis, notes } = extractKpis(parsed.value, ctx.telemetryPaths);
  let result: NormalizedResult = { status: 'up', error: null, summary: {} };
  // A snapshot that also reports its own state is judged like a health body.
  if (isRecord(parsed.value) && 'status' in parsed.value) {
    result = judgeHealth(res, readHealthJson(parsed.value), { noteUnreadableBody: false });
  }
  const summary: ProbeSummary = { ...result.summary, format: 'json', kpis };
  const note = joinNotes([result.summary.note, ...notes]);
  if (note) summary.note = note;
  else delete summary.note;
  return { status: result.status, error: result.error, summary };
}

export function extractKpis(doc: unknown, paths: Record<string, string> | undefined): { kpis: Kpis; notes: string[] } {
  const kpis: Kpis = {};
  const missing: string[] = [];
  const notNumeric: string[] = [];
  const entries = isRecord(paths) ? Object.entries(paths) : [];
  if (entries.length === 0) return { kpis, notes: ['no telemetry paths configured'] };
  for (const [name, path] of entries) {
    if (RESERVED.has(name) || typeof path !== 'string') continue;
    const lookup = readJsonPath(doc, path);
    if (!lookup.found) {
      missing.push(`${name} (${path})`);
      continue;
    }
    const value = toKpiNumber(lookup.value);
    if (value === null) notNumeric.push(`${name} (${path})`);
    else kpis[name] = value;
  }
  const notes: string[] = [];
  if (missing.length > 0) notes.push(`missing: ${missing.join(', ')}`);
  if (notNumeric.length > 0) notes.push(`not numeric: ${notNumeric.join(', ')}`);
  return { kpis, notes };
}
