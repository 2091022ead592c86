/**
 * The service catalog against a real PostgreSQL: use cases, route handlers,
 * audit entries, header secrecy and the YAML apply (dry run, atomicity, round trip).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { NextRequest } from 'next/server';
import YAML from 'yaml';
import { callRoute, type RouteHandler } from './helpers/route-call';

// Secrets the modules read on first use; set before any of them is imported.

type Mods = {
  env: typeof import('@/lib/config/env');
  dbm: typeof import('@/lib/db/client');
  crypto: typeof import('@/lib/catalog/crypto');
  services: typeof import('@/lib/catalog/services');
  yaml: typeof import('@/lib/catalog/yaml');
  tokens: typeof import('@/lib/auth/tokens');
  actor: typeof import('@/lib/auth/actor');
  servicesRoute: typeof import('@/app/api/v1/services/route');
  serviceRoute: typeof import('@/app/api/v1/services/[id]/route');
  checkRoute: typeof import('@/app/api/v1/services/[id]/check/route');
  resultsRoute: typeof import('@/app/api/v1/services/[id]/results/route');
  endpointRoute: typeof import('@/app/api/v1/services/[id]/endpoints/[endpointId]/route');
  catalogRoute: typeof import('@/app/api/v1/catalog/route');
};
let m: Mods;

const RUN = randomBytes(3).toString('hex');
const SECRET = `sk-live-${randomBytes(12).toString('hex')}`;
const SECRET2 = `sk-second-${randomBytes(12).toString('hex')}`;
const SECRET3 = `sk-yaml-${randomBytes(12).toString('hex')}`;
const ALL_SECRETS = [SECRET, SECRET2, SECRET3];
const tokens: Record<'viewer' | 'responder', string> = { viewer: '', responder: '' };

function db() {
  return m.dbm.db;
}

async function call(
  handler: RouteHandler,
  opts: { method?: string; path?: string; body?: unknown; text?: string; contentType?: string; as?: 'admin' | 'viewer' | 'responder'; params?: Record<string, string> } = {},
) {
  const as = opts.as ?? 'admin';
  return callRoute(handler, { contentType: 'application/yaml', ...opts, bearer: as === 'admin' ? process.env.ADMIN_API_KEY! : tokens[as] });
}

async function auditFor(targetId: string) {
  return db().auditLog.findMany({ where: { targetId }, orderBy: { id: 'asc' } });
}

async function auditDumpHasNoSecrets() {
  const rows = await db().auditLog.findMany();
  const dump = JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  for (const s of ALL_SECRETS) expect(dump).not.toContain(s);
}

const name = (base: string) => `${base}-${RUN}`;
const newService = (base: string, extra: Record<string, unknown> = {}) => ({
  name: name(base),
  team: 'payments',
  tags: ['tier-1'],
  links: [{ label: 'Runbook', url: 'https://wiki.example/runbooks/checkout' }],
  endpoints: [
    { kind: 'health', url: `https://${base}.internal/health`, headers: { 'X-Api-Key': SECRET } },
    { kind: 'metrics', url: `https://${base}.internal/metrics`, intervalSeconds: 15, timeoutMs: 2000 },
  ],
  ...extra,
});

beforeAll(async () => {
  const env = await import('@/lib/config/env');
  env.resetEnvCache();
  m = {
    env,
    dbm: await import('@/lib/db/client'),
    crypto: await import('@/lib/catalog/crypto'),
    services: await import('@/lib/catalog/services'),
    yaml: await import('@/lib/catalog/yaml'),
    tokens: await import('@/lib/auth/tokens'),
    actor: await import('@/lib/auth/actor'),
    servicesRoute: await import('@/app/api/v1/services/route'),
    serviceRoute: await import('@/app/api/v1/services/[id]/route'),
    checkRoute: await import('@/app/api/v1/services/[id]/check/route'),
    resultsRoute: await import('@/app/api/v1/services/[id]/results/route'),
    endpointRoute: await import('@/app/api/v1/services/[id]/endpoints/[endpointId]/route'),
    catalogRoute: await import('@/app/api/v1/catalog/route'),
  };
  for (const role of ['viewer', 'responder'] as const) {
    const user = await db().user.create({ data: { email: `${role}-${RUN}@catalog.test`, name: role, passwordHash: 'x', role } });
    const t = m.tokens.generateToken();
    await db().apiToken.create({ data: { userId: user.id, name: 'test', prefix: t.prefix, tokenHash: t.hash } });
    tokens[role] = t.token;
  }
});

afterAll(async () => {
  await m?.dbm.disconnectDb();
});

describe('services API', () => {
  let id = '';
  let healthId = '';
  let metricsId = '';

  it('POST creates a service with ids (201), stores header values encrypted and returns only their names', async () => {
    const before = Date.now();
    const r = await call(m.servicesRoute.POST, { method: 'POST', body: newService('checkout') });
    expect(r.status).toBe(201);
    const service = r.json.service as { id: string; name: string; environment: string; status: string; endpoints: { id: string; kind: string; headerNames: string[]; status: string; intervalSeconds: number; timeoutMs: number }[] };
    expect(service).toMatchObject({ name: name('checkout'), environment: 'production', status: 'unknown' });
    expect(service.id).toMatch(/^[0-9a-f-]{36}$/);
    const health = service.endpoints.find((e) => e.kind === 'health')!;
    const metrics = service.endpoints.find((e) => e.kind === 'metrics')!;
    expect(health).toMatchObject({ headerNames: ['X-Api-Key'], status: 'unknown', intervalSeconds: 30, timeoutMs: 5000 });
    expect(metrics).toMatchObject({ headerNames: [], intervalSeconds: 15, timeoutMs: 2000 });
    expect(r.text).not.toContain(SECRET);
    expect(r.text).not.toContain('headersEnc');
    id = service.id;
    healthId = health.id;
    metricsId = metrics.id;

    const row = await db().endpoint.findUniqueOrThrow({ where: { id: healthId } });
    expect(row.headersEnc).toMatch(/^v1:/);
    expect(row.headersEnc).not.toContain(SECRET);
    expect(m.crypto.decryptHeaders(row.headersEnc!)).toEqual({ 'X-Api-Key': SECRET });
    // Checked soon, spread over up to 10 s.
    expect(row.nextDueAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(row.nextDueAt.getTime()).toBeLessThan(Date.now() + 10_000);

    const audit = await auditFor(id);
    expect(audit.map((a) => a.action)).toEqual(['service.create']);
    expect(audit[0]).toMatchObject({ actorType: 'apikey', ip: '203.0.113.7', targetType: 'service' });
    expect(JSON.stringify(audit[0].after)).toContain('X-Api-Key');
    await auditDumpHasNoSecrets();
  });

  it('refuses the same name in the same environment with 409, allows it in another', async () => {
    const dup = await call(m.servicesRoute.POST, { method: 'POST', body: newService('checkout') });
    expect(dup.status).toBe(409);
    expect(dup.json.error).toBe(`A service named ${name('checkout')} already exists in environment production: pick another name or environment, or edit that one`);
    const staging = await call(m.servicesRoute.POST, { method: 'POST', body: newService('checkout', { environment: 'Staging' }) });
    expect(staging.status).toBe(201);
    expect((staging.json.service as { environment: string }).environment).toBe('staging');
  });

  it('answers 400 naming the field, 401 without auth, 403 for a viewer', async () => {
    const bad = await call(m.servicesRoute.POST, { method: 'POST', body: { name: 'x', endpoints: [{ kind: 'health', url: 'ftp://x' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([{ path: 'endpoints.0.url', message: 'url must be an http or https URL' }]);
    const viewer = await call(m.servicesRoute.POST, { method: 'POST', body: newService('nope'), as: 'viewer' });
    expect(viewer.status).toBe(403);
    const anon = await m.servicesRoute.GET(new NextRequest('http://localhost/api/v1/services'));
    expect(anon.status).toBe(401);
  });

  it('GET lists services with fresh statuses and filters, without header values', async () => {
    // The poller's latest state, as it would write it.
    await db().endpoint.update({ where: { id: healthId }, data: { status: 'down', lastCheckedAt: new Date(), lastHttpStatus: 503, lastLatencyMs: 42, lastError: 'HTTP 503', lastSummary: { format: 'json' } } });
    await db().endpoint.update({ where: { id: metricsId }, data: { status: 'up', lastCheckedAt: new Date() } });
    const r = await call(m.servicesRoute.GET, { as: 'viewer', path: `/api/v1/services?q=${name('checkout')}&environment=production` });
    expect(r.status).toBe(200);
    const list = r.json.services as { id: string; status: string; team: string; tags: string[]; endpoints: Record<string, unknown>[] }[];
    expect(list.map((s) => s.id)).toEqual([id]);
    expect(list[0]).toMatchObject({ status: 'down', team: 'payments', tags: ['tier-1'] });
    const health = list[0].endpoints.find((e) => e.id === healthId)!;
    expect(health).toMatchObject({ kind: 'health', enabled: true, status: 'down', httpStatus: 503, latencyMs: 42, error: 'HTTP 503', summary: { format: 'json' }, headerNames: ['X-Api-Key'] });
    expect(Object.keys(health)).toEqual(
      expect.arrayContaining(['id', 'kind', 'url', 'enabled', 'intervalSeconds', 'timeoutMs', 'headerNames', 'status', 'lastCheckedAt', 'latencyMs', 'httpStatus', 'error', 'summary']),
    );
    expect(r.text).not.toContain(SECRET);

    const byStatus = await call(m.servicesRoute.GET, { as: 'viewer', path: `/api/v1/services?q=${RUN}&status=down` });
    expect((byStatus.json.services as { id: string }[]).map((s) => s.id)).toEqual([id]);
    const byTeam = await call(m.servicesRoute.GET, { as: 'viewer', path: `/api/v1/services?q=${RUN}&team=nobody` });
    expect(byTeam.json.services).toEqual([]);
    const badFilter = await call(m.servicesRoute.GET, { as: 'viewer', path: '/api/v1/services?status=broken' });
    expect(badFilter.status).toBe(400);
  });

  it('GET /:id returns one service; an unknown or malformed id is 404', async () => {
    const r = await call(m.serviceRoute.GET, { as: 'viewer', params: { id } });
    expect(r.status).toBe(200);
    expect((r.json.service as { id: string }).id).toBe(id);
    expect((await call(m.serviceRoute.GET, { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await call(m.serviceRoute.GET, { params: { id: 'not-a-uuid' } })).status).toBe(404);
  });

  it('PATCH changes fields; a URL change resets the endpoint state and makes it due now; omitted headers are kept', async () => {
    await db().endpoint.update({
      where: { id: healthId },
      data: { consecutiveFailures: 3, failingSince: new Date(), metricsSnapshot: { v: 1 }, nextDueAt: new Date(Date.now() + 3600_000) },
    });
    const before = Date.now();
    const r = await call(m.serviceRoute.PATCH, {
      method: 'PATCH',
      params: { id },
      body: { team: 'core', endpoints: [{ id: healthId, url: 'https://checkout.internal/healthz' }] },
    });
    expect(r.status).toBe(200);
    expect(r.json.service).toMatchObject({ team: 'core' });
    const row = await db().endpoint.findUniqueOrThrow({ where: { id: healthId } });
    expect(row).toMatchObject({ url: 'https://checkout.internal/healthz', status: 'unknown', consecutiveFailures: 0, failingSince: null, lastError: null, metricsSnapshot: null });
    // A probe of the old URL still in flight has lost its lease; the endpoint is claimable now.
    expect(row.leaseOwner).toBe('catalog:reconfigured');
    expect(row.leaseUntil!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row.nextDueAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row.nextDueAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(m.crypto.decryptHeaders(row.headersEnc!)).toEqual({ 'X-Api-Key': SECRET });
    // The metrics endpoint was not listed: untouched.
    expect(await db().endpoint.count({ where: { serviceId: id } })).toBe(2);

    const audit = (await auditFor(id)).at(-1)!;
    expect(audit.action).toBe('service.update');
    expect((audit.after as { changes: string[] }).changes).toEqual([
      'team: "payments" → "core"',
      'endpoint health https://checkout.internal/health: url: "https://checkout.internal/health" → "https://checkout.internal/healthz"',
    ]);
  });

  it('PATCH headers: null keeps a stored value, a new name is added, {} clears; values never reach output or audit', async () => {
    const r = await call(m.serviceRoute.PATCH, {
      method: 'PATCH',
      params: { id },
      body: { endpoints: [{ id: healthId, headers: { 'X-Api-Key': null, 'X-Tenant': SECRET2 } }] },
    });
    expect(r.status).toBe(200);
    expect(r.text).not.toContain(SECRET2);
    let row = await db().endpoint.findUniqueOrThrow({ where: { id: healthId } });
    expect(row.headerNames).toEqual(['X-Api-Key', 'X-Tenant']);
    expect(m.crypto.decryptHeaders(row.headersEnc!)).toEqual({ 'X-Api-Key': SECRET, 'X-Tenant': SECRET2 });

    const unknownKeep = await call(m.serviceRoute.PATCH, { method: 'PATCH', params: { id }, body: { endpoints: [{ id: healthId, headers: { 'X-Missing': null } }] } });
    expect(unknownKeep.status).toBe(400);
    expect(unknownKeep.json.issues).toEqual([{ path: 'endpoints.0.headers.X-Missing', message: 'header X-Missing has no stored value to keep: give its value' }]);

    const cleared = await call(m.serviceRoute.PATCH, { method: 'PATCH', params: { id }, body: { endpoints: [{ id: healthId, headers: {} }] } });
    expect(cleared.status).toBe(200);
    row = await db().endpoint.findUniqueOrThrow({ where: { id: healthId } });
    expect(row.headerNames).toEqual([]);
    expect(row.headersEnc).toBeNull();
    const audit = (await auditFor(id)).at(-1)!;
    expect((audit.after as { changes: string[] }).changes).toEqual(['endpoint health https://checkout.internal/healthz: headers: ["X-Api-Key","X-Tenant"] → []']);
    await auditDumpHasNoSecrets();
  });

  it('PATCH adds endpoints without id, and removes unlisted ones only with replaceEndpoints (with their rollups)', async () => {
    const added = await call(m.serviceRoute.PATCH, {
      method: 'PATCH',
      params: { id },
      body: { endpoints: [{ kind: 'readiness', url: 'https://checkout.internal/ready' }] },
    });
    expect(added.status).toBe(200);
    expect((added.json.service as { endpoints: unknown[] }).endpoints).toHaveLength(3);

    const bucket = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await db().probeRollupMinute.create({ data: { endpointId: metricsId, serviceId: id, bucket, count: 1, failures: 0, degraded: 0 } });
    const replaced = await call(m.serviceRoute.PATCH, {
      method: 'PATCH',
      params: { id },
      body: { replaceEndpoints: true, endpoints: [{ id: healthId }, { kind: 'liveness', url: 'https://checkout.internal/live' }] },
    });
    expect(replaced.status).toBe(200);
    const kinds = (replaced.json.service as { endpoints: { kind: string }[] }).endpoints.map((e) => e.kind).sort();
    expect(kinds).toEqual(['health', 'liveness']);
    expect(await db().probeRollupMinute.count({ where: { endpointId: metricsId } })).toBe(0);
    const changes = ((await auditFor(id)).at(-1)!.after as { changes: string[] }).changes;
    expect(changes).toEqual(expect.arrayContaining(['+ endpoint liveness https://checkout.internal/live', '- endpoint metrics https://checkout.internal/metrics']));
  });

  it('PATCH checks merged values and ids against the stored service', async () => {
    const r = await call(m.serviceRoute.PATCH, { method: 'PATCH', params: { id }, body: { endpoints: [{ id: healthId, intervalSeconds: 5 }] } });
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([{ path: 'endpoints.0.timeoutMs', message: 'timeoutMs (5000 ms) must be shorter than the interval (5 s)' }]);
    const other = await call(m.serviceRoute.PATCH, { method: 'PATCH', params: { id }, body: { endpoints: [{ id: metricsId, enabled: false }] } });
    expect(other.status).toBe(400);
    expect(other.json.issues).toEqual([{ path: 'endpoints.0.id', message: 'id: this service has no endpoint with this id' }]);
  });

  it('PATCH renaming onto another service is a 409', async () => {
    const r = await call(m.serviceRoute.PATCH, { method: 'PATCH', params: { id }, body: { environment: 'staging' } });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatch(/already exists in environment staging/);
  });

  it('endpoint enable/disable is audited; check now queues enabled endpoints only (responder, 202)', async () => {
    const liveness = await db().endpoint.findFirstOrThrow({ where: { serviceId: id, kind: 'liveness' } });
    const off = await call(m.endpointRoute.PATCH, { method: 'PATCH', params: { id, endpointId: liveness.id }, body: { enabled: false } });
    expect(off.status).toBe(200);
    expect(off.json.endpoint).toMatchObject({ id: liveness.id, enabled: false, status: 'unknown' });
    expect((await auditFor(liveness.id)).map((a) => a.action)).toEqual(['endpoint.disable']);

    expect((await call(m.checkRoute.POST, { method: 'POST', params: { id }, as: 'viewer' })).status).toBe(403);
    const r = await call(m.checkRoute.POST, { method: 'POST', params: { id }, as: 'responder' });
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ queued: 1 });
    const rows = await db().endpoint.findMany({ where: { serviceId: id } });
    const health = rows.find((e) => e.id === healthId)!;
    expect(health.checkNow).toBe(true);
    expect(health.nextDueAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(rows.find((e) => e.id === liveness.id)!.checkNow).toBe(false);
    const audit = (await auditFor(id)).at(-1)!;
    expect(audit).toMatchObject({ action: 'service.check', actorType: 'token' });
    expect(audit.after).toMatchObject({ queued: 1 });
    expect((await call(m.checkRoute.POST, { method: 'POST', params: { id: '00000000-0000-4000-8000-000000000000' }, as: 'responder' })).status).toBe(404);

    const on = await call(m.endpointRoute.PATCH, { method: 'PATCH', params: { id, endpointId: liveness.id }, body: { enabled: true } });
    expect(on.json.endpoint).toMatchObject({ enabled: true });
  });

  it('results: newest first, filtered by kind and status, limited', async () => {
    const t0 = Date.now() - 60_000;
    await db().probeResult.createMany({
      data: [0, 1, 2, 3].map((i) => ({
        endpointId: healthId,
        serviceId: id,
        kind: 'health' as const,
        at: new Date(t0 + i * 1000),
        status: i % 2 === 0 ? ('up' as const) : ('down' as const),
        httpStatus: i % 2 === 0 ? 200 : 503,
        latencyMs: 10 + i,
        error: i % 2 === 0 ? null : 'HTTP 503',
        summary: { format: 'json' },
      })),
    });
    const all = await call(m.resultsRoute.GET, { as: 'viewer', params: { id }, path: `/api/v1/services/${id}/results` });
    const results = all.json.results as { at: string; status: string; latencyMs: number; endpointId: string; kind: string }[];
    expect(results.map((x) => x.latencyMs)).toEqual([13, 12, 11, 10]);
    expect(results[0]).toMatchObject({ endpointId: healthId, kind: 'health', status: 'down', httpStatus: 503, error: 'HTTP 503', summary: { format: 'json' } });
    const down = await call(m.resultsRoute.GET, { as: 'viewer', params: { id }, path: `/api/v1/services/${id}/results?status=down&limit=1&kind=health` });
    expect((down.json.results as { latencyMs: number }[]).map((x) => x.latencyMs)).toEqual([13]);
    const since = await call(m.resultsRoute.GET, { as: 'viewer', params: { id }, path: `/api/v1/services/${id}/results?since=${new Date(t0 + 2000).toISOString()}` });
    expect((since.json.results as unknown[]).length).toBe(2);
    expect((await call(m.resultsRoute.GET, { params: { id }, path: `/api/v1/services/${id}/results?limit=5000` })).status).toBe(400);
  });

  it('DELETE removes the service, its results and rollups, and audits it', async () => {
    const bucket = new Date(Math.floor(Date.now() / 3600_000) * 3600_000);
    await db().probeRollupHour.create({ data: { endpointId: healthId, serviceId: id, bucket, count: 1, failures: 0, degraded: 0 } });
    await db().probeRollupMinute.create({ data: { endpointId: healthId, serviceId: id, bucket, count: 1, failures: 0, degraded: 0 } });
    expect((await call(m.serviceRoute.DELETE, { method: 'DELETE', params: { id }, as: 'responder' })).status).toBe(403);
    const r = await call(m.serviceRoute.DELETE, { method: 'DELETE', params: { id } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ deleted: { id, name: name('checkout'), environment: 'production' } });
    expect(await db().service.count({ where: { id } })).toBe(0);
    expect(await db().probeResult.count({ where: { serviceId: id } })).toBe(0);
    expect(await db().probeRollupHour.count({ where: { serviceId: id } })).toBe(0);
    expect(await db().probeRollupMinute.count({ where: { serviceId: id } })).toBe(0);
    const audit = (await auditFor(id)).at(-1)!;
    expect(audit.action).toBe('service.delete');
    expect(JSON.stringify(audit.before)).toContain(name('checkout'));
    expect((await call(m.serviceRoute.DELETE, { method: 'DELETE', params: { id } })).status).toBe(404);
  });
});

describe('catalog YAML', () => {
  const admin = () => m.actor.API_KEY_ACTOR;

  it('exports header names, never values', async () => {
    await call(m.servicesRoute.POST, { method: 'POST', body: newService('ledger') });
    const r = await call(m.catalogRoute.GET, { as: 'viewer' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(r.text).toContain(`name: ${name('ledger')}`);
    expect(r.text).toContain('headerNames: [ X-Api-Key ]');
    for (const s of ALL_SECRETS) expect(r.text).not.toContain(s);
  });

  it('round trip: export → apply changes nothing, dry run or not', async () => {
    const text = await m.yaml.exportCatalogYaml();
    const dry = await call(m.catalogRoute.PUT, { method: 'PUT', text, path: '/api/v1/catalog?dryRun=true' });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dryRun: true, changed: false, diff: { create: [], update: [], delete: [] } });
    const auditBefore = await db().auditLog.count({ where: { action: 'catalog.apply' } });
    const real = await m.yaml.applyCatalogYaml(text, { dryRun: false, actor: admin(), ip: null });
    expect(real.changed).toBe(false);
    expect(await db().auditLog.count({ where: { action: 'catalog.apply' } })).toBe(auditBefore);
  });

  const doc = () =>
    [
      'services:',
      `  - name: ${name('ledger')}`,
      '    team: finance',
      '    endpoints:',
      `      - kind: health`,
      `        url: https://ledger.internal/health`,
      `        headerNames: [X-Api-Key]`,
      `      - kind: metrics`,
      `        url: https://ledger.internal/metrics`,
      `        intervalSeconds: 60`,
      `  - name: ${name('search')}`,
      '    environment: staging',
      '    endpoints:',
      '      - kind: readiness',
      '        url: https://search.internal/ready',
      `        headers: {Authorization: "Bearer ${SECRET3}"}`,
    ].join('\n');

  it('dry run shows the diff and writes nothing; apply writes it all with one audit entry', async () => {
    const dry = await call(m.catalogRoute.PUT, { method: 'PUT', body: { yaml: doc(), dryRun: true } });
    expect(dry.status).toBe(200);
    expect(dry.json).toEqual({
      dryRun: true,
      changed: true,
      diff: {
        create: [{ service: `${name('search')} (staging)`, endpoints: ['readiness https://search.internal/ready'] }],
        update: [
          {
            service: `${name('ledger')} (production)`,
            changes: ['team: "payments" → "finance"', 'endpoint metrics https://ledger.internal/metrics: intervalSeconds: 15 → 60'],
          },
        ],
        delete: [],
        unchanged: 0,
        prune: false,
      },
    });
    expect(await db().service.count({ where: { name: name('search') } })).toBe(0);
    expect((await db().service.findFirstOrThrow({ where: { name: name('ledger') } })).team).toBe('payments');

    const applied = await call(m.catalogRoute.PUT, { method: 'PUT', text: doc(), contentType: 'text/plain' });
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({ dryRun: false, changed: true });
    const search = await db().service.findFirstOrThrow({ where: { name: name('search') }, include: { endpoints: true } });
    expect(search.environment).toBe('staging');
    expect(search.endpoints[0].headerNames).toEqual(['Authorization']);
    expect(m.crypto.decryptHeaders(search.endpoints[0].headersEnc!)).toEqual({ Authorization: `Bearer ${SECRET3}` });
    expect((await db().service.findFirstOrThrow({ where: { name: name('ledger') } })).team).toBe('finance');
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: 'catalog.apply' }, orderBy: { id: 'desc' } });
    expect(entry).toMatchObject({ actorType: 'apikey', targetType: 'catalog' });
    expect(JSON.stringify(entry.after)).toContain(name('search'));
    await auditDumpHasNoSecrets();

    // Applying the same document again: nothing left to do.
    const again = await m.yaml.applyCatalogYaml(doc(), { dryRun: true, actor: admin(), ip: null });
    expect(again.changed).toBe(false);
  });

  it('invalid YAML: 400 naming line and column, nothing applied', async () => {
    const text = `services:\n  - name: ${name('broken')}\n    endpoints: [\n      {kind: health, url: "http://x/"\n`;
    const r = await call(m.catalogRoute.PUT, { method: 'PUT', text });
    expect(r.status).toBe(400);
    expect((r.json.issues as { path: string }[])[0].path).toMatch(/^line \d+, column \d+$/);
    expect(r.json.error).toMatch(/^Invalid YAML at line \d+, column \d+/);
    expect(await db().service.count({ where: { name: name('broken') } })).toBe(0);
  });

  it('invalid field: 400 naming the field path and its line, nothing applied', async () => {
    const text = [
      'services:',
      `  - name: ${name('first-ok')}`,
      '    endpoints: [{kind: health, url: "https://ok/health"}]',
      `  - name: ${name('second-bad')}`,
      '    endpoints:',
      '      - kind: health',
      '        url: https://ok/health',
      '      - kind: health',
      '        url: gopher://bad/health',
    ].join('\n');
    const r = await call(m.catalogRoute.PUT, { method: 'PUT', text });
    expect(r.status).toBe(400);
    expect(r.json.issues).toEqual([{ path: 'services[1].endpoints[1].url', message: 'must be an http or https URL (line 9)' }]);
    expect(await db().service.count({ where: { name: name('first-ok') } })).toBe(0);
  });

  it('all or nothing: a failure in the database on the second service leaves the first uncreated', async () => {
    const bad = name('rejected-by-db');
    await m.dbm.pool().query(`ALTER TABLE services ADD CONSTRAINT catalog_test_reject CHECK (name <> '${bad}') NOT VALID`);
    try {
      const text = [
        'services:',
        `  - name: ${name('aaa-first')}`,
        '    endpoints: [{kind: health, url: "https://first/health"}]',
        `  - name: ${bad}`,
        '    endpoints: [{kind: health, url: "https://second/health"}]',
      ].join('\n');
      // Valid to the schema and the planner: only the database refuses it, after the first insert.
      const dry = await m.yaml.applyCatalogYaml(text, { dryRun: true, actor: admin(), ip: null });
      expect(dry.diff.create).toHaveLength(2);
      await expect(m.yaml.applyCatalogYaml(text, { dryRun: false, actor: admin(), ip: null })).rejects.toThrow(/catalog_test_reject|check constraint/i);
      expect(await db().service.count({ where: { name: { in: [name('aaa-first'), bad] } } })).toBe(0);
    } finally {
      await m.dbm.pool().query('ALTER TABLE services DROP CONSTRAINT IF EXISTS catalog_test_reject');
    }
  });

  it('prune: true deletes what the document does not list, and says so first', async () => {
    // Everything currently stored (other tests' too), minus one of ours.
    const exported = YAML.parse(await m.yaml.exportCatalogYaml()) as { services: { name: string; environment: string }[]; prune?: boolean };
    const victim = exported.services.find((s) => s.name === name('search'))!;
    exported.services = exported.services.filter((s) => s !== victim);
    exported.prune = true;
    const text = YAML.stringify(exported);
    const dry = await m.yaml.applyCatalogYaml(text, { dryRun: true, actor: admin(), ip: null });
    expect(dry.diff.delete).toEqual([{ service: `${name('search')} (staging)`, endpoints: 1 }]);
    expect(dry.diff.update).toEqual([]);
    expect(await db().service.count({ where: { name: name('search') } })).toBe(1);
    const real = await m.yaml.applyCatalogYaml(text, { dryRun: false, actor: admin(), ip: null });
    expect(real.changed).toBe(true);
    expect(await db().service.count({ where: { name: name('search') } })).toBe(0);
  });

  it('refuses an unsupported content type and a bad JSON body', async () => {
    expect((await call(m.catalogRoute.PUT, { method: 'PUT', text: 'x', contentType: 'multipart/form-data' })).status).toBe(415);
    const r = await call(m.catalogRoute.PUT, { method: 'PUT', body: { yml: 'services: []' } });
    expect(r.status).toBe(400);
    expect((await call(m.catalogRoute.PUT, { method: 'PUT', text: 'services: []', as: 'viewer' })).status).toBe(403);
  });
});
