import type { ComponentStatus, HttpResponseLike, NormalizedResult, ProbeSummary, Status } from '@/lib/probes/types';
import { STATUS_RANK, worstStatus } from '@/lib/probes/types';
import { readHealthBody, type HealthDocument } from './health-document';
import { httpLabel, isSuccess, statusFromHttp } from './http';
import { BODY_TRUNCATED_NOTE, joinNotes, MAX_ERROR_CHARS, oneLine } from './text';

export interface JudgeOptions {
  /**
   * Whether a 2xx body we cannot read deserves a note. True for health endpoints, whose
   * body is meant to be read; false for liveness/readiness, where the code is the contract.
   */
  noteUnreadableBody: boolean;
}

/** health: every known health format, the HTTP status deciding when the body cannot. */
export function normalizeHealth(res: HttpResponseLike): NormalizedResult {
  return normalizeHealthLike(res, { noteUnreadableBody: true });
}

export function normalizeHealthLike(res: HttpResponseLike, options: JudgeOptions): NormalizedResult {
  if (res.truncated) return judgeByHttpOnly(res, BODY_TRUNCATED_NOTE);
  return judgeHealth(res, readHealthBody(res.body, res.headers['content-type'] ?? ''), options);
}

/** A cut body may end mid-JSON, so only the status code is trustworthy. */
export function judgeByHttpOnly(res: HttpResponseLike, note: string): NormalizedResult {
  const status = statusFromHttp(res.status);
  return { status, error: status === 'up' ? null : httpLabel(res.status), summary: { format: 'http-status', note } };
}

export function judgeHealth(res: HttpResponseLike, doc: HealthDocument | null, options: JudgeOptions): NormalizedResult {
  const components = doc?.components ?? [];
  const summary: ProbeSummary = { format: doc?.format ?? 'http-status' };
  if (components.length > 0) summary.components = components;
  const notes: string[] = [];
  const failing = describeFailing(components);

  if (!isSuccess(res.status)) {
    // The code wins over the body: a load balancer acts on the 503, whatever the JSON says.
    const status = worstStatus([statusFromHttp(res.status), doc?.overall ?? 'up']);
    const said = failing ?? (doc?.rawOverall ? `body says ${doc.rawOverall}` : null);
    if (doc?.overall === 'up') notes.push(`body reports ${doc.rawOverall} but the HTTP status decides`);
    summary.note = joinNotes(notes);
    return { status, error: oneLine(said ? `${httpLabel(res.status)}: ${said}` : httpLabel(res.status)), summary };
  }

  let status: Status;
  if (doc?.overall) {
    status = doc.overall;
  } else if (components.length > 0) {
    status = worstStatus(components.map((c) => c.status));
    notes.push('no overall status in the body; the worst component decides');
  } else {
    status = 'up';
    if (doc?.rawOverall) notes.push(`unrecognised status "${doc.rawOverall}"; HTTP ${res.status} decides`);
    else if (!doc && options.noteUnreadableBody && res.body.trim() !== '')
      notes.push(`body not recognised as a health document; HTTP ${res.status} decides`);
  }

  let error: string | null = null;
  if (status !== 'up') {
    const reported = `reported status: ${doc?.rawOverall ?? status}${doc?.description ? ` (${doc.description})` : ''}`;
    error = oneLine(failing ?? reported);
  } else if (failing) {
    // The service itself says it is fine (e.g. an optional dependency is excluded from its
    // aggregate), so the result stays up with no error, but the weak component stays visible.
    notes.push(`overall up, but ${failing}`);
  }
  summary.note = joinNotes(notes);
  return { status, error, summary };
}

/**
 * "database: DOWN (connection refused); cache: OUT_OF_SERVICE", worst first. A composite
 * is left out when one of its own parts is listed, since the part says more.
 */
export function describeFailing(components: ComponentStatus[], max = MAX_ERROR_CHARS): string | null {
  const bad = components.filter((c) => c.status !== 'up');
  const leaves = bad.filter((c) => !bad.some((o) => o !== c && o.name.startsWith(`${c.name}.`)));
  if (leaves.length === 0) return null;
  const sorted = [...leaves].sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status]);
  const parts: string[] = [];
  let length = 0;
  for (const [i, c] of sorted.entries()) {
    const part = `${c.name}: ${c.raw || c.status}${c.detail ? ` (${c.detail})` : ''}`;
    const rest = sorted.length - i;
    if (parts.length > 0 && length + part.length + 2 > max - 20) {
      parts.push(`+${rest} more`);
      break;
    }
    parts.push(part);
    length += part.length + 2;
  }
  return parts.join('; ');
}
