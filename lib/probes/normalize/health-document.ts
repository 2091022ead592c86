import type { ComponentStatus, Status } from '@/lib/probes/types';
import { worstStatus } from '@/lib/probes/types';
import { statusFromWord } from './status-words';
import { describeValue, isRecord, oneLine, parseJson } from './text';

export type HealthFormat =
  | 'health+json' // IETF draft-inadarei-api-health-check
  | 'spring-actuator'
  | 'aspnetcore'
  | 'checks' // home-grown {status, checks:{…}}
  | 'status' // just {status:"ok"}
  | 'text';

/** What a health-like body says, before the HTTP status is taken into account. */
export interface HealthDocument {
  format: HealthFormat;
  /** The body's verdict on the whole service; null when it gives none we understand. */
  overall: Status | null;
  /** The body's own word for the whole service, e.g. "OUT_OF_SERVICE"; null when absent. */
  rawOverall: string | null;
  components: ComponentStatus[];
  /** A top-level explanation (IETF `output`, a `message`, …) when the body has one. */
  description?: string;
}

// A hostile or buggy endpoint must not make us walk or store an unbounded tree.
const MAX_DEPTH = 6;
const MAX_COMPONENTS = 100;
const MAX_NAME_CHARS = 100;
const MAX_DETAIL_CHARS = 120;

const SPRING_WORDS = new Set(['UP', 'DOWN', 'OUT_OF_SERVICE', 'UNKNOWN']);
const ASPNET_WORDS = new Set(['Healthy', 'Degraded', 'Unhealthy']);
const IETF_WORDS = new Set(['pass', 'warn', 'fail', 'ok', 'error', 'up', 'down']);
// Keys under which the formats nest their components.
const CHILD_KEYS = ['components', 'checks', 'entries', 'details'] as const;

/** Read a health-like body: JSON in any of the known formats, or a one-word text. */
export function readHealthBody(body: string, contentType = ''): HealthDocument | null {
  const parsed = parseJson(body);
  if (parsed.ok) return readHealthJson(parsed.value, contentType);
  return readHealthText(body);
}

/** `ok`, `Healthy` (ASP.NET Core's default writer), `ready`, `alive`… any case, trimmed. */
export function readHealthText(body: string): HealthDocument | null {
  if (typeof body !== 'string') return null;
  const text = body.trim().replace(/[.!]$/, '');
  if (text.length === 0 || text.length > 64 || !/^[a-z][a-z _-]*$/i.test(text)) return null;
  const overall = statusFromWord(text);
  return overall === null ? null : { format: 'text', overall, rawOverall: text, components: [] };
}

export function readHealthJson(value: unknown, contentType = ''): HealthDocument | null {
  // A JSON string body ("ok") is a text answer that happens to be quoted.
  if (typeof value === 'string') return readHealthText(value);
  if (!isRecord(value)) return null;

  const rawStatus = value.status ?? value.state;
  const rawOverall = rawStatus === undefined || rawStatus === null ? null : describeValue(rawStatus, 40);
  const format = detectFormat(value, contentType);
  const components: ComponentStatus[] = [];
  for (const key of CHILD_KEYS) {
    const container = value[key];
    if (key === 'details' && !looksLikeComponentMap(container)) continue;
    readContainer(container, '', 1, components);
  }
  // Spring Boot 1.x put components straight at the top level: {status, db:{status}, diskSpace:{status}}.
  if (format === 'spring-actuator' && components.length === 0) {
    const rest = Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== 'status' && isRecord(v) && 'status' in v));
    readContainer(rest, '', 1, components);
  }

  if (format === null && components.length === 0 && rawOverall === null) return null;
  // In health+json `description` describes the service itself, not its trouble.
  const description = pickDetail(value, format === 'health+json' ? ['output'] : ['output', 'description', 'message', 'error', 'reason']);
  return {
    format: format ?? (components.length > 0 ? 'checks' : 'status'),
    overall: statusFromWord(rawStatus),
    rawOverall,
    components,
    ...(description ? { description } : {}),
  };
}

function detectFormat(doc: Record<string, unknown>, contentType: string): HealthFormat | null {
  const status = typeof doc.status === 'string' ? doc.status : null;
  if (/application\/health\+json/i.test(contentType)) return 'health+json';
  if (isRecord(doc.entries) || (status !== null && ASPNET_WORDS.has(status))) return 'aspnetcore';
  if ((status !== null && SPRING_WORDS.has(status)) || isRecord(doc.components)) return 'spring-actuator';
  // IETF checks map to arrays of check results; that shape is unique to it.
  if (isRecord(doc.checks) && Object.values(doc.checks).some(Array.isArray)) return 'health+json';
  if (status !== null && IETF_WORDS.has(status) && ('serviceId' in doc || 'releaseId' in doc || 'output' in doc)) return 'health+json';
  if (doc.checks !== undefined && (isRecord(doc.checks) || Array.isArray(doc.checks))) return 'checks';
  if ('status' in doc) return 'status';
  return null;
}

