import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTarget, type FakeTarget } from '../fake-targets/server';
import { Poller } from '@/lib/scheduler/poller';
import { LEASE_MARGIN_SECONDS } from '@/lib/scheduler/claim';
import { runRetention, runRollup } from '@/lib/scheduler/rollup';
import { insertService, waitFor } from './helpers/catalog';
import { startTcpProxy } from './helpers/tcp-proxy';

let pool: pg.Pool;
let target: FakeTarget;
const pollers: Poller[] = [];

function poller(opts: Partial<ConstructorParameters<typeof Poller>[0]> = {}) {
  const p = new Poller({ pool, concurrency: 50, claimIntervalMs: 100, ...opts });
  pollers.push(p);
  return p;
}

async function results(endpointId: string) {
  const r = await pool.query<{ at: Date; status: string; error: string | null; latency_ms: number }>(
    'SELECT at, status, error, latency_ms FROM probe_results WHERE endpoint_id = $1 ORDER BY at',
    [endpointId],
  );
  return r.rows;
}

async function endpoint(id: string) {
  const r = await pool.query('SELECT * FROM endpoints WHERE id = $1', [id]);
  return r.rows[0];
}

const checkNow = (id: string) => pool.query('UPDATE endpoints SET check_now = true WHERE id = $1', [id]);

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  target = await startFakeTarget();
});

afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
  await pool.query("DELETE FROM services WHERE environment = 'test'");
  target.clearModes();
});

afterAll(async () => {
  await target.close();
  await pool.end();
});

