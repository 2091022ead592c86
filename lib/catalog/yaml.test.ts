import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { decryptHeaders, encryptHeaders } from './crypto';
import { planServiceChange, type StoredEndpoint, type StoredService } from './plan';
import { parseCatalogYaml, planCatalog, renderCatalogYaml } from './yaml';

const KEY = 'ab'.repeat(32);
const decrypt = (s: string) => decryptHeaders(s, KEY);
const NOW = new Date('2026-03-01T12:00:00Z');
const opts = { now: NOW, decrypt };

function endpoint(over: Partial<StoredEndpoint> = {}): StoredEndpoint {
  return {
    id: over.id ?? crypto.randomUUID(),
    kind: 'health',
    url: 'https://checkout.internal/health',
    intervalSeconds: 30,
    timeoutMs: 5000,
    enabled: true,
    headerNames: [],
    headersEnc: null,
    telemetryPaths: {},
    nextDueAt: NOW,
    ...over,
  };
}

function service(over: Partial<StoredService> = {}): StoredService {
  return {
    id: crypto.randomUUID(),
    name: 'checkout',
    environment: 'production',
    team: 'payments',
    description: null,
    tags: ['tier-1'],
    links: [{ label: 'Runbook', url: 'https://wiki/checkout' }],
    thresholds: { p95LatencyMs: { warning: 800, critical: 1500 } },
    failuresBeforeDown: 2,
    endpoints: [
      endpoint({ headerNames: ['X-Api-Key'], headersEnc: encryptHeaders({ 'X-Api-Key': 'k1' }, KEY) }),
      endpoint({ kind: 'telemetry', url: 'https://checkout.internal/stats', telemetryPaths: { queue: '$.queue.depth' } }),
    ],
    ...over,
  };
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected an ApiError');
}

describe('parseCatalogYaml', () => {
  it('names line and column of a syntax error', () => {
    const e = apiError(() => parseCatalogYaml('services:\n  - name: a\n    tags: [x, y\n'));
    expect(e.status).toBe(400);
    expect(e.issues[0].path).toMatch(/^line \d+, column \d+$/);
    expect(e.message).toMatch(/^Invalid YAML at line \d+, column \d+: /);
  });

  it('names the line of a duplicate key', () => {
    const e = apiError(() => parseCatalogYaml('services:\n  - name: a\n    name: b\n'));
    expect(e.issues[0].path).toBe('line 3, column 5');
    expect(e.issues[0].message).toMatch(/unique/);
  });

  it('names the field path and its line for an invalid value', () => {
    const text = [
      'services:',
      '  - name: a',
      '    endpoints:',
      '      - kind: health',
      '        url: https://a/health',
      '  - name: b',
      '    endpoints: []',
      '  - name: c',
      '    endpoints:',
      '      - kind: health',
      '        url: ftp://c/health',
    ].join('\n');
    const e = apiError(() => parseCatalogYaml(text));
    expect(e.issues).toEqual([{ path: 'services[2].endpoints[0].url', message: 'must be an http or https URL (line 11)' }]);
    expect(e.message).toBe('Invalid catalog: services[2].endpoints[0].url: must be an http or https URL (line 11)');
  });

  it('points a missing field at its parent and an unknown one at its object', () => {
    const e = apiError(() => parseCatalogYaml('services:\n  - environment: prod\n    colour: red\n'));
    const paths = e.issues.map((i) => i.path);
    expect(paths).toContain('services[0].name');
    expect(e.issues.find((i) => i.path === 'services[0]')?.message).toMatch(/unknown field "colour" in a service.*\(line 2\)/);
  });

  it('explains an empty document', () => {
    expect(apiError(() => parseCatalogYaml('# nothing\n')).message).toMatch(/empty/);
  });

  it('rejects an unresolved alias and multiple documents as 400s', () => {
    expect(apiError(() => parseCatalogYaml('services: *nope\n')).status).toBe(400);
    expect(apiError(() => parseCatalogYaml('services: []\n---\nservices: []\n')).status).toBe(400);
  });
});

