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
  // Plain-text bodies ("ok", "Healthy") are common and a thrown SyntaxError is costly: skip
  // JSON.parse when the text cannot be JSON. Anything that might be is still parsed.
  if (!mayBeJson(body)) return { ok: false, reason: 'not JSON' };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : 'invalid JSON' };
  }
}

/** False only when JSON.parse would certainly throw: the first character after JSON whitespace starts no JSON value. */
function mayBeJson(text: string): boolean {
  let i = 0;
  let c = text.charCodeAt(0);
  // JSON whitespace: space, tab, LF, CR.
  while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = text.charCodeAt(++i);
  if (c === 0x7b || c === 0x5b || c === 0x22 || c === 0x2d || (c >= 0x30 && c <= 0x39)) return true; // { [ " - digit
  if (c === 0x74 || c === 0x66 || c === 0x6e) {
    // t f n: only the literals true, false and null parse.
    const word = text.slice(i).trimEnd();
    return word === 'true' || word === 'false' || word === 'null';
  }
  return false;
}

/** Whitespace that oneLine would change: any but a single inner space. */
const NOT_ONE_LINE = /[^\S ]| {2}|^ | $/;

/** Collapse whitespace (error texts are shown in one table cell) and cap the length. */
export function oneLine(text: string, max = MAX_ERROR_CHARS): string {
  const str = String(text);
  // Most texts are one line already: then there is nothing to replace or trim.
  const flat = NOT_ONE_LINE.test(str) ? str.replace(/\s+/g, ' ').trim() : str;
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