describe('poller', () => {
  it('turns an endpoint down after two failed checks, opens an alert, and resolves it on recovery', async () => {
    const { endpointIds: [id], serviceId } = await insertService(pool, { name: 'flappy', endpoints: [{ kind: 'health', url: `${target.url}/health` }] });
    const p = poller();
    p.start();
    await waitFor(async () => (await endpoint(id)).status === 'up', 5_000);

    target.setMode('/health', 'down');
    await checkNow(id);
    await waitFor(async () => (await results(id)).length >= 2, 5_000);
    expect((await endpoint(id)).status).toBe('up'); // one failure is a blip, not an outage
    await checkNow(id);
    await waitFor(async () => (await endpoint(id)).status === 'down', 5_000);
    const ep = await endpoint(id);
    expect(ep.consecutive_failures).toBe(2);
    expect(ep.last_error).toMatch(/database/);
    const open = await pool.query("SELECT * FROM alerts WHERE service_id = $1 AND resolved_at IS NULL", [serviceId]);
    expect(open.rows).toHaveLength(1);
    expect(open.rows[0]).toMatchObject({ key: 'endpoint_down', level: 'warning' });

    target.setMode('/health', 'up');
    await checkNow(id);
    await waitFor(async () => (await endpoint(id)).status === 'up', 5_000);
    const all = await pool.query('SELECT * FROM alerts WHERE service_id = $1', [serviceId]);
    expect(all.rows).toHaveLength(1);
    expect(all.rows[0].resolved_at).not.toBeNull();
    expect(all.rows[0].open_key).toBeNull();
  });

  it('keeps its pace for healthy endpoints while others hang, reset or answer garbage', async () => {
    for (const f of ['hang', 'reset', 'garbage', 'trickle', 'huge'] as const) target.setMode(`/${f}`, f);
    const bad = await insertService(pool, {
      name: 'faulty',
      endpoints: [
        ...Array.from({ length: 10 }, () => ({ kind: 'health', url: `${target.url}/hang`, timeoutMs: 3000 })),
        ...(['reset', 'garbage', 'trickle', 'huge'] as const).map((f) => ({ kind: 'health', url: `${target.url}/${f}`, timeoutMs: 2000 })),
        { kind: 'health', url: 'http://nonexistent.invalid/health', timeoutMs: 2000 },
      ],
    });
    const good = await insertService(pool, {
      name: 'healthy',
      endpoints: Array.from({ length: 30 }, (_, i) => ({ kind: 'health', url: `${target.url}/health?i=${i}`, dueInMs: 300 })),
    });
    const t0 = Date.now();
    const p = poller({ concurrency: 20 });
    p.start();
    await waitFor(async () => {
      const r = await pool.query('SELECT count(DISTINCT endpoint_id)::int AS n FROM probe_results WHERE endpoint_id = ANY($1)', [good.endpointIds]);
      return r.rows[0].n === 30;
    }, 5_000, 50);
    // All healthy endpoints were started long before the hanging ones time out (3 s).
    const started = await pool.query<{ last: Date }>('SELECT max(at) AS last FROM probe_results WHERE endpoint_id = ANY($1)', [good.endpointIds]);
    expect(started.rows[0].last.getTime() - t0).toBeLessThan(2_500);

    await waitFor(async () => {
      const r = await pool.query('SELECT count(DISTINCT endpoint_id)::int AS n FROM probe_results WHERE endpoint_id = ANY($1)', [bad.endpointIds]);
      return r.rows[0].n === bad.endpointIds.length;
    }, 6_000, 100);
    const rows = await pool.query<{ url: string; status: string; error: string; latency_ms: number }>(
      'SELECT e.url, r.status, r.error, r.latency_ms FROM probe_results r JOIN endpoints e ON e.id = r.endpoint_id WHERE r.endpoint_id = ANY($1)',
      [bad.endpointIds],
    );
    for (const r of rows.rows) {
      expect(r.latency_ms, r.url).toBeLessThanOrEqual(4_000); // within timeout + 1 s
      if (r.url.endsWith('/huge')) continue; // cut at 1 MiB: the normaliser judges the rest
      expect(['down', 'unknown'], r.url).toContain(r.status);
      expect(r.error, r.url).toBeTruthy();
    }
  }, 20_000);

  it('shares endpoints between two workers without double probing, and takes over from a dead one', async () => {
    const { endpointIds } = await insertService(pool, {
      name: 'shared',
      endpoints: Array.from({ length: 40 }, (_, i) => ({ kind: 'liveness', url: `${target.url}/ready?i=${i}`, intervalSeconds: 5, dueInMs: i * 100 })),
    });
    const a = poller({ workerId: 'worker-a' });
    const b = poller({ workerId: 'worker-b' });
    a.start();
    b.start();
    await new Promise((r) => setTimeout(r, 11_000));
    const byWorker = { a: a.stats().probes, b: b.stats().probes };
    expect(byWorker.a).toBeGreaterThan(0);
    expect(byWorker.b).toBeGreaterThan(0);
    for (const id of endpointIds) {
      const r = await results(id);
      // Once per interval: 11 s at a 5 s interval is 2 or 3 due slots, each probed once.
      expect(r.length).toBeGreaterThanOrEqual(2);
      expect(r.length).toBeLessThanOrEqual(3);
      for (let i = 1; i < r.length; i++) {
        // A late start (a loaded machine) may shorten one gap, never to a double probe.
        expect(r[i].at.getTime() - r[i - 1].at.getTime()).toBeGreaterThan(2_500);
      }
    }

    // Worker A dies without a goodbye: its leases stay until they expire.
    a.kill();
    const killedAt = Date.now();
    await pool.query("UPDATE endpoints SET lease_owner = 'worker-a', lease_until = now() + interval '3 seconds' WHERE id = ANY($1)", [endpointIds.slice(0, 5)]);
    await waitFor(async () => {
      const r = await pool.query<{ n: number }>(
        'SELECT count(DISTINCT endpoint_id)::int AS n FROM probe_results WHERE endpoint_id = ANY($1) AND at > $2',
        [endpointIds, new Date(killedAt + 3_000)],
      );
      return r.rows[0].n === endpointIds.length;
      // One lease (timeout 1 s + LEASE_MARGIN_SECONDS) plus one interval, with slack.
    }, (1 + LEASE_MARGIN_SECONDS + 5 + 4) * 1000, 200);
  }, 50_000);

  it('buffers results while PostgreSQL is away and writes them all when it is back', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const proxied = new pg.Pool({ connectionString: url.toString(), max: 4, connectionTimeoutMillis: 500 });
    proxied.on('error', () => undefined);
    try {
      // Due a few seconds out, so the claim happens while the database is up and
      // the probes run after it went away, whatever the machine's load.
      const { endpointIds } = await insertService(pool, {
        name: 'outage',
        endpoints: Array.from({ length: 10 }, (_, i) => ({ kind: 'health', url: `${target.url}/health?o=${i}`, dueInMs: 3_000 })),
      });
      // Other test files leave endpoints behind; park them so that this poller's
      // counters are about these ten only.
      await pool.query(
        "UPDATE endpoints SET next_due_at = now() + interval '1 day', check_now = false WHERE NOT (id = ANY($1))",
        [endpointIds],
      );
      const p = poller({ pool: proxied, lookaheadSeconds: 5 });
      p.start();
      await waitFor(async () => p.stats().scheduled === 10, 5_000, 20); // claimed ahead of their due time
      await proxy.cut();
      const persistedBeforeCut = p.stats().persisted;
      await waitFor(async () => p.stats().probes === 10, 20_000, 50); // probed on time, nowhere to write
      expect(persistedBeforeCut).toBe(0);
      expect(p.stats().buffered).toBe(10);
      expect((await pool.query('SELECT count(*)::int AS n FROM probe_results WHERE endpoint_id = ANY($1)', [endpointIds])).rows[0].n).toBe(0);
      await new Promise((r) => setTimeout(r, 1_500));
      await proxy.restore();
      await waitFor(async () => p.stats().buffered === 0, 15_000, 100);
      const n = (await pool.query('SELECT count(DISTINCT endpoint_id)::int AS n FROM probe_results WHERE endpoint_id = ANY($1)', [endpointIds])).rows[0].n;
      expect(n).toBe(10);
      expect(p.stats().dropped).toBe(0);
      await p.stop();
    } finally {
      await proxied.end().catch(() => undefined);
      await proxy.close();
    }
  }, 60_000);
});

