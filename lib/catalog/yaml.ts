import YAML, { LineCounter } from 'yaml';
import { db, type Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { ApiError, type IssueOut } from '@/lib/api/errors';
import { ENDPOINT_KINDS } from '@/lib/probes/types';
import {
  endpointLabel,
  newEndpoint,
  newServiceFields,
  planIsEmpty,
  planServiceChange,
  serviceLabel,
  type EndpointChange,
  type IssuePath,
  type NewEndpoint,
  type PlanIssue,
  type ServiceChange,
  type ServiceFields,
  type ServicePlan,
  type StoredService,
} from './plan';
import { catalogDocumentSchema, endpointProblems, type CatalogDocument, type CatalogEndpointInput, type CatalogServiceInput } from './schemas';
import { executePlan, insertService, loadAllServices, lockCatalog, removeService } from './store';
import type { CatalogApplyResult, CatalogDiff } from './types';

// Config as code: the whole catalog as one YAML document. Export writes it;
// apply reads one back, matches services by (name, environment) and endpoints
// by (kind, url), and applies the difference in one transaction. A field left
// out keeps its stored value; nothing is deleted unless the document says
// `prune: true`. Header values never appear in an export.

export const YAML_HEADER_COMMENT = [
  ' opsdeck service catalog.',
  ' Apply with PUT /api/v1/catalog (Content-Type: application/yaml); add ?dryRun=true to preview.',
  ' Services are matched by name + environment, endpoints within a service by kind + url.',
  ' A field you leave out keeps its current value (write `team: null` to clear one).',
  ' Nothing is deleted unless the document says `prune: true`: then services it does not list,',
  ' and endpoints a listed service does not list, are deleted with their history.',
  ' Header values are secret and never exported: `headerNames` only lists what is stored.',
  ' Set values in the UI or API, or write `headers: {Name: value}` on an endpoint, which',
  ' replaces all of that endpoint\'s stored headers (drop `headerNames` when you do).',
].join('\n');

// ---------------------------------------------------------------------------
// Paths and positions

/** services[2].endpoints[0].url */
export function formatYamlPath(path: IssuePath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out || '(root)';
}

/** Drops a leading repeat of the field name ("url must be…" → "must be…") since the path already names it. */
function withoutFieldName(path: IssuePath, message: string): string {
  const last = [...path].reverse().find((s) => typeof s === 'string');
  if (typeof last !== 'string') return message;
  for (const sep of [': ', ' ']) {
    if (message.startsWith(last + sep)) return message.slice(last.length + sep.length);
  }
  return message;
}

export interface ParsedCatalog {
  doc: CatalogDocument;
  /** The line of the node at `path` (or of its nearest ancestor present in the text). */
  lineOf(path: IssuePath): number | null;
}

function lineLocator(document: YAML.Document, counter: LineCounter) {
  return (path: IssuePath): number | null => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? document.contents : document.getIn(path.slice(0, n), true);
      if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
        return counter.linePos(node.range[0]).line;
      }
    }
    return null;
  };
}

function issueWithLine(path: IssuePath, message: string, lineOf: (p: IssuePath) => number | null): IssueOut {
  const line = lineOf(path);
  return { path: formatYamlPath(path), message: `${withoutFieldName(path, message)}${line ? ` (line ${line})` : ''}` };
}

function invalidCatalog(issues: IssueOut[]): ApiError {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ApiError(400, `Invalid catalog: ${first.path === '(root)' ? '' : `${first.path}: `}${first.message}${more}`, issues);
}

/**
 * Parses and validates a catalog document. Throws a 400 ApiError whose issues
 * name the line and column of a YAML syntax error, or the field path (and its
 * line) of an invalid value.
 */
