import { z } from 'zod';
import { ENDPOINT_KINDS } from '@/lib/probes/types';
import { thresholdsSchema } from '@/lib/alerts/thresholds';
import { parseJsonPath } from '@/lib/probes/normalize/json-path';

// Input schemas of the service catalog: the JSON API (create, PATCH) and the
// YAML document. Every message names the field it is about, and none repeats
// an input value back, so a header value can never leak through an error.

export const INTERVAL_DEFAULT = 30;
export const INTERVAL_MIN = 5;
export const INTERVAL_MAX = 86_400;
export const TIMEOUT_DEFAULT = 5_000;
export const TIMEOUT_MIN = 100;
export const TIMEOUT_MAX = 60_000;
export const FAILURES_BEFORE_DOWN_DEFAULT = 2;
export const MAX_HEADERS = 20;
export const HEADER_VALUE_MAX_BYTES = 4 * 1024;
export const MAX_TAGS = 20;
export const MAX_LINKS = 20;
export const MAX_ENDPOINTS = 50;
export const MAX_TELEMETRY_PATHS = 50;
export const MAX_SERVICES_PER_DOCUMENT = 2_000;

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const NUL_OR_BAD_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** RFC 9110 token: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP client sets itself or refuses; setting them would break the probe. */
const RESERVED_HEADERS = new Set(['connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer']);
const KPI_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/** A strict object whose unknown-key message says which key and which ones are allowed. */
function strict<T extends z.ZodRawShape>(shape: T, what: string) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const keys = iss.keys.map((k) => `"${k}"`).join(', ');
        return `unknown field${iss.keys.length > 1 ? 's' : ''} ${keys} in ${what} (allowed: ${allowed})`;
      }
      if (iss.code === 'invalid_type') return `${what} must be an object`;
      return undefined;
    },
  });
}

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** One line of text, trimmed, 1..max characters. */
function line(field: string, max: number) {
  return z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((v) => !CONTROL_CHARS.test(v), `${field} must be a single line without control characters`);
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

function httpUrl(field: string) {
  return z
    .string({ error: `${field} must be an http or https URL` })
    .trim()
    .min(1, `${field} is required`)
    .max(2048, `${field} must be at most 2048 characters`)
    .refine(isHttpUrl, `${field} must be an http or https URL`)
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.username === '' && u.password === '';
      } catch {
        return true;
      }
    }, `${field} must not contain a user name or password (URLs are shown to everyone): send credentials in a header`);
}

export const nameSchema = line('name', 100);
export const environmentSchema = z
  .string({ error: 'environment must be text' })
  .trim()
  .toLowerCase()
  .min(1, 'environment is required')
  .max(40, 'environment must be at most 40 characters')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'environment must be a lowercase slug: letters, digits, - and _ (e.g. production, staging)');
