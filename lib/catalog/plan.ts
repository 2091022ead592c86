import type { EndpointKind } from '@/lib/probes/types';
import { decryptHeaders } from './crypto';
import { endpointProblems, INTERVAL_DEFAULT, TIMEOUT_DEFAULT, FAILURES_BEFORE_DOWN_DEFAULT } from './schemas';
import type { Link, ThresholdOverride } from './types';

// Planning a change to one service: what the stored service is, what the
// caller asks for (from a PATCH or from a YAML document), and from those the
// exact writes plus a human-readable list of changes. Pure apart from header
// decryption, so the API, the YAML apply and the dry run share one logic and
// it is unit-tested without a database.

export type IssuePath = (string | number)[];
export interface PlanIssue {
  path: IssuePath;
  message: string;
}

export interface StoredEndpoint {
  id: string;
  kind: EndpointKind;
  url: string;
  intervalSeconds: number;
  timeoutMs: number;
  enabled: boolean;
  headerNames: string[];
  headersEnc: string | null;
  telemetryPaths: Record<string, string>;
  nextDueAt: Date;
}

export interface StoredService {
  id: string;
  name: string;
  environment: string;
  team: string | null;
  description: string | null;
  tags: string[];
  links: Link[];
  thresholds: Record<string, ThresholdOverride>;
  failuresBeforeDown: number;
  endpoints: StoredEndpoint[];
}

export interface ServiceFields {
  name: string;
  environment: string;
  team: string | null;
  description: string | null;
  tags: string[];
  links: Link[];
  /** Per-KPI overrides (the shape of thresholdsSchema in lib/alerts/thresholds.ts). */
  thresholds: Partial<Record<string, ThresholdOverride>>;
  failuresBeforeDown: number;
}

/** One endpoint in a requested change: with `id` it changes that endpoint, without it adds one. */
export interface EndpointChange {
  id?: string;
  kind?: EndpointKind;
  url?: string;
  intervalSeconds?: number;
  timeoutMs?: number;
  enabled?: boolean;
  /** Replaces all headers; a null value keeps the value stored under that name. */
  headers?: Record<string, string | null>;
  telemetryPaths?: Record<string, string>;
  /** Where this endpoint sits in the caller's input, for error paths. */
  path: IssuePath;
}

export interface ServiceChange extends Partial<ServiceFields> {
  endpoints?: EndpointChange[];
  /** Remove stored endpoints that `endpoints` does not reference by id. */
  removeUnlisted?: boolean;
}

export interface NewEndpoint {
  kind: EndpointKind;
  url: string;
  intervalSeconds: number;
  timeoutMs: number;
  enabled: boolean;
  headers: Record<string, string>;
  telemetryPaths: Record<string, string>;
}

export interface EndpointUpdate {
  id: string;
  label: string;
  fields: Partial<Pick<StoredEndpoint, 'kind' | 'url' | 'intervalSeconds' | 'timeoutMs' | 'enabled' | 'telemetryPaths'>>;
  /** The complete new header object when the headers change. */
  headers?: Record<string, string>;
  /** url, kind, headers or telemetry paths changed: what was known about the endpoint no longer applies. */
  resetState: boolean;
  /** New next_due_at, when the change should bring the next check forward. */
  dueAt?: Date;
}

export interface ServicePlan {
  serviceId: string;
  label: string;
  fields: Partial<ServiceFields>;
  creates: NewEndpoint[];
  updates: EndpointUpdate[];
  deletes: { id: string; label: string }[];
  /** "field: before → after", one line per change; never a header value. */
  changes: string[];
}

export const serviceLabel = (s: { name: string; environment: string }) => `${s.name} (${s.environment})`;
export const endpointLabel = (e: { kind: string; url: string }) => `${e.kind} ${e.url}`;

/** JSON with object keys sorted, so that equal values compare equal whatever order the keys came in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
export const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);
const show = (v: unknown) => (v === undefined || v === null ? 'none' : canonical(v));

const SERVICE_FIELDS = ['name', 'environment', 'team', 'description', 'tags', 'links', 'thresholds', 'failuresBeforeDown'] as const;

export interface PlanOptions {
  now: Date;
  /** Decrypts stored headers; defaults to ENCRYPTION_KEY. */
  decrypt?: (stored: string) => Record<string, string>;
}

/** Defaults applied to a new endpoint. */
export function newEndpoint(change: EndpointChange & { kind: EndpointKind; url: string }): NewEndpoint {
  const headers: Record<string, string> = {};
  for (const [n, v] of Object.entries(change.headers ?? {})) if (typeof v === 'string') headers[n] = v;
  return {
    kind: change.kind,
    url: change.url,
    intervalSeconds: change.intervalSeconds ?? INTERVAL_DEFAULT,
    timeoutMs: change.timeoutMs ?? TIMEOUT_DEFAULT,
    enabled: change.enabled ?? true,
    headers,
    telemetryPaths: change.kind === 'telemetry' ? (change.telemetryPaths ?? {}) : {},
  };
}