describe('rollups and retention', () => {
  it('rolls raw results up per minute and hour with latency percentiles and KPI averages', async () => {
    const { endpointIds: [id], serviceId } = await insertService(pool, { name: 'rollup', endpoints: [{ kind: 'metrics', url: `${target.url}/metrics`, dueInMs: 3_600_000 }] });
    const minute = new Date('2026-01-05T10:07:00Z');
    for (let i = 1; i <= 100; i++) {
      await pool.query(
        `INSERT INTO probe_results (endpoint_id, service_id, kind, at, status, latency_ms, summary)
         VALUES ($1, $2, 'metrics', $3, $4, $5, $6)`,
        [id, serviceId, new Date(minute.getTime() + i * 500), i % 10 === 0 ? 'down' : 'up', i, JSON.stringify({ kpis: { errorRate: i % 4, cpu: 50 } })],
      );
    }
    await pool.query('DELETE FROM rollup_watermarks');
    await pool.query('DELETE FROM probe_rollups_minute');
    const r = await runRollup(pool, 'minute', new Date('2026-01-05T10:09:30Z'));
    expect(r?.rows).toBeGreaterThanOrEqual(1);
    const rows = (await pool.query('SELECT * FROM probe_rollups_minute WHERE endpoint_id = $1 ORDER BY bucket', [id])).rows;
    const first = rows[0];
    expect(first.bucket.toISOString()).toBe('2026-01-05T10:07:00.000Z');
    expect(rows).toHaveLength(1);
    expect(first).toMatchObject({ count: 100, failures: 10 });
    const h = await runRollup(pool, 'hour', new Date('2026-01-05T11:30:00Z'));
    expect(h).not.toBeNull();
    const hour = (await pool.query('SELECT * FROM probe_rollups_hour WHERE endpoint_id = $1', [id])).rows[0];
    expect(hour).toMatchObject({ count: 100, failures: 10, degraded: 0, latency_max: 100 });
    expect(hour.latency_p50).toBeCloseTo(50.5, 5);
    expect(hour.latency_p95).toBeCloseTo(95.05, 5);
    expect(hour.kpis.cpu).toEqual({ avg: 50, max: 50 });
    expect(hour.kpis.errorRate.max).toBe(3);
    expect(hour.kpis.errorRate.avg).toBeCloseTo(1.5, 5);

    // Re-running the same window changes nothing (idempotent upsert).
    await pool.query('DELETE FROM rollup_watermarks');
    await runRollup(pool, 'hour', new Date('2026-01-05T11:30:00Z'));
    expect((await pool.query('SELECT count, failures FROM probe_rollups_hour WHERE endpoint_id = $1', [id])).rows).toEqual([{ count: 100, failures: 10 }]);

    // Webhook deliveries: finished ones past the window go (attempts with them), pending ones stay.
    const hook = (await pool.query("INSERT INTO webhooks (id, name, url, updated_at) VALUES (gen_random_uuid(), 'retention test', 'http://127.0.0.1:9/x', now()) RETURNING id")).rows[0].id;
    const delivery = async (status: string, createdAt: string) =>
      (await pool.query("INSERT INTO webhook_deliveries (webhook_id, event, payload, status, created_at) VALUES ($1, 'alert.opened', '{}', $2, $3) RETURNING id", [hook, status, createdAt])).rows[0].id;
    const oldDelivered = await delivery('delivered', '2026-01-01T00:00:00Z');
    const oldFailed = await delivery('failed', '2026-01-01T00:00:00Z');
    const oldPending = await delivery('pending', '2026-01-01T00:00:00Z');
    const recentDelivered = await delivery('delivered', '2026-02-05T00:00:00Z');
    await pool.query('INSERT INTO webhook_attempts (delivery_id, at, http_status, duration_ms) VALUES ($1, $2, 200, 5)', [oldDelivered, '2026-01-01T00:00:01Z']);

    const deleted = await runRetention(pool, { rawDays: 14, minuteRollupDays: 30, hourRollupDays: 400, webhookDeliveryDays: 30 }, new Date('2026-02-10T00:00:00Z'));
    expect(deleted.raw).toBeGreaterThanOrEqual(100);
    expect(deleted.minute).toBeGreaterThanOrEqual(1);
    expect(deleted.hour).toBe(0);
    expect(deleted.webhookDeliveries).toBe(2);
    const left = (await pool.query('SELECT id FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id', [hook])).rows.map((r) => r.id);
    expect(left).toEqual([oldPending, recentDelivered]);
    expect(left).not.toContain(oldFailed);
    expect((await pool.query('SELECT count(*)::int AS n FROM webhook_attempts WHERE delivery_id = $1', [oldDelivered])).rows[0].n).toBe(0);
    await pool.query('DELETE FROM webhooks WHERE id = $1', [hook]);
  });
});