const teamSchema = z.preprocess(blankToNull, line('team', 100).nullable());
const descriptionSchema = z.preprocess(
  blankToNull,
  z
    .string({ error: 'description must be text' })
    .trim()
    .max(2000, 'description must be at most 2000 characters')
    .refine((v) => !NUL_OR_BAD_CONTROL.test(v), 'description must not contain control characters')
    .nullable(),
);
const tagSchema = z
  .string({ error: 'tags must be text' })
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(50, 'a tag must be at most 50 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$/, 'a tag uses letters, digits and _ . : / + - (no spaces)');
const tagsSchema = z
  .array(tagSchema, { error: 'tags must be a list of words' })
  .max(MAX_TAGS, `tags: at most ${MAX_TAGS}`)
  .transform((tags) => [...new Set(tags)]);
const linksSchema = z
  .array(strict({ label: line('label', 100), url: httpUrl('url') }, 'a link'), { error: 'links must be a list of {label, url}' })
  .max(MAX_LINKS, `links: at most ${MAX_LINKS}`);
const failuresBeforeDownSchema = z
  .number({ error: 'failuresBeforeDown must be a whole number' })
  .int('failuresBeforeDown must be a whole number')
  .min(1, 'failuresBeforeDown must be at least 1')
  .max(20, 'failuresBeforeDown must be at most 20');

export const kindSchema = z.enum(ENDPOINT_KINDS, { error: `kind must be one of ${ENDPOINT_KINDS.join(', ')}` });
const urlSchema = httpUrl('url');
const intervalSchema = z
  .number({ error: 'intervalSeconds must be a whole number of seconds' })
  .int('intervalSeconds must be a whole number of seconds')
  .min(INTERVAL_MIN, `intervalSeconds must be at least ${INTERVAL_MIN}`)
  .max(INTERVAL_MAX, `intervalSeconds must be at most ${INTERVAL_MAX} (one day)`);
const timeoutSchema = z
  .number({ error: 'timeoutMs must be a whole number of milliseconds' })
  .int('timeoutMs must be a whole number of milliseconds')
  .min(TIMEOUT_MIN, `timeoutMs must be at least ${TIMEOUT_MIN}`)
  .max(TIMEOUT_MAX, `timeoutMs must be at most ${TIMEOUT_MAX}`);
const enabledSchema = z.boolean({ error: 'enabled must be true or false' });

export const headerNameSchema = z
  .string({ error: 'header names must be text' })
  .max(100, 'a header name must be at most 100 characters')
  .regex(HEADER_NAME, 'a header name uses letters, digits and ! # $ % & \' * + . ^ _ ` | ~ - only');

/** The part of zod's refinement context these checks use. */
interface Ctx {
  addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void;
}

function checkHeaders(headers: Record<string, string | null>, ctx: Ctx) {
  const names = Object.keys(headers);
  if (names.length > MAX_HEADERS) {
    ctx.addIssue({ code: 'custom', path: [], message: `headers: at most ${MAX_HEADERS}` });
  }
  const seen = new Map<string, string>();
  for (const name of names) {
    const value = headers[name];
    if (!HEADER_NAME.test(name) || name.length > 100) {
      ctx.addIssue({ code: 'custom', path: [name], message: `header name "${name.slice(0, 100)}" is not a valid HTTP header name` });
      continue;
    }
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `header ${name} is set by the HTTP client and cannot be configured` });
    }
    const other = seen.get(lower);
    if (other !== undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: `header ${name} is given twice (also as ${other}); names are case-insensitive` });
    }
    seen.set(lower, name);
    if (typeof value === 'string') {
      if (/[\r\n\0]/.test(value)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `the value of header ${name} must be a single line` });
      } else if (Buffer.byteLength(value, 'utf8') > HEADER_VALUE_MAX_BYTES) {
        ctx.addIssue({ code: 'custom', path: [name], message: `the value of header ${name} is longer than 4 KiB` });
      }
    }
  }
}

/** Header name → value. Values are write-only: stored encrypted, never returned. */
export const headersSchema = z
  .record(z.string(), z.string({ error: 'header values must be text' }), { error: 'headers must be an object of name: value' })
  .superRefine((h, ctx) => checkHeaders(h, ctx));

/** In PATCH: `null` keeps the value stored under that name. */
export const headersPatchSchema = z
  .record(z.string(), z.string({ error: 'header values must be text, or null to keep the stored value' }).nullable(), {
    error: 'headers must be an object of name: value',
  })
  .superRefine((h, ctx) => checkHeaders(h, ctx));

/** Telemetry KPI name → JSON path in the endpoint's response, e.g. {"queueDepth": "$.queue.depth"}. */
export const telemetryPathsSchema = z
  .record(z.string(), z.string({ error: 'telemetry paths must be text like $.queue.depth' }), {
    error: 'telemetryPaths must be an object of KPI name: JSON path',
  })
  .superRefine((paths, ctx) => {
    const entries = Object.entries(paths);
    if (entries.length > MAX_TELEMETRY_PATHS) {
      ctx.addIssue({ code: 'custom', path: [], message: `telemetryPaths: at most ${MAX_TELEMETRY_PATHS}` });
    }
    for (const [name, path] of entries) {
      if (!KPI_NAME.test(name)) {
        ctx.addIssue({ code: 'custom', path: [name], message: `telemetry KPI name "${name.slice(0, 64)}" must start with a letter and use letters, digits, _ . : -` });
      } else if (path.length > 500 || CONTROL_CHARS.test(path) || parseJsonPath(path) === null) {
        ctx.addIssue({ code: 'custom', path: [name], message: `telemetry path of ${name} is not a JSON path like $.queue.depth or workers[0].busy` });
      }
    }
  });

/** Rules that need several fields of one endpoint; shared by create, the YAML document and merged PATCHes. */
export function endpointProblems(ep: {
  kind?: string;
  intervalSeconds?: number;
  timeoutMs?: number;
  telemetryPaths?: Record<string, string> | null;
}): { field: 'timeoutMs' | 'telemetryPaths'; message: string }[] {
  const out: { field: 'timeoutMs' | 'telemetryPaths'; message: string }[] = [];
  if (ep.intervalSeconds !== undefined && ep.timeoutMs !== undefined && ep.timeoutMs >= ep.intervalSeconds * 1000) {
    out.push({
      field: 'timeoutMs',
      message: `timeoutMs (${ep.timeoutMs} ms) must be shorter than the interval (${ep.intervalSeconds} s)`,
    });
  }
  if (ep.kind && ep.kind !== 'telemetry' && ep.telemetryPaths && Object.keys(ep.telemetryPaths).length > 0) {
    out.push({ field: 'telemetryPaths', message: 'telemetryPaths only applies to telemetry endpoints' });
  }
  return out;
}

