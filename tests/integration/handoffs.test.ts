/**
 * On-call hand-offs against a real PostgreSQL: the draft gathers the owned
 * services with their status, open incidents, deploys in the window and open
 * alerts; saving, listing and reading notes; roles and validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { insertService } from './helpers/catalog';
import { callRoute, type Json, type RouteHandler } from './helpers/route-call';
import { closeIncidentsAndDropServices } from './helpers/cleanup';
import { createUserWithToken } from './helpers/users';


type Mods = {
  dbm: typeof import('@/lib/db/client');
  tokens: typeof import('@/lib/auth/tokens');
  incidents: typeof import('@/app/api/v1/incidents/route');
  handoffs: typeof import('@/app/api/v1/handoffs/route');
  draft: typeof import('@/app/api/v1/handoffs/draft/route');
  handoff: typeof import('@/app/api/v1/handoffs/[id]/route');
};
let m: Mods;

type As = 'viewer' | 'responder' | 'commander';
const RUN = randomBytes(3).toString('hex');
const tokens: Partial<Record<As, string>> = {};


async function call(handler: RouteHandler, opts: { method?: string; path?: string; body?: unknown; as?: As; params?: Record<string, string> } = {}) {
  return callRoute(handler, { ...opts, path: opts.path ?? '/api/v1/handoffs', bearer: tokens[opts.as ?? 'responder'], ip: '203.0.113.8' });
}

const pool = () => m.dbm.pool();

beforeAll(async () => {
  const env = await import('@/lib/config/env');
  env.resetEnvCache();
  m = {
    dbm: await import('@/lib/db/client'),
    tokens: await import('@/lib/auth/tokens'),
    incidents: await import('@/app/api/v1/incidents/route'),
    handoffs: await import('@/app/api/v1/handoffs/route'),
    draft: await import('@/app/api/v1/handoffs/draft/route'),
    handoff: await import('@/app/api/v1/handoffs/[id]/route'),
  };
  for (const role of ['viewer', 'responder', 'commander'] as const) {
    tokens[role] = (await createUserWithToken(role, `${role}-${RUN}@handoffs.test`, `${role} ${RUN}`)).token;
  }
});

afterAll(async () => {
  if (m) await closeIncidentsAndDropServices(pool(), RUN);
  await m?.dbm.disconnectDb();
});

describe('hand-offs', () => {
  it('drafts a note with the owned services, the open incident, the deploy and the open alert', async () => {
    const team = `team-${RUN}`;
    const own = await insertService(pool(), { name: `billing-${RUN}`, endpoints: [{ kind: 'health', url: 'http://billing.test/health', dueInMs: 3600_000 }] });
    const foreign = await insertService(pool(), { name: `other-${RUN}`, endpoints: [{ kind: 'health', url: 'http://other.test/health', dueInMs: 3600_000 }] });
    await pool().query(`UPDATE services SET team = $1 WHERE id = $2`, [team, own.serviceId]);
    await pool().query(`UPDATE services SET team = 'someone-else' WHERE id = $1`, [foreign.serviceId]);
    await pool().query(`UPDATE endpoints SET status = 'down', last_checked_at = now() WHERE id = $1`, [own.endpointIds[0]]);

    const inc = await call(m.incidents.POST, { method: 'POST', path: '/api/v1/incidents', as: 'commander', body: { title: `Invoices stuck ${RUN}`, severity: 'P2', serviceIds: [own.serviceId] } });
    expect(inc.status).toBe(201);
    await pool().query(
      `INSERT INTO change_events (id, service_id, environment, version, description, actor, at) VALUES (gen_random_uuid(), $1, 'test', 'v9.9.9', 'new invoice renderer', 'ci', now() - interval '1 hour')`,
      [own.serviceId],
    );
    await pool().query(
      `INSERT INTO change_events (id, service_id, environment, version, actor, at) VALUES (gen_random_uuid(), $1, 'test', 'v0.0.1-old', 'ci', now() - interval '2 days')`,
      [own.serviceId],
    );
    await pool().query(
      `INSERT INTO alerts (id, service_id, endpoint_id, key, open_key, level, peak_level, message) VALUES (gen_random_uuid(), $1, $2, 'endpoint_down', $3, 'critical', 'critical', 'billing health failing')`,
      [own.serviceId, own.endpointIds[0], `${own.endpointIds[0]}:endpoint_down`],
    );

    expect((await call(m.draft.POST, { method: 'POST', as: 'viewer', body: {} })).status).toBe(403);
    const bad = await call(m.draft.POST, { method: 'POST', body: { from: 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toBe('from');

    const r = await call(m.draft.POST, { method: 'POST', body: { team, escalationContact: 'Dana (+1 555 0100)' } });
    expect(r.status).toBe(200);
    const d = r.json.draft as Json;
    expect(Date.parse(d.to) - Date.parse(d.from)).toBe(12 * 3600_000);
    expect(d.services).toEqual([{ id: own.serviceId, name: `billing-${RUN}`, environment: 'test', team, status: 'down' }]);
    expect(d.openIncidents).toEqual([expect.objectContaining({ id: inc.json.incident.id, number: inc.json.incident.number, title: `Invoices stuck ${RUN}`, severity: 'P2', status: 'investigating', commander: `commander ${RUN} <commander-${RUN}@handoffs.test>` })]);
    expect(d.deploys.map((c: Json) => c.version)).toEqual(['v9.9.9']);
    expect(d.openAlerts).toEqual([expect.objectContaining({ service: `billing-${RUN}`, level: 'critical', message: 'billing health failing' })]);
    expect(d.body).toContain(`**#${inc.json.incident.number}** Invoices stuck ${RUN} — P2, investigating; commander: commander ${RUN}`);
    expect(d.body).toContain(`billing-${RUN} (test) [${team}]: **down**`);
    expect(d.body).toContain('v9.9.9 of billing');
    expect(d.body).toContain('billing health failing');
    expect(d.body).toContain('**Escalation contact:** Dana (+1 555 0100)');
    expect(d.body).not.toContain(`other-${RUN}`);

    // A window in the past holds neither deploy.
    const past = await call(m.draft.POST, { method: 'POST', body: { team, from: new Date(Date.now() - 10 * 86400_000).toISOString(), to: new Date(Date.now() - 9 * 86400_000).toISOString() } });
    expect(past.json.draft.deploys).toEqual([]);

    // Save, list, read.
    const saved = await call(m.handoffs.POST, { method: 'POST', body: { title: d.title, from: d.from, to: d.to, team, escalationContact: 'Dana', body: `${d.body}\n- watch the invoice queue\n` } });
    expect(saved.status).toBe(201);
    const h = saved.json.handoff as Json;
    expect(h).toMatchObject({ title: d.title, team, escalationContact: 'Dana', author: expect.stringContaining(`responder-${RUN}@handoffs.test`) });
    const list = await call(m.handoffs.GET, { as: 'viewer' });
    expect(list.json.handoffs[0]).toMatchObject({ id: h.id, title: d.title });
    expect(list.json.handoffs[0].body).toBeUndefined();
    const one = await call(m.handoff.GET, { as: 'viewer', params: { id: h.id } });
    expect(one.json.handoff.body).toContain('watch the invoice queue');
    expect((await call(m.handoff.GET, { as: 'viewer', params: { id: 'nope' } })).status).toBe(404);
    expect((await call(m.handoffs.POST, { method: 'POST', as: 'viewer', body: {} })).status).toBe(403);
    expect((await call(m.handoffs.POST, { method: 'POST', body: { title: 'x', from: d.to, to: d.from, body: 'b' } })).status).toBe(400);
    const audit = await pool().query(`SELECT action FROM audit_log WHERE target_id = $1`, [h.id]);
    expect(audit.rows.map((x) => x.action)).toEqual(['handoff.create']);
  });
});
