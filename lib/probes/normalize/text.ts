// Small helpers shared by the normalisers: safe JSON, bounded one-line texts.

export const MAX_ERROR_CHARS = 300;
export const MAX_NOTE_CHARS = 500;
export const BODY_TOO_LARGE = 'response body larger than 1 MiB';
export const BODY_TRUNCATED_NOTE = 'body truncated at 1 MiB';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseJson(body: string): JsonParse {
  if (typeof body !== 'string' || body.trim() === '') return { ok: false, reason: 'empty body' };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : 'invalid JSON' };
  }
}

/** Collapse whitespace (error texts are shown in one table cell) and cap the length. */
export function oneLine(text: string, max = MAX_ERROR_CHARS): string {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Join parts that may be missing into one bounded note, or undefined when there is nothing to say. */
export function joinNotes(parts: (string | null | undefined)[], max = MAX_NOTE_CHARS): string | undefined {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return kept.length === 0 ? undefined : oneLine(kept.join('; '), max);
}

/** A short printable form of whatever a service put in a field. */
export function describeValue(value: unknown, max = 120): string {
  if (typeof value === 'string') return oneLine(value, max);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    return oneLine(JSON.stringify(value) ?? String(value), max);
  } catch {
    return '(unprintable)';
  }
}

/** Round for storage and display: KPI values never need more than 3 decimals. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