function addEndpointProblems(ep: Parameters<typeof endpointProblems>[0], ctx: Ctx) {
  for (const p of endpointProblems(ep)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
}

/** Two endpoints of one service with the same kind and URL would be checked twice and cannot be told apart in YAML. */
function checkUniqueEndpoints(endpoints: { kind?: string; url?: string }[] | undefined, ctx: Ctx) {
  const seen = new Map<string, number>();
  endpoints?.forEach((ep, i) => {
    if (!ep.kind || !ep.url) return;
    const key = `${ep.kind} ${ep.url}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['endpoints', i, 'url'],
        message: `url: endpoint ${first + 1} already is a ${ep.kind} endpoint with this URL`,
      });
    } else seen.set(key, i);
  });
}

// ---------------------------------------------------------------------------
// JSON API

export const createEndpointSchema = strict(
  {
    kind: kindSchema,
    url: urlSchema,
    intervalSeconds: intervalSchema.default(INTERVAL_DEFAULT),
    timeoutMs: timeoutSchema.default(TIMEOUT_DEFAULT),
    headers: headersSchema.optional(),
    enabled: enabledSchema.default(true),
    telemetryPaths: telemetryPathsSchema.optional(),
  },
  'an endpoint',
).superRefine((ep, ctx) => addEndpointProblems(ep, ctx));
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const createServiceSchema = strict(
  {
    name: nameSchema,
    environment: environmentSchema.default('production'),
    team: teamSchema.optional(),
    description: descriptionSchema.optional(),
    tags: tagsSchema.optional(),
    links: linksSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    failuresBeforeDown: failuresBeforeDownSchema.optional(),
    endpoints: z
      .array(createEndpointSchema, { error: 'endpoints must be a list' })
      .min(1, 'endpoints: add at least one endpoint to watch')
      .max(MAX_ENDPOINTS, `endpoints: at most ${MAX_ENDPOINTS} per service`),
  },
  'the service',
).superRefine((s, ctx) => checkUniqueEndpoints(s.endpoints, ctx));
export type CreateServiceInput = z.infer<typeof createServiceSchema>;

/**
 * An endpoint in PATCH: with `id` it changes that endpoint (fields left out stay;
 * `headers` left out keeps the stored headers, `headers: {}` clears them, a header
 * whose value is null keeps its stored value); without `id` it adds one.
 */
export const patchEndpointSchema = strict(
  {
    id: z.uuid({ error: 'id must be the id of one of this service\'s endpoints' }).optional(),
    kind: kindSchema.optional(),
    url: urlSchema.optional(),
    intervalSeconds: intervalSchema.optional(),
    timeoutMs: timeoutSchema.optional(),
    headers: headersPatchSchema.optional(),
    enabled: enabledSchema.optional(),
    telemetryPaths: telemetryPathsSchema.optional(),
  },
  'an endpoint',
).superRefine((ep, ctx) => {
  if (!ep.id) {
    if (!ep.kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'kind is required for a new endpoint (one without id)' });
    if (!ep.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'url is required for a new endpoint (one without id)' });
    for (const [name, value] of Object.entries(ep.headers ?? {})) {
      if (value === null) ctx.addIssue({ code: 'custom', path: ['headers', name], message: `header ${name} needs a value: a new endpoint has nothing stored to keep` });
    }
  }
  addEndpointProblems(ep, ctx);
});
export type PatchEndpointInput = z.infer<typeof patchEndpointSchema>;

export const updateServiceSchema = strict(
  {
    name: nameSchema.optional(),
    environment: environmentSchema.optional(),
    team: teamSchema.optional(),
    description: descriptionSchema.optional(),
    tags: tagsSchema.optional(),
    links: linksSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    failuresBeforeDown: failuresBeforeDownSchema.optional(),
    endpoints: z
      .array(patchEndpointSchema, { error: 'endpoints must be a list' })
      .max(MAX_ENDPOINTS, `endpoints: at most ${MAX_ENDPOINTS} per service`)
      .optional(),
    replaceEndpoints: z.boolean({ error: 'replaceEndpoints must be true or false' }).optional(),
  },
  'the change',
).superRefine((s, ctx) => {
  if (Object.values(s).every((v) => v === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'nothing to change: give at least one field' });
  }
  if (s.replaceEndpoints && !s.endpoints) {
    ctx.addIssue({ code: 'custom', path: ['replaceEndpoints'], message: 'replaceEndpoints needs the full endpoints list (an empty list removes them all)' });
  }
  const ids = new Map<string, number>();
  s.endpoints?.forEach((ep, i) => {
    if (!ep.id) return;
    if (ids.has(ep.id)) ctx.addIssue({ code: 'custom', path: ['endpoints', i, 'id'], message: `id: endpoint ${ids.get(ep.id)! + 1} already changes this endpoint` });
    else ids.set(ep.id, i);
  });
});
export type UpdateServiceInput = z.infer<typeof updateServiceSchema>;

export const setEnabledSchema = strict({ enabled: enabledSchema }, 'the change');

export const listServicesQuerySchema = strict(
  {
    environment: z.string().trim().toLowerCase().max(40, 'environment must be at most 40 characters').optional(),
    team: z.string().trim().max(100, 'team must be at most 100 characters').optional(),
    status: z.enum(['up', 'degraded', 'down', 'unknown'], { error: 'status must be one of up, degraded, down, unknown' }).optional(),
    q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  },
  'the query',
);
export type ListServicesQuery = z.infer<typeof listServicesQuerySchema>;

export const resultsQuerySchema = strict(
  {
    kind: kindSchema.optional(),
    status: z.enum(['up', 'degraded', 'down', 'unknown'], { error: 'status must be one of up, degraded, down, unknown' }).optional(),
    endpointId: z.uuid({ error: 'endpointId must be an endpoint id' }).optional(),
    since: z.iso.datetime({ offset: true, error: 'since must be an ISO date-time like 2026-01-31T12:00:00Z' }).optional(),
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(1000, 'limit must be at most 1000')
      .default(100),
  },
  'the query',
);
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

// ---------------------------------------------------------------------------
// YAML catalog document (config as code)

export const catalogEndpointSchema = strict(
  {
    kind: kindSchema,
    url: urlSchema,
    intervalSeconds: intervalSchema.optional(),
    timeoutMs: timeoutSchema.optional(),
    enabled: enabledSchema.optional(),
    /** What the export writes: the names of the stored headers (values are never exported). */
    headerNames: z.array(headerNameSchema, { error: 'headerNames must be a list of header names' }).max(MAX_HEADERS, `headerNames: at most ${MAX_HEADERS}`).optional(),
    /** Replaces every stored header of the endpoint. */
    headers: headersSchema.optional(),
    telemetryPaths: telemetryPathsSchema.optional(),
  },
  'an endpoint',
).superRefine((ep, ctx) => {
  addEndpointProblems(ep, ctx);
  if (ep.headers && ep.headerNames) {
    const a = Object.keys(ep.headers).map((n) => n.toLowerCase()).sort();
    const b = ep.headerNames.map((n) => n.toLowerCase()).sort();
    if (a.join('\n') !== b.join('\n')) {
      ctx.addIssue({ code: 'custom', path: ['headerNames'], message: 'headerNames and headers disagree: when you give headers, drop headerNames (headers replaces all stored headers)' });
    }
  }
});
export type CatalogEndpointInput = z.infer<typeof catalogEndpointSchema>;

export const catalogServiceSchema = strict(
  {
    name: nameSchema,
    environment: environmentSchema.default('production'),
    team: teamSchema.optional(),
    description: descriptionSchema.optional(),
    tags: tagsSchema.optional(),
    links: linksSchema.optional(),
    thresholds: thresholdsSchema.optional(),
    failuresBeforeDown: failuresBeforeDownSchema.optional(),
    endpoints: z
      .array(catalogEndpointSchema, { error: 'endpoints must be a list' })
      .max(MAX_ENDPOINTS, `endpoints: at most ${MAX_ENDPOINTS} per service`)
      .optional(),
  },
  'a service',
).superRefine((s, ctx) => checkUniqueEndpoints(s.endpoints, ctx));
export type CatalogServiceInput = z.infer<typeof catalogServiceSchema>;

export const catalogDocumentSchema = strict(
  {
    version: z.literal(1, { error: 'version must be 1' }).optional(),
    /** Delete what the document does not list: services, and endpoints of listed services. */
    prune: z.boolean({ error: 'prune must be true or false' }).optional(),
    services: z
      .array(catalogServiceSchema, { error: 'services must be a list' })
      .max(MAX_SERVICES_PER_DOCUMENT, `services: at most ${MAX_SERVICES_PER_DOCUMENT} per document`),
  },
  'the catalog document',
).superRefine((doc, ctx) => {
  const seen = new Map<string, number>();
  doc.services.forEach((s, i) => {
    const key = `${s.name}\n${s.environment}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['services', i, 'name'],
        message: `name: service ${s.name} (${s.environment}) is listed twice (also services[${first}])`,
      });
    } else seen.set(key, i);
  });
});
export type CatalogDocument = z.infer<typeof catalogDocumentSchema>;
