/**
 * Outbound webhooks against a real PostgreSQL and local receivers: the admin
 * API, the transactional outbox (declare enqueues with its transaction, a
 * failed declare enqueues nothing), the trigger on alerts, and the dispatcher
 * (retries with backoff on an injected clock, the signature, a hanging receiver
 * that times out without holding up another webhook).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertService } from './helpers/catalog';
import { callRoute, type Json, type RouteHandler } from './helpers/route-call';
import { closeIncidentsAndDropServices } from './helpers/cleanup';


type Mods = {
  dbm: typeof import('@/lib/db/client');
  tokens: typeof import('@/lib/auth/tokens');
  dispatcher: typeof import('@/lib/webhooks/dispatcher');
  incidents: typeof import('@/app/api/v1/incidents/route');
  incident: typeof import('@/app/api/v1/incidents/[id]/route');
  webhooks: typeof import('@/app/api/v1/webhooks/route');
  webhook: typeof import('@/app/api/v1/webhooks/[id]/route');
  test: typeof import('@/app/api/v1/webhooks/[id]/test/route');
  deliveries: typeof import('@/app/api/v1/webhooks/[id]/deliveries/route');
};
let m: Mods;

type As = 'admin' | 'commander';
const RUN = randomBytes(3).toString('hex');
let commanderToken = '';


async function call(handler: RouteHandler, opts: { method?: string; path?: string; body?: unknown; as?: As; params?: Record<string, string> } = {}) {
  const bearer = (opts.as ?? 'admin') === 'admin' ? process.env.ADMIN_API_KEY! : commanderToken;
  return callRoute(handler, { ...opts, path: opts.path ?? '/api/v1/webhooks', bearer });
}

const pool = () => m.dbm.pool();
const declare = (body: Record<string, unknown>) => call(m.incidents.POST, { method: 'POST', path: '/api/v1/incidents', body, as: 'commander' });
const createHook = async (body: Record<string, unknown>) => {
  const r = await call(m.webhooks.POST, { method: 'POST', body: { ...body, name: `${body.name ?? 'hook'}-${RUN}` } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.webhook as Json;
};
const deliveries = async (id: string) => (await call(m.deliveries.GET, { params: { id }, path: `/api/v1/webhooks/${id}/deliveries` })).json.deliveries as Json[];

interface Receiver {
  url: string;
  requests: { at: number; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}
/** A local receiver; `answer` picks the status of request n (0-based), or 'hang' to never answer. */
async function receiver(answer: (n: number) => number | 'hang'): Promise<Receiver> {
  const requests: Receiver['requests'] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const n = requests.length;
      requests.push({ at: Date.now(), headers: req.headers, body });
      const a = answer(n);
      if (a === 'hang') return; // never answers
      res.writeHead(a, { 'content-type': 'text/plain' }).end(a < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

beforeAll(async () => {
  const env = await import('@/lib/config/env');
  env.resetEnvCache();
  m = {
    dbm: await import('@/lib/db/client'),
    tokens: await import('@/lib/auth/tokens'),
    dispatcher: await import('@/lib/webhooks/dispatcher'),
    incidents: await import('@/app/api/v1/incidents/route'),
    incident: await import('@/app/api/v1/incidents/[id]/route'),
    webhooks: await import('@/app/api/v1/webhooks/route'),
    webhook: await import('@/app/api/v1/webhooks/[id]/route'),
    test: await import('@/app/api/v1/webhooks/[id]/test/route'),
    deliveries: await import('@/app/api/v1/webhooks/[id]/deliveries/route'),
  };
  const user = await m.dbm.db.user.create({ data: { email: `commander-${RUN}@webhooks.test`, name: `Commander ${RUN}`, passwordHash: 'x', role: 'commander' } });
  const t = m.tokens.generateToken();
  await m.dbm.db.apiToken.create({ data: { userId: user.id, name: 'test', prefix: t.prefix, tokenHash: t.hash } });
  commanderToken = t.token;
});

// Each test leaves no webhook behind: the next one's dispatcher rounds must only see its own deliveries.
afterEach(async () => {
  await pool().query(`DELETE FROM webhooks WHERE name LIKE $1`, [`%-${RUN}`]);
});

afterAll(async () => {
  if (m) await closeIncidentsAndDropServices(pool(), RUN);
  await m?.dbm.disconnectDb();
});

describe('webhooks API', () => {
  it('is admin-only, validated, never returns the secret, audited', async () => {
    expect((await call(m.webhooks.GET, { as: 'commander' })).status).toBe(403);
    const bad = await call(m.webhooks.POST, { method: 'POST', body: { name: '', url: 'ftp://x', events: ['incident.exploded'] } });
    expect(bad.status).toBe(400);
    expect((bad.json.issues as Json[]).map((i) => i.path).sort()).toEqual(['events.0', 'name', 'url']);

    const w = await createHook({ name: 'chat', url: 'https://chat.example/hook', format: 'slack', secret: 's3cret-value', events: ['incident.declared', 'incident.declared'] });
    expect(w).toMatchObject({ format: 'slack', hasSecret: true, enabled: true, events: ['incident.declared'] });
    expect(JSON.stringify(w)).not.toContain('s3cret');
    const row = await pool().query(`SELECT secret_enc FROM webhooks WHERE id = $1`, [w.id]);
    expect(row.rows[0].secret_enc).toMatch(/^v1:/);

    const listed = (await call(m.webhooks.GET)).json.webhooks as Json[];
    expect(listed.find((x) => x.id === w.id)).toMatchObject({ hasSecret: true, deliveries: { pending: 0, failed: 0, lastDeliveredAt: null } });
    expect(JSON.stringify(listed)).not.toContain('secret_enc');

    const p = await call(m.webhook.PATCH, { method: 'PATCH', params: { id: w.id }, body: { enabled: false, secret: null } });
    expect(p.status).toBe(200);
    expect(p.json.webhook).toMatchObject({ enabled: false, hasSecret: false });
    expect((await call(m.webhook.PATCH, { method: 'PATCH', params: { id: w.id }, body: {} })).status).toBe(400);
    expect((await call(m.webhook.PATCH, { method: 'PATCH', params: { id: 'nope' }, body: { enabled: true } })).status).toBe(404);

    const audit = await pool().query(`SELECT action, after FROM audit_log WHERE target_id = $1 ORDER BY id`, [w.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['webhook.create', 'webhook.update']);
    expect(JSON.stringify(audit.rows)).not.toContain('s3cret');

    expect((await call(m.webhook.DELETE, { method: 'DELETE', params: { id: w.id } })).status).toBe(200);
    expect((await call(m.webhook.DELETE, { method: 'DELETE', params: { id: w.id } })).status).toBe(404);
  });
});

describe('outbox', () => {
  it('declaring an incident enqueues in the same transaction; a failed declare enqueues nothing', async () => {
    const w = await createHook({ name: 'ob', url: 'http://127.0.0.1:9/never', events: ['incident.declared', 'incident.resolved'] });
    const other = await createHook({ name: 'ob-other', url: 'http://127.0.0.1:9/never', events: ['alert.opened'] });

    const ok = await declare({ title: `Outbox ${RUN}`, severity: 'P2' });
    expect(ok.status).toBe(201);
    const d = await deliveries(w.id);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ event: 'incident.declared', status: 'pending', attempts: 0 });
    const stored = await pool().query(`SELECT payload FROM webhook_deliveries WHERE id = $1`, [d[0].id]);
    expect(stored.rows[0].payload).toMatchObject({ event: 'incident.declared', incident: { id: ok.json.incident.id, number: ok.json.incident.number, severity: 'P2', status: 'investigating', url: `/incidents/${ok.json.incident.id}` } });
    expect(await deliveries(other.id)).toHaveLength(0);

    // Make the declaration's transaction fail after its events were written (at the audit entry).
    const title = `Doomed ${RUN}`;
    await pool().query(`
      CREATE FUNCTION webhooks_test_fail_audit() RETURNS trigger AS $$
      BEGIN
        IF NEW.action = 'incident.declare' AND NEW.after->>'title' = '${title}' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER webhooks_test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION webhooks_test_fail_audit();`);
    try {
      const failed = await declare({ title, severity: 'P1' });
      expect(failed.status).toBe(500);
    } finally {
      await pool().query(`DROP TRIGGER webhooks_test_fail_audit ON audit_log; DROP FUNCTION webhooks_test_fail_audit();`);
    }
    expect((await pool().query(`SELECT 1 FROM incidents WHERE title = $1`, [title])).rowCount).toBe(0);
    expect(await deliveries(w.id)).toHaveLength(1);
    expect((await pool().query(`SELECT 1 FROM webhook_deliveries WHERE payload->'incident'->>'title' = $1`, [title])).rowCount).toBe(0);

    // Resolving raises incident.resolved (and status_changed, not subscribed here).
    for (const status of ['mitigated', 'resolved']) {
      expect((await call(m.incident.PATCH, { method: 'PATCH', path: `/api/v1/incidents/${ok.json.incident.id}`, params: { id: ok.json.incident.id }, body: { status }, as: 'commander' })).status).toBe(200);
    }
    expect((await deliveries(w.id)).map((x) => x.event)).toEqual(['incident.resolved', 'incident.declared']);
  });

  it('an alert opening and resolving enqueues through the trigger on alerts', async () => {
    const w = await createHook({ name: 'alerts', url: 'http://127.0.0.1:9/never', events: ['alert.opened', 'alert.resolved'] });
    const off = await createHook({ name: 'alerts-off', url: 'http://127.0.0.1:9/never', events: ['alert.opened'], enabled: false });
    const { serviceId, endpointIds } = await insertService(pool(), { name: `pay-${RUN}`, endpoints: [{ kind: 'health', url: 'http://pay.test/health', dueInMs: 3600_000 }] });
    const a = await pool().query<{ id: string }>(
      `INSERT INTO alerts (id, service_id, endpoint_id, key, open_key, level, peak_level, message)
       VALUES (gen_random_uuid(), $1, $2, 'endpoint_down', $3, 'critical', 'critical', 'health endpoint down') RETURNING id`,
      [serviceId, endpointIds[0], `${endpointIds[0]}:endpoint_down`],
    );
    let d = await deliveries(w.id);
    expect(d.map((x) => x.event)).toEqual(['alert.opened']);
    const p = (await pool().query(`SELECT payload FROM webhook_deliveries WHERE id = $1`, [d[0].id])).rows[0].payload;
    expect(p).toMatchObject({ event: 'alert.opened', incident: null, data: { alert: { id: a.rows[0].id, level: 'critical', message: 'health endpoint down' }, service: { id: serviceId, name: `pay-${RUN}`, url: `/services/${serviceId}` } } });
    expect(Date.parse(p.at)).not.toBeNaN();
    expect(await deliveries(off.id)).toHaveLength(0);

    await pool().query(`UPDATE alerts SET updated_at = now() WHERE id = $1`, [a.rows[0].id]);
    await pool().query(`UPDATE alerts SET resolved_at = now(), open_key = NULL WHERE id = $1`, [a.rows[0].id]);
    d = await deliveries(w.id);
    expect(d.map((x) => x.event)).toEqual(['alert.resolved', 'alert.opened']);
  });
});

describe('dispatcher', () => {
  it('retries with backoff: 500, 500, then 200 delivers on the 3rd attempt; the signature verifies', async () => {
    const r = await receiver((n) => (n < 2 ? 500 : 200));
    try {
      const secret = `secret-${RUN}-xyz`;
      const w = await createHook({ name: 'retry', url: r.url, secret, events: ['incident.declared'] });
      const inc = await declare({ title: `Retry ${RUN}`, severity: 'P3' });
      expect(inc.status).toBe(201);

      const t0 = Date.now() + 1000;
      const at = (ms: number) => () => new Date(t0 + ms);
      const opts = { baseUrl: 'https://ops.example', timeoutMs: 2000 };
      expect(await m.dispatcher.dispatchOnce(pool(), { ...opts, now: at(0) })).toEqual({ claimed: 1, delivered: 0, retrying: 1, failed: 0 });
      let [d] = await deliveries(w.id);
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastHttpStatus: 500, lastError: 'HTTP 500', nextAttemptAt: new Date(t0 + 10_000).toISOString() });

      // Not due before the backoff has passed.
      expect((await m.dispatcher.dispatchOnce(pool(), { ...opts, now: at(9_000) })).claimed).toBe(0);
      expect(await m.dispatcher.dispatchOnce(pool(), { ...opts, now: at(10_000) })).toMatchObject({ claimed: 1, retrying: 1 });
      [d] = await deliveries(w.id);
      expect(d.nextAttemptAt).toBe(new Date(t0 + 40_000).toISOString());
      expect(await m.dispatcher.dispatchOnce(pool(), { ...opts, now: at(40_000) })).toMatchObject({ claimed: 1, delivered: 1 });

      [d] = await deliveries(w.id);
      expect(d).toMatchObject({ event: 'incident.declared', status: 'delivered', attempts: 3, lastHttpStatus: 200, lastError: null, nextAttemptAt: null });
      expect(d.deliveredAt).not.toBeNull();
      expect((d.log as Json[]).map((l) => l.httpStatus)).toEqual([500, 500, 200]);
      expect((await m.dispatcher.dispatchOnce(pool(), { ...opts, now: at(100_000) })).claimed).toBe(0);

      expect(r.requests).toHaveLength(3);
      const last = r.requests[2];
      const expected = `sha256=${createHmac('sha256', secret).update(last.body).digest('hex')}`;
      expect(last.headers['x-opsdeck-signature']).toBe(expected);
      expect(last.headers['content-type']).toBe('application/json');
      const body = JSON.parse(last.body);
      expect(body).toMatchObject({
        event: 'incident.declared',
        incident: { id: inc.json.incident.id, number: inc.json.incident.number, title: `Retry ${RUN}`, severity: 'P3', status: 'investigating', url: `https://ops.example/incidents/${inc.json.incident.id}` },
      });
      expect(Object.keys(body).sort()).toEqual(['at', 'data', 'event', 'incident']);
    } finally {
      await r.close();
    }
  });

  it('gives up after 6 attempts', async () => {
    const r = await receiver(() => 503);
    try {
      const w = await createHook({ name: 'down', url: r.url, events: ['incident.declared'] });
      await declare({ title: `Give up ${RUN}`, severity: 'P3' });
      const t0 = Date.now() + 1000;
      for (let i = 0; i < 6; i++) await m.dispatcher.dispatchOnce(pool(), { baseUrl: '', now: () => new Date(t0 + i * 3600_000) });
      const [d] = await deliveries(w.id);
      expect(d).toMatchObject({ status: 'failed', attempts: 6, lastHttpStatus: 503, nextAttemptAt: null });
      expect(r.requests).toHaveLength(6);
    } finally {
      await r.close();
    }
  });

  it('a hanging receiver times out and is retried while another webhook still gets its delivery', async () => {
    const hang = await receiver(() => 'hang');
    const good = await receiver(() => 204);
    try {
      const slow = await createHook({ name: 'hangs', url: hang.url, events: ['incident.declared'] });
      const fast = await createHook({ name: 'fast', url: good.url, format: 'slack', events: ['incident.declared'] });
      await declare({ title: `Hang ${RUN}`, severity: 'P1' });
      const t0 = Date.now() + 1000;
      const started = Date.now();
      const res = await m.dispatcher.dispatchOnce(pool(), { baseUrl: 'https://ops.example', timeoutMs: 800, now: () => new Date(t0) });
      expect(res).toEqual({ claimed: 2, delivered: 1, retrying: 1, failed: 0 });
      // The good receiver was served while the other request was still hanging.
      expect(good.requests).toHaveLength(1);
      expect(good.requests[0].at - started).toBeLessThan(800);
      const slack = JSON.parse(good.requests[0].body);
      expect(slack.text).toContain(`Hang ${RUN}`);
      expect(slack.text).toContain('[P1]');
      expect(slack.blocks[0].text.text).toContain('https://ops.example/incidents/');

      const [s] = await deliveries(slow.id);
      expect(s).toMatchObject({ status: 'pending', attempts: 1, lastHttpStatus: null, lastError: 'timed out after 800 ms', nextAttemptAt: new Date(t0 + 10_000).toISOString() });
      expect((await deliveries(fast.id))[0]).toMatchObject({ status: 'delivered', lastHttpStatus: 204 });

      // Retried once due, and times out again.
      expect(await m.dispatcher.dispatchOnce(pool(), { baseUrl: '', timeoutMs: 300, now: () => new Date(t0 + 10_000) })).toMatchObject({ claimed: 1, retrying: 1 });
      expect(hang.requests).toHaveLength(2);
    } finally {
      await hang.close();
      await good.close();
    }
  });

  it('"Send test" queues a test event, sent even when the webhook is disabled', async () => {
    const r = await receiver(() => 200);
    try {
      const w = await createHook({ name: 'tst', url: r.url, events: ['alert.opened'], enabled: false });
      const t = await call(m.test.POST, { method: 'POST', params: { id: w.id } });
      expect(t.status).toBe(202);
      expect(await m.dispatcher.dispatchOnce(pool(), { baseUrl: '', now: () => new Date(Date.now() + 1000) })).toMatchObject({ claimed: 1, delivered: 1 });
      expect(JSON.parse(r.requests[0].body)).toMatchObject({ event: 'webhook.test', incident: null });
      expect((await deliveries(w.id))[0]).toMatchObject({ event: 'webhook.test', status: 'delivered' });
    } finally {
      await r.close();
    }
  });

  it('startWebhookDispatcher delivers on its timer and stops', async () => {
    const r = await receiver(() => 200);
    try {
      await createHook({ name: 'timer', url: r.url, events: ['incident.declared'] });
      await declare({ title: `Timer ${RUN}`, severity: 'P3' });
      const d = m.dispatcher.startWebhookDispatcher(pool(), { intervalMs: 50, baseUrl: '' });
      const deadline = Date.now() + 5000;
      while (r.requests.length === 0 && Date.now() < deadline) await new Promise((x) => setTimeout(x, 50));
      await d.stop();
      expect(r.requests).toHaveLength(1);
    } finally {
      await r.close();
    }
  });
});
