/**
 * The charts API against a real PostgreSQL: rollups of two endpoints and a few
 * deploys in, the API's numbers out, for each range (bucket maths, aggregation
 * across endpoints, thresholds merged, uptime, deploys in range). Also the
 * route handlers of charts and triage (auth, validation, 404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import pg from 'pg';
import { insertService } from './helpers/catalog';

// Secrets the modules read on first use; set before any of them is imported.

type Mods = {
  query: typeof import('@/lib/charts/query');
  dbm: typeof import('@/lib/db/client');
  chartsRoute: typeof import('@/app/api/v1/services/[id]/charts/route');
  triageRoute: typeof import('@/app/api/v1/services/[id]/triage/route');
};
let m: Mods;
let pool: pg.Pool;
const serviceIds: string[] = [];

const NOW = new Date('2026-11-23T12:34:56.000Z');
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Start of the minute / hour `n` steps before NOW's. */
const minute = (n: number) => new Date(Math.floor(NOW.getTime() / MIN) * MIN - n * MIN);
const hour = (n: number) => new Date(Math.floor(NOW.getTime() / HOUR) * HOUR - n * HOUR);

interface Rollup {
  endpoint: string;
  bucket: Date;
  count: number;
  failures?: number;
  degraded?: number;
  p50?: number | null;
  p95?: number | null;
  kpis?: object;
}

async function insertRollups(table: 'probe_rollups_minute' | 'probe_rollups_hour', serviceId: string, rows: Rollup[]) {
  for (const r of rows) {
    await pool.query(
      `INSERT INTO ${table} (endpoint_id, service_id, bucket, count, failures, degraded, latency_p50, latency_p95, latency_max, kpis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)`,
      [r.endpoint, serviceId, r.bucket, r.count, r.failures ?? 0, r.degraded ?? 0, r.p50 ?? null, r.p95 ?? null, JSON.stringify(r.kpis ?? {})],
    );
  }
}

async function insertDeploy(serviceId: string, at: Date, version: string) {
  await pool.query(
    `INSERT INTO change_events (id, service_id, kind, environment, version, description, actor, at)
     VALUES (gen_random_uuid(), $1, 'deploy', 'test', $2, $3, 'ci', $4)`,
    [serviceId, version, `release ${version}`, at],
  );
}