export function parseCatalogYaml(text: string): ParsedCatalog {
  const counter = new LineCounter();
  const document = YAML.parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((e) => {
      const pos = e.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}` : 'YAML';
      const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return { path: where, message };
    });
    const first = issues[0];
    throw new ApiError(400, `Invalid YAML at ${first.path}: ${first.message}`, issues);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ApiError(400, `Invalid YAML: ${(e as Error).message}`, [{ path: 'YAML', message: (e as Error).message }]);
  }
  if (data === null || data === undefined) {
    throw new ApiError(400, 'Invalid catalog: the document is empty (expected `services:` with a list of services)', [
      { path: '(root)', message: 'the document is empty: expected `services:` with a list of services' },
    ]);
  }
  const lineOf = lineLocator(document, counter);
  const parsed = catalogDocumentSchema.safeParse(data);
  if (!parsed.success) {
    throw invalidCatalog(parsed.error.issues.map((i) => issueWithLine(i.path as IssuePath, i.message, lineOf)));
  }
  return { doc: parsed.data, lineOf };
}

// ---------------------------------------------------------------------------
// Export

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The document the export writes, as plain data (sorted, stable, no secrets). */
export function catalogDocumentFrom(services: StoredService[]) {
  const sorted = [...services].sort((a, b) => byCodeUnits(a.name, b.name) || byCodeUnits(a.environment, b.environment));
  return {
    version: 1,
    services: sorted.map((s) => {
      const out: Record<string, unknown> = { name: s.name, environment: s.environment };
      if (s.team !== null) out.team = s.team;
      if (s.description !== null) out.description = s.description;
      if (s.tags.length > 0) out.tags = s.tags;
      if (s.links.length > 0) out.links = s.links;
      if (Object.keys(s.thresholds).length > 0) out.thresholds = s.thresholds;
      out.failuresBeforeDown = s.failuresBeforeDown;
      out.endpoints = [...s.endpoints]
        .sort((a, b) => ENDPOINT_KINDS.indexOf(a.kind) - ENDPOINT_KINDS.indexOf(b.kind) || byCodeUnits(a.url, b.url))
        .map((e) => {
          const ep: Record<string, unknown> = {
            kind: e.kind,
            url: e.url,
            intervalSeconds: e.intervalSeconds,
            timeoutMs: e.timeoutMs,
            enabled: e.enabled,
          };
          if (e.headerNames.length > 0) ep.headerNames = e.headerNames;
          if (Object.keys(e.telemetryPaths).length > 0) ep.telemetryPaths = e.telemetryPaths;
          return ep;
        });
      return out;
    }),
  };
}

export function renderCatalogYaml(services: StoredService[]): string {
  const document = new YAML.Document(catalogDocumentFrom(services));
  document.commentBefore = YAML_HEADER_COMMENT;
  // Short lists of words read best on one line: tags: [a, b].
  YAML.visit(document, {
    Seq(_key, node) {
      if (node.items.length > 0 && node.items.every((i) => YAML.isScalar(i))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0 });
}

export async function exportCatalogYaml(): Promise<string> {
  const services = await db.$transaction((tx) => loadAllServices(tx));
  return renderCatalogYaml(services);
}

// ---------------------------------------------------------------------------
// Plan and apply

export interface CatalogPlan {
  diff: CatalogDiff;
  creates: { fields: ServiceFields; endpoints: NewEndpoint[] }[];
  updates: ServicePlan[];
  deletes: StoredService[];
  issues: PlanIssue[];
}

const serviceKey = (name: string, environment: string) => `${name}\n${environment}`;

function keepHeaders(names: string[]): Record<string, null> {
  return Object.fromEntries(names.map((n) => [n, null]));
}

function checkNoKeptHeaders(e: CatalogEndpointInput, path: IssuePath, issues: PlanIssue[]) {
  if (e.headerNames && e.headerNames.length > 0 && !e.headers) {
    issues.push({
      path: [...path, 'headerNames'],
      message: `headerNames: there is no ${e.kind} endpoint with this url yet, so no header values are stored to keep: give them under headers: (name: value)`,
    });
  }
}

/** An endpoint the document adds, with the defaults applied and checked once more against them. */
function endpointToCreate(e: CatalogEndpointInput, path: IssuePath, issues: PlanIssue[]): NewEndpoint {
  checkNoKeptHeaders(e, path, issues);
  const created = newEndpoint({ ...e, headers: e.headers, path });
  for (const p of endpointProblems(created)) issues.push({ path: [...path, p.field], message: p.message });
  return created;
}

function endpointChange(existing: StoredService, e: CatalogEndpointInput, path: IssuePath, issues: PlanIssue[]): EndpointChange {
  const match = existing.endpoints.find((x) => x.kind === e.kind && x.url === e.url);
  const common = { intervalSeconds: e.intervalSeconds, timeoutMs: e.timeoutMs, enabled: e.enabled, telemetryPaths: e.telemetryPaths, path };
  if (match) {
    return { ...common, id: match.id, headers: e.headers ?? (e.headerNames ? keepHeaders(e.headerNames) : undefined) };
  }
  checkNoKeptHeaders(e, path, issues);
  return { ...common, kind: e.kind, url: e.url, headers: e.headers };
}

function serviceChange(svc: CatalogServiceInput, existing: StoredService, prune: boolean, path: IssuePath, issues: PlanIssue[]): ServiceChange {
  return {
    team: svc.team,
    description: svc.description,
    tags: svc.tags,
    links: svc.links,
    thresholds: svc.thresholds,
    failuresBeforeDown: svc.failuresBeforeDown,
    endpoints: svc.endpoints?.map((e, j) => endpointChange(existing, e, [...path, 'endpoints', j], issues)),
    removeUnlisted: prune && svc.endpoints !== undefined,
  };
}

/** What applying `doc` to `stored` does. Pure apart from decrypting headers a document asks to keep. */
export function planCatalog(
  stored: StoredService[],
  doc: CatalogDocument,
  opts: { now: Date; decrypt?: (s: string) => Record<string, string> },
): CatalogPlan {
  const prune = doc.prune === true;
  const byKey = new Map(stored.map((s) => [serviceKey(s.name, s.environment), s]));
  const plan: CatalogPlan = {
    diff: { create: [], update: [], delete: [], unchanged: 0, prune },
    creates: [],
    updates: [],
    deletes: [],
    issues: [],
  };
  const listed = new Set<string>();

  doc.services.forEach((svc, i) => {
    const path: IssuePath = ['services', i];
    const key = serviceKey(svc.name, svc.environment);
    listed.add(key);
    const existing = byKey.get(key);
    if (!existing) {
      const endpoints = (svc.endpoints ?? []).map((e, j) => endpointToCreate(e, [...path, 'endpoints', j], plan.issues));
      plan.creates.push({ fields: newServiceFields(svc), endpoints });
      plan.diff.create.push({ service: serviceLabel(svc), endpoints: endpoints.map(endpointLabel) });
      return;
    }
    const { plan: sp, issues } = planServiceChange(existing, serviceChange(svc, existing, prune, path, plan.issues), opts);
    plan.issues.push(...issues);
    if (planIsEmpty(sp)) {
      plan.diff.unchanged += 1;
    } else {
      plan.updates.push(sp);
      plan.diff.update.push({ service: sp.label, changes: sp.changes });
    }
  });

  if (prune) {
    for (const s of stored) {
      if (listed.has(serviceKey(s.name, s.environment))) continue;
      plan.deletes.push(s);
      plan.diff.delete.push({ service: serviceLabel(s), endpoints: s.endpoints.length });
    }
  }
  return plan;
}

export const diffIsEmpty = (d: CatalogDiff) => d.create.length === 0 && d.update.length === 0 && d.delete.length === 0;

async function applyPlan(tx: Tx, plan: CatalogPlan, now: Date) {
  for (const s of plan.deletes) await removeService(tx, s.id);
  for (const u of plan.updates) await executePlan(tx, u, now);
  for (const c of plan.creates) await insertService(tx, c.fields, c.endpoints, now);
}

/**
 * Applies a catalog document, or with `dryRun` only says what it would do.
 * All or nothing: one transaction, one audit entry `catalog.apply`.
 */
export async function applyCatalogYaml(
  text: string,
  opts: { dryRun: boolean; actor: Actor; ip: string | null },
): Promise<CatalogApplyResult> {
  const { doc, lineOf } = parseCatalogYaml(text);
  const now = new Date();
  return db.$transaction(
    async (tx) => {
      // Two applies at once would each plan against a catalog the other is changing.
      if (!opts.dryRun) await lockCatalog(tx);
      const stored = await loadAllServices(tx);
      const plan = planCatalog(stored, doc, { now });
      if (plan.issues.length > 0) throw invalidCatalog(plan.issues.map((i) => issueWithLine(i.path, i.message, lineOf)));
      const changed = !diffIsEmpty(plan.diff);
      if (opts.dryRun || !changed) return { dryRun: opts.dryRun, changed, diff: plan.diff };
      await applyPlan(tx, plan, now);
      await writeAudit(
        opts.actor,
        {
          action: 'catalog.apply',
          targetType: 'catalog',
          after: {
            created: plan.diff.create,
            updated: plan.diff.update,
            deleted: plan.diff.delete,
            unchanged: plan.diff.unchanged,
            prune: plan.diff.prune,
          },
        },
        opts.ip,
        tx,
      );
      return { dryRun: false, changed, diff: plan.diff };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