describe('export', () => {
  it('writes sorted services, header names and never header values', () => {
    const text = renderCatalogYaml([service({ name: 'zeta' }), service({ name: 'alpha', environment: 'staging' }), service({ name: 'alpha' })]);
    expect(text).not.toContain('k1');
    expect(text).not.toContain('v1:');
    expect(text).toContain('headerNames: [ X-Api-Key ]');
    expect(text).toMatch(/^# opsdeck service catalog/);
    const names = [...text.matchAll(/- name: (\S+)\n\s+environment: (\S+)/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(names).toEqual(['alpha/production', 'alpha/staging', 'zeta/production']);
  });

  it('round-trips: export then plan against the same state changes nothing', () => {
    const stored = [service(), service({ name: 'api', team: null, tags: [], links: [], thresholds: {}, description: 'multi\nline' })];
    const { doc } = parseCatalogYaml(renderCatalogYaml(stored));
    const plan = planCatalog(stored, doc, { now: NOW, decrypt: () => { throw new Error('must not decrypt on a round trip'); } });
    expect(plan.issues).toEqual([]);
    expect(plan.diff).toEqual({ create: [], update: [], delete: [], unchanged: 2, prune: false });
  });
});

describe('planCatalog', () => {
  it('creates unknown services with defaults and lists them', () => {
    const { doc } = parseCatalogYaml('services:\n  - name: new\n    endpoints:\n      - {kind: readiness, url: "http://new/ready"}\n');
    const plan = planCatalog([service()], doc, opts);
    expect(plan.diff.create).toEqual([{ service: 'new (production)', endpoints: ['readiness http://new/ready'] }]);
    expect(plan.creates[0].endpoints[0]).toMatchObject({ intervalSeconds: 30, timeoutMs: 5000, enabled: true, headers: {} });
    expect(plan.diff.unchanged).toBe(0);
    expect(plan.diff.delete).toEqual([]);
  });

  it('lists field changes as "field: before → after" and keeps what the document leaves out', () => {
    const stored = service();
    const { doc } = parseCatalogYaml(
      [
        'services:',
        '  - name: checkout',
        '    team: core',
        '    endpoints:',
        '      - kind: health',
        '        url: https://checkout.internal/health',
        '        intervalSeconds: 60',
      ].join('\n'),
    );
    const plan = planCatalog([stored], doc, opts);
    expect(plan.diff.update).toEqual([
      {
        service: 'checkout (production)',
        changes: ['team: "payments" → "core"', 'endpoint health https://checkout.internal/health: intervalSeconds: 30 → 60'],
      },
    ]);
    expect(plan.updates[0].updates[0]).toMatchObject({ fields: { intervalSeconds: 60 }, resetState: false });
    // tags, links, thresholds and the telemetry endpoint were left out: untouched.
    expect(plan.updates[0].deletes).toEqual([]);
  });

  it('never deletes without prune; with prune lists deletions of services and endpoints', () => {
    const a = service();
    const b = service({ name: 'billing' });
    const text = 'services:\n  - name: checkout\n    endpoints:\n      - {kind: health, url: "https://checkout.internal/health", headerNames: [X-Api-Key]}\n';
    const keep = planCatalog([a, b], parseCatalogYaml(text).doc, opts);
    expect(keep.diff).toEqual({ create: [], update: [], delete: [], unchanged: 1, prune: false });

    const pruned = planCatalog([a, b], parseCatalogYaml(`prune: true\n${text}`).doc, opts);
    expect(pruned.diff.delete).toEqual([{ service: 'billing (production)', endpoints: 2 }]);
    expect(pruned.diff.update[0].changes).toEqual(['- endpoint telemetry https://checkout.internal/stats']);
    expect(pruned.deletes.map((s) => s.id)).toEqual([b.id]);
  });

  it('headers: replaces values (reported by name only); headerNames keeps or drops stored ones', () => {
    const stored = service();
    const url = 'https://checkout.internal/health';
    const replace = planCatalog([stored], parseCatalogYaml(`services:\n  - name: checkout\n    endpoints:\n      - {kind: health, url: "${url}", headers: {X-Api-Key: k2}}\n`).doc, opts);
    expect(replace.diff.update[0].changes).toEqual([`endpoint health ${url}: headers: new values for X-Api-Key`]);
    expect(replace.updates[0].updates[0]).toMatchObject({ headers: { 'X-Api-Key': 'k2' }, resetState: true, dueAt: NOW });
    expect(JSON.stringify(replace.diff)).not.toContain('k2');

    const same = planCatalog([stored], parseCatalogYaml(`services:\n  - name: checkout\n    endpoints:\n      - {kind: health, url: "${url}", headers: {X-Api-Key: k1}}\n`).doc, opts);
    expect(same.diff.unchanged).toBe(1);

    const drop = planCatalog([stored], parseCatalogYaml(`services:\n  - name: checkout\n    endpoints:\n      - {kind: health, url: "${url}", headerNames: []}\n`).doc, opts);
    expect(drop.diff.update[0].changes).toEqual([`endpoint health ${url}: headers: ["X-Api-Key"] → []`]);
    expect(drop.updates[0].updates[0].headers).toEqual({});

    const unknown = planCatalog([stored], parseCatalogYaml(`services:\n  - name: checkout\n    endpoints:\n      - {kind: health, url: "${url}", headerNames: [X-Api-Key, X-Other]}\n`).doc, opts);
    expect(unknown.issues).toEqual([{ path: ['services', 0, 'endpoints', 0, 'headers', 'X-Other'], message: 'header X-Other has no stored value to keep: give its value' }]);

    const fresh = planCatalog([stored], parseCatalogYaml(`services:\n  - name: checkout\n    endpoints:\n      - {kind: health, url: "https://elsewhere/health", headerNames: [X-Api-Key]}\n`).doc, opts);
    expect(fresh.issues[0].path).toEqual(['services', 0, 'endpoints', 0, 'headerNames']);
  });

  it('reports a timeout that is not below the merged interval', () => {
    const { doc } = parseCatalogYaml('services:\n  - name: checkout\n    endpoints:\n      - {kind: health, url: "https://checkout.internal/health", intervalSeconds: 5}\n');
    const plan = planCatalog([service()], doc, opts);
    expect(plan.issues).toEqual([
      { path: ['services', 0, 'endpoints', 0, 'timeoutMs'], message: 'timeoutMs (5000 ms) must be shorter than the interval (5 s)' },
    ]);
  });
});

describe('planServiceChange (PATCH)', () => {
  it('resets state and makes due now on a URL change; only brings forward on a shorter interval', () => {
    const s = service();
    const [health] = s.endpoints;
    const later = new Date(NOW.getTime() + 3600_000);
    s.endpoints[1].nextDueAt = later;
    const { plan, issues } = planServiceChange(
      s,
      {
        endpoints: [
          { id: health.id, url: 'https://checkout.internal/healthz', path: ['endpoints', 0] },
          { id: s.endpoints[1].id, intervalSeconds: 10, path: ['endpoints', 1] },
        ],
      },
      opts,
    );
    expect(issues).toEqual([]);
    expect(plan.updates[0]).toMatchObject({ resetState: true, dueAt: NOW });
    expect(plan.updates[1]).toMatchObject({ resetState: false, dueAt: new Date(NOW.getTime() + 10_000) });
  });

  it('headers: null keeps the stored value, omitted keeps all, {} clears', () => {
    const s = service();
    const id = s.endpoints[0].id;
    const keepAndAdd = planServiceChange(s, { endpoints: [{ id, headers: { 'X-Api-Key': null, 'X-Tenant': 't' }, path: ['endpoints', 0] }] }, opts);
    expect(keepAndAdd.plan.updates[0].headers).toEqual({ 'X-Api-Key': 'k1', 'X-Tenant': 't' });
    const omitted = planServiceChange(s, { endpoints: [{ id, enabled: false, path: ['endpoints', 0] }] }, opts);
    expect(omitted.plan.updates[0].headers).toBeUndefined();
    expect(omitted.plan.updates[0].resetState).toBe(false);
    const cleared = planServiceChange(s, { endpoints: [{ id, headers: {}, path: ['endpoints', 0] }] }, opts);
    expect(cleared.plan.updates[0].headers).toEqual({});
  });

  it('cannot keep a value it cannot decrypt, and says why', () => {
    const s = service();
    const { issues } = planServiceChange(
      s,
      { endpoints: [{ id: s.endpoints[0].id, headers: { 'X-Api-Key': null, 'X-New': 'v' }, path: ['endpoints', 0] }] },
      { now: NOW, decrypt: (x) => decryptHeaders(x, 'cd'.repeat(32)) },
    );
    expect(issues[0].message).toMatch(/cannot be decrypted \(was ENCRYPTION_KEY changed\?\)/);
  });

  it('refuses an endpoint id of another service, and a duplicate kind + URL after the change', () => {
    const s = service();
    const { issues } = planServiceChange(
      s,
      {
        endpoints: [
          { id: crypto.randomUUID(), enabled: false, path: ['endpoints', 0] },
          { kind: 'health', url: 'https://checkout.internal/health', path: ['endpoints', 1] },
        ],
      },
      opts,
    );
    expect(issues).toEqual([
      { path: ['endpoints', 0, 'id'], message: 'id: this service has no endpoint with this id' },
      { path: ['endpoints', 1, 'url'], message: 'url: this service already has a health endpoint with this URL' },
    ]);
  });

  it('drops telemetry paths when an endpoint stops being a telemetry endpoint', () => {
    const s = service();
    const { plan, issues } = planServiceChange(s, { endpoints: [{ id: s.endpoints[1].id, kind: 'metrics', path: ['endpoints', 0] }] }, opts);
    expect(issues).toEqual([]);
    expect(plan.updates[0].fields).toEqual({ kind: 'metrics', telemetryPaths: {} });
  });

  it('with removeUnlisted deletes the endpoints not referenced', () => {
    const s = service();
    const { plan } = planServiceChange(s, { endpoints: [{ id: s.endpoints[0].id, path: ['endpoints', 0] }], removeUnlisted: true }, opts);
    expect(plan.deletes).toEqual([{ id: s.endpoints[1].id, label: 'telemetry https://checkout.internal/stats' }]);
  });
});