async function call(handler: (req: NextRequest, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>, path: string, id: string, auth = true) {
  const headers: Record<string, string> = auth ? { authorization: `Bearer ${process.env.ADMIN_API_KEY}` } : {};
  const res = await handler(new NextRequest(`http://localhost${path}`, { headers }), { params: Promise.resolve({ id }) });
  return { status: res.status, body: await res.json() };
}

let svc: { serviceId: string; endpointIds: string[] };
let health: string;
let metrics: string;

beforeAll(async () => {
  m = {
    query: await import('@/lib/charts/query'),
    dbm: await import('@/lib/db/client'),
    chartsRoute: await import('@/app/api/v1/services/[id]/charts/route'),
    triageRoute: await import('@/app/api/v1/services/[id]/triage/route'),
  };
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  svc = await insertService(pool, {
    name: `charts-${randomBytes(3).toString('hex')}`,
    thresholds: { p95LatencyMs: { warning: 800, critical: 1500 } },
    endpoints: [
      { kind: 'health', url: 'http://127.0.0.1:9/health' },
      { kind: 'metrics', url: 'http://127.0.0.1:9/metrics' },
    ],
  });
  serviceIds.push(svc.serviceId);
  [health, metrics] = svc.endpointIds;

  await insertRollups('probe_rollups_minute', svc.serviceId, [
    // The minute in progress and the one before: both endpoints.
    { endpoint: health, bucket: minute(0), count: 2, p50: 10, p95: 30 },
    { endpoint: metrics, bucket: minute(0), count: 2, failures: 1, p50: 40, p95: 90, kpis: { errorRate: { avg: 2, max: 4 }, cpu: { avg: 30, max: 50 } } },
    { endpoint: health, bucket: minute(1), count: 3, degraded: 1, p50: 20, p95: 25 },
    { endpoint: metrics, bucket: minute(1), count: 1, p50: 60, p95: 70, kpis: { errorRate: { avg: 6, max: 6 } } },
    // minute(2) and (3): nothing at all, a gap.
    { endpoint: health, bucket: minute(4), count: 2, failures: 2, p50: null, p95: null },
    // 60 minutes back is outside 1h, inside 24h.
    { endpoint: health, bucket: minute(60), count: 4, failures: 1, p50: 15, p95: 15 },
    // Just outside 24h: never counted.
    { endpoint: health, bucket: minute(1440), count: 100, failures: 100 },
    // 3 days back: minute rollups exist, but 7d and 30d must read hours only.
    { endpoint: health, bucket: minute(3 * 1440), count: 999, failures: 999 },
  ]);
  await insertRollups('probe_rollups_hour', svc.serviceId, [
    { endpoint: health, bucket: hour(0), count: 100, failures: 5, p50: 12, p95: 40 },
    { endpoint: metrics, bucket: hour(0), count: 100, failures: 0, p50: 48, p95: 120, kpis: { memory: { avg: 60, max: 75 }, disk: { avg: 80, max: 81 } } },
    { endpoint: health, bucket: hour(1), count: 120, failures: 0, p50: 11, p95: 20 },
    { endpoint: health, bucket: hour(6 * 24), count: 120, failures: 60, p50: 11, p95: 20 },
    // Older than 7 days, within 30.
    { endpoint: health, bucket: hour(8 * 24), count: 120, failures: 120, p50: 11, p95: 20 },
    // Older than 30 days.
    { endpoint: health, bucket: hour(30 * 24), count: 500, failures: 500 },
  ]);
  await insertDeploy(svc.serviceId, new Date(NOW.getTime() - 14 * MIN), 'v3');
  await insertDeploy(svc.serviceId, new Date(NOW.getTime() - 3 * DAY), 'v2');
  await insertDeploy(svc.serviceId, new Date(NOW.getTime() - 40 * DAY), 'v1');
});

afterAll(async () => {
  for (const id of serviceIds) {
    await pool.query('DELETE FROM probe_rollups_minute WHERE service_id = $1', [id]);
    await pool.query('DELETE FROM probe_rollups_hour WHERE service_id = $1', [id]);
    await pool.query('DELETE FROM services WHERE id = $1', [id]);
  }
  await pool.end();
  await m?.dbm.disconnectDb();
});

const load = (range: '1h' | '24h' | '7d' | '30d') => m.query.loadCharts(svc.serviceId, range, { now: NOW, pool });

describe('charts: lib', () => {
  it('1h: minute buckets ending with the one in progress, aggregated across endpoints, gaps left out', async () => {
    const c = (await load('1h'))!;
    expect(c).toMatchObject({ range: '1h', resolution: 'minute', from: '2026-11-23T11:35:00.000Z', to: '2026-11-23T12:35:00.000Z' });
    expect(c.points.map((p) => p.t)).toEqual([minute(4), minute(1), minute(0)].map((d) => d.toISOString()));
    const [p4, p1, p0] = c.points;
    expect(p0).toEqual({
      t: minute(0).toISOString(),
      count: 4,
      failures: 1,
      degraded: 0,
      failureShare: 25,
      latencyP50: 25, // (10·2 + 40·2) / 4
      latencyP95: 90, // max of 30 and 90
      errorRate: 2,
      cpu: 30,
      max: { errorRate: 4, cpu: 50 },
    });
    expect(p1).toMatchObject({ count: 4, degraded: 1, failureShare: 0, latencyP50: 30, latencyP95: 70, errorRate: 6 });
    expect(p4).toMatchObject({ count: 2, failures: 2, failureShare: 100, latencyP50: null, latencyP95: null });
    expect(c.deploys.map((d) => d.version)).toEqual(['v3']);
    expect(c.deploys[0]).toEqual({ at: new Date(NOW.getTime() - 14 * MIN).toISOString(), version: 'v3', environment: 'test', description: 'release v3', actor: 'ci' });
  });

  it('24h: 1440 minute buckets; the bucket a day back is out', async () => {
    const c = (await load('24h'))!;
    expect(c.resolution).toBe('minute');
    expect((Date.parse(c.to) - Date.parse(c.from)) / MIN).toBe(1440);
    expect(c.points.map((p) => p.t)).toEqual([minute(60), minute(4), minute(1), minute(0)].map((d) => d.toISOString()));
    expect(c.deploys.map((d) => d.version)).toEqual(['v3']);
  });

  it('7d: hour buckets only (the minute rollups three days back are not read)', async () => {
    const c = (await load('7d'))!;
    expect(c).toMatchObject({ range: '7d', resolution: 'hour', from: '2026-11-16T13:00:00.000Z', to: '2026-11-23T13:00:00.000Z' });
    expect(c.points.map((p) => p.t)).toEqual([hour(6 * 24), hour(1), hour(0)].map((d) => d.toISOString()));
    expect(c.points.at(-1)).toMatchObject({
      count: 200,
      failures: 5,
      failureShare: 2.5,
      latencyP50: 30, // (12·100 + 48·100) / 200
      latencyP95: 120,
      memory: 60,
      disk: 80,
      max: { memory: 75, disk: 81 },
    });
    expect(c.points.some((p) => p.count === 999)).toBe(false);
    expect(c.deploys.map((d) => d.version)).toEqual(['v2', 'v3']);
  });

  it('30d: 720 hour buckets, older than 30 days left out, never minute rollups', async () => {
    const c = (await load('30d'))!;
    expect(c.resolution).toBe('hour');
    expect((Date.parse(c.to) - Date.parse(c.from)) / HOUR).toBe(720);
    expect(c.points.map((p) => p.t)).toEqual([hour(8 * 24), hour(6 * 24), hour(1), hour(0)].map((d) => d.toISOString()));
    expect(c.points.reduce((n, p) => n + p.count, 0)).toBe(560);
    expect(c.deploys.map((d) => d.version)).toEqual(['v2', 'v3']);
  });

  it('merges the service overrides over the default thresholds', async () => {
    const c = (await load('24h'))!;
    expect(c.thresholds).toMatchObject({
      p95LatencyMs: { warning: 800, critical: 1500 },
      errorRate: { warning: 5, critical: 10 },
      cpu: { warning: 70, critical: 90 },
      memory: { warning: 70, critical: 90 },
      disk: { warning: 70, critical: 85 },
    });
  });

  it('computes uptime: 24h from minute rollups, 7d and 30d from hour rollups, the same for every range', async () => {
    const c = (await load('1h'))!;
    // 24h minute rows: counts 2+2+3+1+2+4 = 14, failures 1+2+1 = 4.
    expect(c.uptime['24h']).toBe(Math.floor((10 / 14) * 100 * 1000) / 1000);
    // 7d hour rows: 100+100+120+120 = 440, failures 5+60 = 65.
    expect(c.uptime['7d']).toBe(Math.floor((375 / 440) * 100 * 1000) / 1000);
    // 30d adds the 8-day-old bucket: 560 checks, 185 failures.
    expect(c.uptime['30d']).toBe(Math.floor((375 / 560) * 100 * 1000) / 1000);
    // 24h and 30d take them from their own rows, 1h and 7d from a second scan: all agree.
    for (const range of ['24h', '7d', '30d'] as const) expect((await load(range))!.uptime).toEqual(c.uptime);
  });

  it('says null uptime and no points for a service without history, and null for no service', async () => {
    const empty = await insertService(pool, { name: `charts-empty-${randomBytes(3).toString('hex')}`, endpoints: [] });
    serviceIds.push(empty.serviceId);
    const c = (await m.query.loadCharts(empty.serviceId, '24h', { now: NOW, pool }))!;
    expect(c.points).toEqual([]);
    expect(c.uptime).toEqual({ '24h': null, '7d': null, '30d': null });
    expect(c.deploys).toEqual([]);
    expect(await m.query.loadCharts(randomUUID(), '24h', { now: NOW, pool })).toBeNull();
  });
});

describe('charts and triage: routes', () => {
  let live: string;
  beforeAll(async () => {
    const s = await insertService(pool, { name: `charts-live-${randomBytes(3).toString('hex')}`, endpoints: [{ kind: 'health', url: 'http://127.0.0.1:9/health' }] });
    serviceIds.push(s.serviceId);
    live = s.serviceId;
    const bucket = new Date(Math.floor(Date.now() / MIN) * MIN);
    await insertRollups('probe_rollups_minute', live, [{ endpoint: s.endpointIds[0], bucket, count: 3, failures: 0, p50: 5, p95: 9 }]);
    await insertRollups('probe_rollups_hour', live, [{ endpoint: s.endpointIds[0], bucket: new Date(Math.floor(Date.now() / HOUR) * HOUR), count: 3 }]);
    await pool.query(`UPDATE endpoints SET status = 'up', last_checked_at = now() WHERE service_id = $1`, [live]);
    await insertDeploy(live, new Date(Date.now() - 5 * MIN), 'v9');
  });

  it('GET /charts answers with the range asked for (24h by default)', async () => {
    const r = await call(m.chartsRoute.GET, `/api/v1/services/${live}/charts?range=1h`, live);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ range: '1h', resolution: 'minute', uptime: { '24h': 100, '7d': 100, '30d': 100 } });
    expect(r.body.points).toHaveLength(1);
    expect(r.body.deploys.map((d: { version: string }) => d.version)).toEqual(['v9']);
    const d = await call(m.chartsRoute.GET, `/api/v1/services/${live}/charts`, live);
    expect(d.body).toMatchObject({ range: '24h', resolution: 'minute' });
    const h = await call(m.chartsRoute.GET, `/api/v1/services/${live}/charts?range=30d`, live);
    expect(h.body).toMatchObject({ range: '30d', resolution: 'hour' });
  });

  it('refuses a bad range with 400, an unknown or malformed id with 404, no credentials with 401', async () => {
    const bad = await call(m.chartsRoute.GET, `/api/v1/services/${live}/charts?range=2d`, live);
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0]).toMatchObject({ path: 'range', message: 'range must be one of 1h, 24h, 7d, 30d' });
    expect((await call(m.chartsRoute.GET, '/api/v1/services/x/charts', randomUUID())).status).toBe(404);
    expect((await call(m.chartsRoute.GET, '/api/v1/services/x/charts', 'not-a-uuid')).status).toBe(404);
    expect((await call(m.chartsRoute.GET, `/api/v1/services/${live}/charts`, live, false)).status).toBe(401);
  });

  it('GET /triage judges the service and writes the chat text', async () => {
    const r = await call(m.triageRoute.GET, `/api/v1/services/${live}/triage`, live);
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.body.checks.map((c: { id: string }) => [c.id, c]));
    expect(byId.health).toMatchObject({ state: 'pass', value: 'up', threshold: 'up' });
    expect(byId.readiness).toMatchObject({ state: 'na' });
    expect(byId.deploys).toMatchObject({ state: 'warn', value: 'v9, 5 min ago' });
    expect(r.body.text).toMatch(/^Triage: charts-live-\w+ \(test\) at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(r.body.text).toContain('✔ Health: up');
    expect((await call(m.triageRoute.GET, '/api/v1/services/x/triage', randomUUID())).status).toBe(404);
  });
});