// Spring 2.0/2.1 nest components under `details`, but since 2.2 `details` is free-form
// data (disk totals, database name), so only treat it as children when it holds statuses.
function looksLikeComponentMap(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.some((v) => isRecord(v) && (typeof v.status === 'string' || typeof v.status === 'boolean'));
}

function readContainer(container: unknown, prefix: string, depth: number, out: ComponentStatus[]): void {
  if (depth > MAX_DEPTH || out.length >= MAX_COMPONENTS) return;
  if (Array.isArray(container)) {
    container.forEach((item, i) => {
      if (!isRecord(item)) return;
      const id = item.name ?? item.componentId ?? item.component ?? item.id ?? item.key;
      readComponent(prefix + (typeof id === 'string' || typeof id === 'number' ? String(id) : String(i)), item, depth, out);
    });
    return;
  }
  if (!isRecord(container)) return;
  for (const [key, v] of Object.entries(container)) {
    if (out.length >= MAX_COMPONENTS) return;
    const name = prefix + key;
    if (typeof v === 'string' || typeof v === 'boolean') {
      // {"redis": "ok"}: the value is the status itself.
      push(out, { name, status: statusFromWord(v) ?? 'unknown', raw: describeValue(v, 40) });
    } else if (Array.isArray(v)) {
      // IETF: "cassandra:responseTime": [ {componentId, status, observedValue, …}, … ]
      const items = v.filter(isRecord);
      const ids = items.map((item, i) => describeValue(item.componentId ?? item.name ?? i, 40));
      // Several nodes may share one componentId; fall back to positions to keep names distinct.
      const unique = new Set(ids).size === ids.length;
      items.forEach((item, i) => {
        readComponent(items.length === 1 ? name : `${name}[${unique ? ids[i] : i}]`, item, depth, out);
      });
    } else if (isRecord(v)) {
      readComponent(name, v, depth, out);
    }
  }
}

function readComponent(name: string, obj: Record<string, unknown>, depth: number, out: ComponentStatus[]): void {
  const rawStatus = obj.status ?? obj.state;
  const children: ComponentStatus[] = [];
  for (const key of CHILD_KEYS) {
    const container = obj[key];
    if (key === 'details' && !looksLikeComponentMap(container)) continue;
    readContainer(container, `${name}.`, depth + 1, children);
  }
  // An object with neither a status nor components is data, not a component.
  if (rawStatus === undefined && children.length === 0) return;
  const own = statusFromWord(rawStatus);
  const detail = pickDetail(obj, ['output', 'description', 'error', 'exception', 'message', 'reason']) ?? observed(obj);
  push(out, {
    name,
    status: own ?? (children.length > 0 ? worstStatus(children.map((c) => c.status)) : 'unknown'),
    raw: rawStatus === undefined || rawStatus === null ? '' : describeValue(rawStatus, 40),
    ...(detail ? { detail } : {}),
  });
  for (const child of children) push(out, child);
}

function push(out: ComponentStatus[], c: ComponentStatus): void {
  if (out.length < MAX_COMPONENTS) out.push({ ...c, name: oneLine(c.name, MAX_NAME_CHARS) });
}

/** The first explanatory text a component carries (Spring hides it in details.error). */
function pickDetail(obj: Record<string, unknown>, keys: string[]): string | undefined {
  for (const k of keys) {
    const d = detailOf(obj[k]);
    if (d !== undefined) return d;
  }
  const nested = isRecord(obj.details) ? obj.details : isRecord(obj.data) ? obj.data : null;
  if (!nested) return undefined;
  return detailOf(nested.error) ?? detailOf(nested.message) ?? detailOf(nested.reason);
}

function detailOf(c: unknown): string | undefined {
  if (typeof c === 'string' && c.trim() !== '') return oneLine(c, MAX_DETAIL_CHARS);
  if (isRecord(c) && typeof c.message === 'string' && c.message.trim() !== '') return oneLine(c.message, MAX_DETAIL_CHARS);
  return undefined;
}

/** IETF checks often explain themselves only through observedValue/observedUnit. */
function observed(obj: Record<string, unknown>): string | undefined {
  const v = obj.observedValue;
  if (typeof v !== 'number' && typeof v !== 'string') return undefined;
  const unit = typeof obj.observedUnit === 'string' ? ` ${obj.observedUnit}` : '';
  return oneLine(`observed ${v}${unit}`, MAX_DETAIL_CHARS);
}