/** Defaults applied to a new service. */
export function newServiceFields(input: Partial<ServiceFields> & { name: string }): ServiceFields {
  return {
    name: input.name,
    environment: input.environment ?? 'production',
    team: input.team ?? null,
    description: input.description ?? null,
    tags: input.tags ?? [],
    links: input.links ?? [],
    thresholds: input.thresholds ?? {},
    failuresBeforeDown: input.failuresBeforeDown ?? FAILURES_BEFORE_DOWN_DEFAULT,
  };
}

function findHeader(obj: Record<string, string>, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

/**
 * The new header object of a stored endpoint, or undefined when it does not change.
 * Decrypts the stored values only when it has to (a kept value, or comparing values).
 */
function planHeaders(
  ep: StoredEndpoint,
  requested: Record<string, string | null>,
  decrypt: (s: string) => Record<string, string>,
  path: IssuePath,
  issues: PlanIssue[],
): { headers: Record<string, string>; change: string } | undefined {
  const names = Object.keys(requested);
  const allKept = names.every((n) => requested[n] === null);
  // The export's round trip: the same names, nothing new: nothing to do, nothing to decrypt.
  if (allKept && same(names, ep.headerNames)) return undefined;

  let stored: Record<string, string> | null = {};
  let unreadable = false;
  if (ep.headersEnc) {
    try {
      stored = decrypt(ep.headersEnc);
    } catch {
      stored = null;
      unreadable = true;
    }
  }
  const next: Record<string, string> = {};
  for (const name of names) {
    const value = requested[name];
    if (value !== null) {
      next[name] = value;
      continue;
    }
    const storedName = ep.headerNames.find((n) => n.toLowerCase() === name.toLowerCase());
    if (storedName === undefined) {
      issues.push({ path: [...path, 'headers', name], message: `header ${name} has no stored value to keep: give its value` });
      continue;
    }
    const kept = stored ? findHeader(stored, storedName) : undefined;
    if (kept === undefined) {
      issues.push({
        path: [...path, 'headers', name],
        message: unreadable
          ? `the stored value of header ${name} cannot be decrypted (was ENCRYPTION_KEY changed?): give its value again`
          : `header ${name} has no stored value to keep: give its value`,
      });
      continue;
    }
    next[name] = kept;
  }
  const nextNames = Object.keys(next);
  const namesChanged = !same(nextNames, ep.headerNames);
  const valuesChanged = unreadable || !stored || nextNames.some((n) => findHeader(stored!, n) !== next[n]);
  if (!namesChanged && !valuesChanged) return undefined;
  const change = namesChanged
    ? `headers: ${show(ep.headerNames)} → ${show(nextNames)}`
    : `headers: new values for ${nextNames.join(', ')}`;
  return { headers: next, change };
}

function jitterMs(intervalSeconds: number): number {
  return Math.floor(Math.random() * Math.min(intervalSeconds, 10) * 1000);
}

/** When a new or re-enabled endpoint is first checked: soon, but spread over up to 10 s so a batch does not fire at once. */
export function firstDueAt(now: Date, intervalSeconds: number): Date {
  return new Date(now.getTime() + jitterMs(intervalSeconds));
}

/**
 * What changing `stored` as `change` asks does. Issues are problems only visible
 * against the stored state (an unknown endpoint id, a timeout not below the
 * merged interval, a duplicate kind + URL, a header to keep that is not stored).
 */
export function planServiceChange(
  stored: StoredService,
  change: ServiceChange,
  opts: PlanOptions,
): { plan: ServicePlan; issues: PlanIssue[] } {
  const decrypt = opts.decrypt ?? ((s: string) => decryptHeaders(s));
  const issues: PlanIssue[] = [];
  const plan: ServicePlan = {
    serviceId: stored.id,
    label: serviceLabel(stored),
    fields: {},
    creates: [],
    updates: [],
    deletes: [],
    changes: [],
  };

  for (const field of SERVICE_FIELDS) {
    const next = change[field];
    if (next === undefined || same(next, stored[field])) continue;
    (plan.fields as Record<string, unknown>)[field] = next;
    plan.changes.push(`${field}: ${show(stored[field])} → ${show(next)}`);
  }

  const byId = new Map(stored.endpoints.map((ep) => [ep.id, ep]));
  const referenced = new Set<string>();
  // The endpoint set after the change, to catch two endpoints ending up with the same kind + URL.
  const finalSet: { kind: string; url: string; path?: IssuePath; id?: string }[] = [];

  for (const ec of change.endpoints ?? []) {
    if (ec.id === undefined) {
      if (!ec.kind || !ec.url) continue; // the schema already reported it
      const created = newEndpoint({ ...ec, kind: ec.kind, url: ec.url });
      for (const [name, v] of Object.entries(ec.headers ?? {})) {
        if (v === null) issues.push({ path: [...ec.path, 'headers', name], message: `header ${name} needs a value: a new endpoint has nothing stored to keep` });
      }
      for (const p of endpointProblems(created)) issues.push({ path: [...ec.path, p.field], message: p.message });
      plan.creates.push(created);
      plan.changes.push(`+ endpoint ${endpointLabel(created)}`);
      finalSet.push({ kind: created.kind, url: created.url, path: ec.path });
      continue;
    }
    const ep = byId.get(ec.id);
    if (!ep) {
      issues.push({ path: [...ec.path, 'id'], message: 'id: this service has no endpoint with this id' });
      continue;
    }
    referenced.add(ep.id);
    const label = endpointLabel(ep);
    const update: EndpointUpdate = { id: ep.id, label, fields: {}, resetState: false };
    const lines: string[] = [];
    const set = <K extends keyof EndpointUpdate['fields']>(field: K, next: StoredEndpoint[K] | undefined) => {
      if (next === undefined || same(next, ep[field])) return;
      update.fields[field] = next;
      lines.push(`${field}: ${show(ep[field])} → ${show(next)}`);
    };
    set('kind', ec.kind);
    set('url', ec.url);
    set('intervalSeconds', ec.intervalSeconds);
    set('timeoutMs', ec.timeoutMs);
    set('enabled', ec.enabled);
    const kind = ec.kind ?? ep.kind;
    // Leaving telemetry drops its paths, rather than refusing the change.
    if (kind !== 'telemetry' && ec.telemetryPaths === undefined && Object.keys(ep.telemetryPaths).length > 0) set('telemetryPaths', {});
    else set('telemetryPaths', ec.telemetryPaths);

    if (ec.headers !== undefined) {
      const h = planHeaders(ep, ec.headers, decrypt, ec.path, issues);
      if (h) {
        update.headers = h.headers;
        lines.push(h.change);
      }
    }

    const merged = {
      kind,
      url: ec.url ?? ep.url,
      intervalSeconds: ec.intervalSeconds ?? ep.intervalSeconds,
      timeoutMs: ec.timeoutMs ?? ep.timeoutMs,
      enabled: ec.enabled ?? ep.enabled,
      telemetryPaths: update.fields.telemetryPaths ?? ep.telemetryPaths,
    };
    for (const p of endpointProblems(merged)) issues.push({ path: [...ec.path, p.field], message: p.message });
    finalSet.push({ kind: merged.kind, url: merged.url, path: ec.path, id: ep.id });

    if (lines.length === 0) continue;
    update.resetState =
      update.fields.kind !== undefined || update.fields.url !== undefined || update.fields.telemetryPaths !== undefined || update.headers !== undefined;
    if (update.resetState) {
      update.dueAt = opts.now;
    } else if (update.fields.enabled === true) {
      update.dueAt = firstDueAt(opts.now, merged.intervalSeconds);
    } else if (update.fields.intervalSeconds !== undefined) {
      // A shorter interval should not wait for a check planned under the old, longer one.
      const byNewInterval = new Date(opts.now.getTime() + merged.intervalSeconds * 1000);
      if (byNewInterval < ep.nextDueAt) update.dueAt = byNewInterval;
    }
    plan.updates.push(update);
    for (const l of lines) plan.changes.push(`endpoint ${label}: ${l}`);
  }

  for (const ep of stored.endpoints) {
    if (referenced.has(ep.id)) continue;
    if (change.removeUnlisted) {
      plan.deletes.push({ id: ep.id, label: endpointLabel(ep) });
      plan.changes.push(`- endpoint ${endpointLabel(ep)}`);
    } else {
      finalSet.push({ kind: ep.kind, url: ep.url, id: ep.id });
    }
  }

  const seen = new Map<string, (typeof finalSet)[number]>();
  for (const e of finalSet) {
    const key = `${e.kind} ${e.url}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, e);
      continue;
    }
    const where = e.path ?? first.path;
    if (where) issues.push({ path: [...where, 'url'], message: `url: this service already has a ${e.kind} endpoint with this URL` });
  }

  return { plan, issues };
}

export const planIsEmpty = (p: ServicePlan) => p.changes.length === 0;
