/**
 * Incidents against a real PostgreSQL: the severity policy, declaring (with
 * idempotency and duplicate detection under concurrency), the lifecycle with
 * its guards, roles, the append-only timeline with the database's own system
 * events, and the exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { insertService } from './helpers/catalog';
import { callRoute, type Json, type RouteHandler } from './helpers/route-call';
import { closeIncidentsAndDropServices } from './helpers/cleanup';
import { createUserWithToken } from './helpers/users';


type Mods = {
  dbm: typeof import('@/lib/db/client');
  tokens: typeof import('@/lib/auth/tokens');
  query: typeof import('@/lib/incidents/query');
  incidents: typeof import('@/app/api/v1/incidents/route');
  incident: typeof import('@/app/api/v1/incidents/[id]/route');
  ack: typeof import('@/app/api/v1/incidents/[id]/acknowledge/route');
  roles: typeof import('@/app/api/v1/incidents/[id]/roles/route');
  timeline: typeof import('@/app/api/v1/incidents/[id]/timeline/route');
  events: typeof import('@/app/api/v1/incidents/[id]/events/route');
  event: typeof import('@/app/api/v1/incidents/[id]/events/[eventId]/route');
  exportMd: typeof import('@/app/api/v1/incidents/[id]/export.md/route');
  evidence: typeof import('@/app/api/v1/incidents/[id]/evidence.jsonl/route');
  suggest: typeof import('@/app/api/v1/incidents/suggest/route');
  people: typeof import('@/app/api/v1/incidents/people/route');
  policy: typeof import('@/app/api/v1/severity-policy/route');
};
let m: Mods;

type As = 'admin' | 'viewer' | 'responder' | 'responder2' | 'commander' | 'commander2';
const RUN = randomBytes(3).toString('hex');
const tokens: Partial<Record<As, string>> = {};
const users: Partial<Record<As, string>> = {};


async function call(handler: RouteHandler, opts: { method?: string; path?: string; body?: unknown; as?: As; params?: Record<string, string> } = {}) {
  const as = opts.as ?? 'commander';
  return callRoute(handler, { ...opts, path: opts.path ?? '/api/v1/incidents', bearer: as === 'admin' ? process.env.ADMIN_API_KEY! : tokens[as]!, ip: '203.0.113.9' });
}

const db = () => m.dbm.db;
const pool = () => m.dbm.pool();
const declare = (body: Record<string, unknown>, as: As = 'commander') => call(m.incidents.POST, { method: 'POST', body, as });
const patch = (id: string, body: Record<string, unknown>, as: As = 'commander') => call(m.incident.PATCH, { method: 'PATCH', params: { id }, body, as });
const timeline = async (id: string, path = '') => (await call(m.timeline.GET, { as: 'viewer', params: { id }, path: `/api/v1/incidents/${id}/timeline${path}` })).json.events as Json[];

async function service(name: string, endpoints = [{ kind: 'health', url: `http://${name}.test/health` }]) {
  return insertService(pool(), { name: `${name}-${RUN}`, endpoints: endpoints.map((e) => ({ ...e, dueInMs: 3600_000 })) });
}

beforeAll(async () => {
  const env = await import('@/lib/config/env');
  env.resetEnvCache();
  m = {
    dbm: await import('@/lib/db/client'),
    tokens: await import('@/lib/auth/tokens'),
    query: await import('@/lib/incidents/query'),
    incidents: await import('@/app/api/v1/incidents/route'),
    incident: await import('@/app/api/v1/incidents/[id]/route'),
    ack: await import('@/app/api/v1/incidents/[id]/acknowledge/route'),
    roles: await import('@/app/api/v1/incidents/[id]/roles/route'),
    timeline: await import('@/app/api/v1/incidents/[id]/timeline/route'),
    events: await import('@/app/api/v1/incidents/[id]/events/route'),
    event: await import('@/app/api/v1/incidents/[id]/events/[eventId]/route'),
    exportMd: await import('@/app/api/v1/incidents/[id]/export.md/route'),
    evidence: await import('@/app/api/v1/incidents/[id]/evidence.jsonl/route'),
    suggest: await import('@/app/api/v1/incidents/suggest/route'),
    people: await import('@/app/api/v1/incidents/people/route'),
    policy: await import('@/app/api/v1/severity-policy/route'),
  };
  const roles: [As, 'viewer' | 'responder' | 'commander'][] = [
    ['viewer', 'viewer'],
    ['responder', 'responder'],
    ['responder2', 'responder'],
    ['commander', 'commander'],
    ['commander2', 'commander'],
  ];
  for (const [as, role] of roles) {
    const u = await createUserWithToken(role, `${as}-${RUN}@incidents.test`, `${as} ${RUN}`);
    tokens[as] = u.token;
    users[as] = u.userId;
  }
});

afterAll(async () => {
  if (m) await closeIncidentsAndDropServices(pool(), RUN);
  await m?.dbm.disconnectDb();
});

describe('severity policy', () => {
  it('is seeded with the defaults and readable by a viewer', async () => {
    const r = await call(m.policy.GET, { as: 'viewer', path: '/api/v1/severity-policy' });
    expect(r.status).toBe(200);
    expect((r.json.levels as Json[]).map((l) => [l.level, l.responseMinutes, l.escalateAfterMinutes, l.postmortemRequired, l.postmortemDueBusinessDays])).toEqual([
      ['P1', 0, 15, true, 5],
      ['P2', 15, 60, false, null],
      ['P3', null, null, false, null],
    ]);
    expect(r.json.levels[2].responseText).toBe('Next business day');
  });

  it('PUT is admin-only, validated, audited', async () => {
    const current = (await call(m.policy.GET, { as: 'viewer' })).json.levels as Json[];
    const levels = current.map(({ rank: _r, updatedAt: _u, ...l }) => l);
    expect((await call(m.policy.PUT, { method: 'PUT', as: 'commander', body: { levels } })).status).toBe(403);

    const bad = await call(m.policy.PUT, { method: 'PUT', as: 'admin', body: { levels: levels.map((l) => (l.level === 'P2' ? { ...l, escalateAfterMinutes: -3 } : l)) } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([{ path: 'levels.1.escalateAfterMinutes', message: 'escalateAfterMinutes must be at least 1' }]);

    const changed = levels.map((l) => (l.level === 'P2' ? { ...l, escalateAfterMinutes: 45 } : l));
    const ok = await call(m.policy.PUT, { method: 'PUT', as: 'admin', body: { levels: changed } });
    expect(ok.status).toBe(200);
    expect(ok.json.levels[1].escalateAfterMinutes).toBe(45);
    const audit = await db().auditLog.findFirst({ where: { action: 'severity_policy.update' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actorType: 'apikey', ip: '203.0.113.9' });
    expect((audit!.before as Json[])[1].escalateAfterMinutes).toBe(60);
    expect((audit!.after as Json[])[1].escalateAfterMinutes).toBe(45);
    // Back to the defaults for the rest of the file.
    expect((await call(m.policy.PUT, { method: 'PUT', as: 'admin', body: { levels } })).status).toBe(200);
  });
});

describe('declaring', () => {
  it('creates an incident with a sequential number, the declarer as commander, and a declared event', async () => {
    const { serviceId } = await service('checkout');
    const a = await declare({ title: 'Checkout failing', severity: 'P2', serviceIds: [serviceId], summary: 'Payments error out' });
    expect(a.status).toBe(201);
    const inc = a.json.incident as Json;
    expect(inc).toMatchObject({ title: 'Checkout failing', severity: 'P2', status: 'investigating', summary: 'Payments error out', declaredBy: `token:${tokens.commander!.slice(0, 10)}… (commander-${RUN}@incidents.test)` });
    expect(inc.roles.commander.id).toBe(users.commander);
    expect(inc.services.map((s: Json) => s.id)).toEqual([serviceId]);
    expect(inc.clocks.response).toMatchObject({ targetMinutes: 15, state: 'running' });
    expect(inc.allowedTransitions).toEqual(['identified', 'mitigated', 'resolved']);

    const b = await declare({ title: 'Unrelated', severity: 'P3' });
    expect(b.json.incident.number).toBe(inc.number + 1);

    const events = await timeline(inc.id);
    expect(events.map((e) => e.type)).toEqual(['declared']);
    expect(events[0].body).toBe(`Declared P2 affecting checkout-${RUN} (test)`);
    const audit = await db().auditLog.findMany({ where: { targetType: 'incident', targetId: inc.id } });
    expect(audit.map((x) => x.action)).toEqual(['incident.declare']);
  });

  it('needs the commander role and a valid body', async () => {
    expect((await declare({ title: 'x' }, 'responder')).status).toBe(403);
    const bad = await declare({ title: '', severity: 'P9', serviceIds: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.map((i: Json) => i.path).sort()).toEqual(['serviceIds.0', 'severity', 'title']);
    const unknown = await declare({ title: 'Ghost', serviceIds: [randomUUID()] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.issues).toEqual([{ path: 'serviceIds.0', message: 'no service with this id' }]);
  });

  it('answers 409 with the open incidents already covering a service, unless allowDuplicate', async () => {
    const { serviceId } = await service('search');
    const first = await declare({ title: 'Search slow', severity: 'P2', serviceIds: [serviceId] });
    const dup = await declare({ title: 'Search down?', serviceIds: [serviceId] });
    expect(dup.status).toBe(409);
    expect(dup.json.existing).toEqual([{ id: first.json.incident.id, number: first.json.incident.number, title: 'Search slow', severity: 'P2', status: 'investigating', serviceIds: [serviceId] }]);
    expect(dup.json.error).toContain(`#${first.json.incident.number} (Search slow)`);
    const anyway = await declare({ title: 'Search down?', serviceIds: [serviceId], allowDuplicate: true });
    expect(anyway.status).toBe(201);
  });

  it('declares from an alert: its service joins, the timeline says where it came from', async () => {
    const { serviceId, endpointIds } = await service('alerted-billing');
    const alert = await db().alert.create({
      data: { serviceId, endpointId: endpointIds[0], key: 'kpi:errorRate', openKey: `${endpointIds[0]}:kpi:errorRate`, level: 'critical', peakLevel: 'critical', message: 'error rate 12.5 % ≥ 10 %', value: 12.5, threshold: 10 },
    });
    const r = await declare({ title: 'Billing errors', severity: 'P2', alertId: alert.id });
    expect(r.status).toBe(201);
    expect(r.json.incident.services.map((s: Json) => s.id)).toEqual([serviceId]);
    const events = await timeline(r.json.incident.id);
    const declared = events.find((e: Json) => e.type === 'declared')!;
    expect(declared.body).toContain('from the critical alert "error rate 12.5 % ≥ 10 %"');
    expect(declared.data.fromAlert).toMatchObject({ alertId: alert.id, level: 'critical' });
    // The alert, open at the declaration, is on the timeline as context too.
    expect(events.some((e: Json) => e.type === 'alert_opened' && e.data.alertId === alert.id)).toBe(true);

    const unknown = await declare({ title: 'Ghost alert', alertId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.json.issues).toEqual([{ path: 'alertId', message: 'no alert with this id' }]);
    await db().alert.update({ where: { id: alert.id }, data: { resolvedAt: new Date(), openKey: null } });
  });

  it('suggests the severity from live signals when none is given', async () => {
    const { serviceId, endpointIds } = await service('ledger');
    await db().endpoint.update({ where: { id: endpointIds[0] }, data: { status: 'down', lastCheckedAt: new Date(), lastError: 'HTTP 503' } });
    const s = await call(m.suggest.GET, { as: 'viewer', path: `/api/v1/incidents/suggest?serviceIds=${serviceId}` });
    expect(s.json.suggestion).toMatchObject({ level: 'P1', signal: { kind: 'all_down', serviceId } });
    const r = await declare({ title: 'Ledger down', serviceIds: [serviceId] });
    expect(r.json.incident.severity).toBe('P1');
    expect(r.json.incident.suggestion.level).toBe('P1');
    const [declared] = await timeline(r.json.incident.id);
    expect(declared.data).toMatchObject({ severity: 'P1', severitySource: 'suggested' });
    const none = await declare({ title: 'Nothing known' });
    expect(none.json.incident.severity).toBe('P3');
  });

  it('five concurrent declares with the same idempotency key make one incident', async () => {
    const { serviceId } = await service('payments');
    const key = `declare-${randomUUID()}`;
    const body = { title: 'Payments down', severity: 'P1', serviceIds: [serviceId], idempotencyKey: key };
    const results = await Promise.all(Array.from({ length: 5 }, () => declare(body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(results.map((r) => r.json.incident.id));
    expect(ids.size).toBe(1);
    expect(await db().incident.count({ where: { idempotencyKey: key } })).toBe(1);
    expect(await db().incident.count({ where: { title: 'Payments down' } })).toBe(1);
    // A replay shows itself; reusing the key for something else is refused.
    expect(results.filter((r) => r.json.replayed === true)).toHaveLength(4);
    expect((await declare({ ...body, title: 'Something else' })).status).toBe(409);
  });

  it('five concurrent declares without a key over the same service: one wins, the others are offered to join it', async () => {
    const { serviceId } = await service('inventory');
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => declare({ title: `Inventory ${i}`, severity: 'P2', serviceIds: [serviceId] })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 201)!.json.incident.id;
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.existing[0].id).toBe(winner);
    // Numbers stay gapless however many were refused.
    const numbers = (await db().incident.findMany({ select: { number: true }, orderBy: { number: 'asc' } })).map((x) => x.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});

describe('lifecycle', () => {
  let id = '';
  beforeAll(async () => {
    const { serviceId } = await service('orders');
    id = (await declare({ title: 'Orders stuck', severity: 'P3', serviceIds: [serviceId] })).json.incident.id;
  });

  it('walks investigating → identified → mitigated → resolved, reopens, resolves and closes; each on the timeline', async () => {
    for (const status of ['identified', 'mitigated', 'resolved'] as const) {
      const r = await patch(id, { status, reason: status === 'identified' ? 'Queue consumer crashed' : undefined });
      expect(r.status).toBe(200);
      expect(r.json.incident.status).toBe(status);
    }
    let inc = (await call(m.incident.GET, { as: 'viewer', params: { id } })).json.incident as Json;
    expect(inc.resolvedAt).not.toBeNull();
    expect(inc.mitigatedAt).not.toBeNull();
    expect(inc.allowedTransitions).toEqual(['investigating', 'closed']);
    expect(inc.clocks.running).toBe(false);

    const reopened = await patch(id, { status: 'investigating', reason: 'It came back' });
    expect(reopened.status).toBe(200);
    expect(reopened.json.incident).toMatchObject({ status: 'investigating', resolvedAt: null, mitigatedAt: null, identifiedAt: null });

    expect((await patch(id, { status: 'closed' })).status).toBe(409);
    await patch(id, { status: 'resolved' });
    const closed = await patch(id, { status: 'closed' });
    expect(closed.json.incident.status).toBe('closed');
    inc = closed.json.incident;
    expect(inc.closedAt).not.toBeNull();
    expect(inc.allowedTransitions).toEqual([]);

    const events = await timeline(id, '?type=status');
    expect(events.map((e) => e.body)).toEqual([
      'Investigating → Identified: Queue consumer crashed',
      'Identified → Mitigated',
      'Mitigated → Resolved',
      'Reopened: It came back',
      'Investigating → Resolved',
      'Resolved → Closed',
    ]);
    expect(events[0].data).toEqual({ from: 'investigating', to: 'identified', reason: 'Queue consumer crashed' });

    const final = await patch(id, { status: 'investigating' });
    expect(final.status).toBe(409);
    expect(final.json.error).toBe('The incident is closed: it cannot change any more');
    const note = await call(m.events.POST, { method: 'POST', params: { id }, body: { type: 'note', body: 'late' }, as: 'responder' });
    expect(note.status).toBe(409);
  });

  it('of two concurrent identical status changes exactly one wins', async () => {
    const inc = (await declare({ title: 'Race', severity: 'P2' })).json.incident as Json;
    const [a, b] = await Promise.all([patch(inc.id, { status: 'identified' }), patch(inc.id, { status: 'identified' }, 'commander2')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await timeline(inc.id, '?type=status')).length).toBe(1);
  });

  it('a severity change needs a reason, is guarded and goes on the timeline; it restarts the clocks', async () => {
    const inc = (await declare({ title: 'Latency', severity: 'P3' })).json.incident as Json;
    const noReason = await patch(inc.id, { severity: 'P1' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.issues).toEqual([{ path: 'reason', message: 'a severity change needs a reason' }]);
    const blank = await patch(inc.id, { severity: 'P1', reason: '   ' });
    expect(blank.status).toBe(400);

    const [a, b] = await Promise.all([patch(inc.id, { severity: 'P1', reason: 'All requests fail now' }), patch(inc.id, { severity: 'P1', reason: 'Everything is down' }, 'commander2')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const won = (a.status === 200 ? a : b).json.incident as Json;
    expect(won.severity).toBe('P1');
    expect(Date.parse(won.severitySetAt)).toBeGreaterThan(Date.parse(inc.severitySetAt) - 1);
    expect(won.clocks.escalation).toMatchObject({ targetMinutes: 15, state: 'running' });
    const events = await timeline(inc.id, '?type=severity');
    expect(events).toHaveLength(1);
    expect(events[0].body).toMatch(/^Severity P3 → P1: (All requests fail now|Everything is down)$/);
    expect((await patch(inc.id, { severity: 'P2' }, 'responder')).status).toBe(403);
  });

  it('acknowledge: responder+, exactly one counts, stops the response clock', async () => {
    const inc = (await declare({ title: 'Ack me', severity: 'P2' })).json.incident as Json;
    expect((await call(m.ack.POST, { method: 'POST', params: { id: inc.id }, as: 'viewer' })).status).toBe(403);
    const [a, b] = await Promise.all([
      call(m.ack.POST, { method: 'POST', params: { id: inc.id }, as: 'responder' }),
      call(m.ack.POST, { method: 'POST', params: { id: inc.id }, as: 'responder2' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).json.error).toMatch(/^Already acknowledged by token:/);
    const got = (a.status === 200 ? a : b).json.incident as Json;
    expect(got.clocks.response.state).toBe('met');
    expect(got.clocks.response.stoppedAt).toBe(got.acknowledgedAt);
    expect(await timeline(inc.id, '?type=acknowledged')).toHaveLength(1);
    expect((await call(m.ack.POST, { method: 'POST', params: { id: randomUUID() }, as: 'responder' })).status).toBe(404);
  });
});

describe('roles', () => {
  it('hands over the commander, assigns comms lead and scribe, adds responders; each on the timeline', async () => {
    const inc = (await declare({ title: 'Roles', severity: 'P2' })).json.incident as Json;
    const id = inc.id as string;
    const roles = (body: Record<string, unknown>, as: As = 'commander') => call(m.roles.POST, { method: 'POST', params: { id }, body, as });

    const handover = await patch(id, { commanderId: users.commander2 });
    expect(handover.status).toBe(200);
    expect(handover.json.incident.roles.commander.id).toBe(users.commander2);
    // A responder cannot be made commander.
    const weak = await patch(id, { commanderId: users.responder }, 'commander2');
    expect(weak.status).toBe(400);
    expect(weak.json.issues[0]).toMatchObject({ path: 'commanderId' });

    expect((await roles({ role: 'communications', userId: users.responder })).status).toBe(200);
    expect((await roles({ role: 'scribe', userId: users.responder2 })).status).toBe(200);
    const same = await roles({ role: 'scribe', userId: users.responder2 });
    expect(same.status).toBe(409);
    // A responder may join themself, not others, and cannot take other roles.
    expect((await roles({ role: 'responder', userId: users.responder }, 'responder')).status).toBe(200);
    expect((await roles({ role: 'responder', userId: users.responder2 }, 'responder')).status).toBe(403);
    expect((await roles({ role: 'scribe', userId: users.responder }, 'responder')).status).toBe(403);
    expect((await roles({ role: 'responder', userId: users.responder }, 'responder')).status).toBe(409);
    const left = await roles({ role: 'responder', userId: users.responder, action: 'unassign' }, 'responder');
    expect(left.status).toBe(200);
    expect(left.json.incident.roles).toMatchObject({ communications: { id: users.responder }, scribe: { id: users.responder2 }, responders: [] });

    const bodies = (await timeline(id, '?type=role')).map((e) => e.body);
    expect(bodies).toEqual([
      `Commander: commander ${RUN} <commander-${RUN}@incidents.test> → commander2 ${RUN} <commander2-${RUN}@incidents.test>`,
      `Communications lead: responder ${RUN} <responder-${RUN}@incidents.test>`,
      `Scribe: responder2 ${RUN} <responder2-${RUN}@incidents.test>`,
      `responder ${RUN} <responder-${RUN}@incidents.test> joined as responder`,
      `responder ${RUN} <responder-${RUN}@incidents.test> left as responder`,
    ]);
    const people = await call(m.people.GET, { as: 'responder' });
    expect((people.json.people as Json[]).some((p) => p.id === users.viewer)).toBe(false);
    expect((people.json.people as Json[]).some((p) => p.id === users.commander2)).toBe(true);
  });
});

describe('timeline', () => {
  let id = '';
  let serviceId = '';
  let endpointId = '';
  beforeAll(async () => {
    ({ serviceId, endpointIds: [endpointId] } = await service('billing'));
    id = (await declare({ title: 'Billing errors', severity: 'P2', serviceIds: [serviceId] })).json.incident.id;
  });

  it('keeps all of 20 notes posted at once, oldest first; viewers cannot post', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(m.events.POST, { method: 'POST', params: { id }, body: { type: 'note', body: `note ${i}` }, as: i % 2 ? 'responder' : 'responder2' })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const notes = await timeline(id, '?type=note');
    expect(notes).toHaveLength(20);
    expect(new Set(notes.map((n) => n.body)).size).toBe(20);
    const times = notes.map((n) => Date.parse(n.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Object.keys(notes[0]).sort()).toEqual(['actor', 'at', 'body', 'correctedBy', 'correctsId', 'data', 'id', 'pinned', 'type']);
    expect((await call(m.events.POST, { method: 'POST', params: { id }, body: { type: 'note', body: 'x' }, as: 'viewer' })).status).toBe(403);
    expect((await call(m.events.POST, { method: 'POST', params: { id }, body: { type: 'declared', body: 'x' }, as: 'responder' })).status).toBe(400);
  });

  it('a status update keeps its template fields', async () => {
    const fields = { affected: 'Billing API', doing: 'Rolling back', nextUpdateMinutes: 30, workaround: null };
    const r = await call(m.events.POST, { method: 'POST', params: { id }, body: { type: 'update', body: 'Incident … Rolling back', fields } });
    expect(r.status).toBe(201);
    expect(r.json.event).toMatchObject({ type: 'update', data: { fields } });
  });

  it('pins, and corrects by appending: the original stays; only its author or a commander may correct', async () => {
    const [note] = await timeline(id, '?type=note');
    const pin = await call(m.event.PATCH, { method: 'PATCH', params: { id, eventId: note.id }, body: { pinned: true }, as: 'responder' });
    expect(pin.status).toBe(200);
    expect(pin.json.event.pinned).toBe(true);

    const author = note.actor.includes('responder2') ? 'responder2' : 'responder';
    const other: As = author === 'responder' ? 'responder2' : 'responder';
    expect((await call(m.event.PATCH, { method: 'PATCH', params: { id, eventId: note.id }, body: { correction: 'nope' }, as: other })).status).toBe(403);
    const fix = await call(m.event.PATCH, { method: 'PATCH', params: { id, eventId: note.id }, body: { correction: 'note 0, corrected' }, as: author });
    expect(fix.status).toBe(200);
    expect(fix.json.event).toMatchObject({ type: 'correction', body: 'note 0, corrected', correctsId: note.id });
    // Correcting the correction still points at the original.
    const again = await call(m.event.PATCH, { method: 'PATCH', params: { id, eventId: fix.json.event.id }, body: { correction: 'note 0, corrected twice' }, as: 'commander' });
    expect(again.json.event.correctsId).toBe(note.id);

    const all = await timeline(id);
    const original = all.find((e) => e.id === note.id)!;
    expect(original).toMatchObject({ body: note.body, pinned: true, correctedBy: [fix.json.event.id, again.json.event.id] });

    const declared = all.find((e) => e.type === 'declared')!;
    expect((await call(m.event.PATCH, { method: 'PATCH', params: { id, eventId: declared.id }, body: { correction: 'rewrite' } })).status).toBe(409);
    expect((await call(m.event.PATCH, { method: 'PATCH', params: { id, eventId: 'abc' }, body: { pinned: true } })).status).toBe(404);
    expect((await call(m.event.PATCH, { method: 'PATCH', params: { id, eventId: note.id }, body: { pinned: true, correction: 'x' } })).status).toBe(400);
  });

  it('the database refuses to delete or rewrite an event', async () => {
    const [note] = await timeline(id, '?type=note');
    await expect(pool().query('DELETE FROM incident_events WHERE id = $1', [note.id])).rejects.toThrow(/append-only/);
    await expect(pool().query(`UPDATE incident_events SET body = 'rewritten' WHERE id = $1`, [note.id])).rejects.toThrow(/append-only/);
    await expect(pool().query('UPDATE incident_events SET pinned = false WHERE id = $1', [note.id])).resolves.toBeTruthy();
  });

  it('alerts opening and resolving, and deploys, of a covered service appear by themselves', async () => {
    const opened = new Date();
    const a = await pool().query<{ id: string }>(
      `INSERT INTO alerts (id, service_id, endpoint_id, key, open_key, level, peak_level, message, opened_at)
       VALUES (gen_random_uuid(), $1, $2, 'endpoint_down', $3, 'critical', 'critical', 'health down: HTTP 503', $4) RETURNING id`,
      [serviceId, endpointId, `${endpointId}:endpoint_down`, opened],
    );
    await pool().query(`UPDATE alerts SET resolved_at = now(), open_key = NULL WHERE id = $1`, [a.rows[0].id]);
    await pool().query(`INSERT INTO change_events (id, service_id, environment, version, description, actor) VALUES (gen_random_uuid(), $1, 'test', '2.0.1', 'hotfix', 'ci')`, [serviceId]);
    const sys = await timeline(id, '?type=alert_opened,alert_resolved,deploy');
    expect(sys.map((e) => [e.type, e.actor, e.body])).toEqual([
      ['alert_opened', 'system', `critical alert opened on billing-${RUN} (test): health down: HTTP 503`],
      ['alert_resolved', 'system', `Alert resolved on billing-${RUN} (test): health down: HTTP 503`],
      ['deploy', 'system', `deploy 2.0.1 of billing-${RUN} (test) by ci: hotfix`],
    ]);
    expect(sys[0].data).toMatchObject({ alertId: a.rows[0].id, serviceId, level: 'critical' });
    expect(Date.parse(sys[0].at)).toBe(opened.getTime());
  });

  it('alerts already open and recent deploys are on the timeline of a new incident', async () => {
    const { serviceId: sid, endpointIds } = await service('mail');
    await pool().query(`INSERT INTO change_events (id, service_id, environment, version, actor, at) VALUES (gen_random_uuid(), $1, 'test', '9.9.9', 'ci', now() - interval '10 minutes')`, [sid]);
    await pool().query(
      `INSERT INTO alerts (id, service_id, endpoint_id, key, open_key, level, peak_level, message, opened_at)
       VALUES (gen_random_uuid(), $1, $2, 'kpi:errorRate', $3, 'warning', 'warning', 'Error rate 6 %', now() - interval '5 minutes')`,
      [sid, endpointIds[0], `${endpointIds[0]}:kpi:errorRate`],
    );
    const inc = (await declare({ title: 'Mail errors', severity: 'P2', serviceIds: [sid] })).json.incident as Json;
    expect((await timeline(inc.id)).map((e) => e.type)).toEqual(['deploy', 'alert_opened', 'declared']);
  });

  it('unknown incident → 404; bad type filter → 400', async () => {
    expect((await call(m.timeline.GET, { params: { id: randomUUID() } })).status).toBe(404);
    expect((await call(m.timeline.GET, { params: { id }, path: `/api/v1/incidents/${id}/timeline?type=gossip` })).status).toBe(400);
  });
});

describe('exports and lists', () => {
  it('exports Markdown and a JSONL evidence bundle with timeline, probe results in the window and audit entries', async () => {
    const { serviceId, endpointIds } = await service('exporter');
    const inc = (await declare({ title: 'Export me', severity: 'P1', serviceIds: [serviceId] })).json.incident as Json;
    await call(m.events.POST, { method: 'POST', params: { id: inc.id }, body: { type: 'note', body: 'Looking | at it' }, as: 'responder' });
    const inWindow = new Date(Date.parse(inc.declaredAt) - 60_000);
    const tooOld = new Date(Date.parse(inc.declaredAt) - 2 * 3600_000);
    for (const at of [inWindow, tooOld]) {
      await pool().query(`INSERT INTO probe_results (endpoint_id, service_id, kind, at, status, http_status, latency_ms) VALUES ($1, $2, 'health', $3, 'down', 503, 12)`, [endpointIds[0], serviceId, at]);
    }

    const md = await call(m.exportMd.GET, { as: 'viewer', params: { id: inc.id } });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.headers.get('content-disposition')).toBe(`attachment; filename="incident-${inc.number}.md"`);
    expect(md.text).toContain(`# Incident #${inc.number}: Export me`);
    expect(md.text).toContain('Looking \\| at it');

    const ev = await call(m.evidence.GET, { as: 'viewer', params: { id: inc.id } });
    expect(ev.status).toBe(200);
    expect(ev.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = ev.text.trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(lines[0]).toMatchObject({ type: 'incident', incident: { id: inc.id } });
    expect(lines.filter((l) => l.type === 'event').map((l) => l.event.type)).toEqual(['declared', 'note']);
    const results = lines.filter((l) => l.type === 'probe_result');
    expect(results.map((l) => l.result.at)).toEqual([inWindow.toISOString()]);
    expect(lines.filter((l) => l.type === 'audit').map((l) => l.entry.action)).toEqual(['incident.declare', 'incident.event.note']);
  });

  it('lists open incidents first, most severe first; filters by state; exposes them to the dashboard', async () => {
    const open = (await call(m.incidents.GET, { as: 'viewer', path: '/api/v1/incidents?state=open' })).json.incidents as Json[];
    expect(open.length).toBeGreaterThan(3);
    expect(open.every((i) => ['investigating', 'identified', 'mitigated'].includes(i.status))).toBe(true);
    const ranks = open.map((i) => Number(String(i.severity).slice(1)));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(Object.keys(open[0])).toEqual(expect.arrayContaining(['id', 'number', 'title', 'severity', 'status', 'clocks', 'services', 'commander']));

    const resolved = (await call(m.incidents.GET, { as: 'viewer', path: '/api/v1/incidents?state=resolved' })).json.incidents as Json[];
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((i) => ['resolved', 'closed'].includes(i.status))).toBe(true);
    const all = (await call(m.incidents.GET, { as: 'viewer', path: '/api/v1/incidents?state=all' })).json.incidents as Json[];
    expect(all.length).toBe(open.length + resolved.length);
    expect(all.findIndex((i) => i.status === 'closed')).toBeGreaterThan(all.findLastIndex((i) => i.status === 'investigating'));
    expect((await call(m.incidents.GET, { as: 'viewer', path: '/api/v1/incidents?state=maybe' })).status).toBe(400);

    const dash = await m.query.openIncidentsForDashboard();
    expect(dash.map((d) => d.id).sort()).toEqual(open.map((i) => i.id).sort());
    const withService = dash.find((d) => d.serviceIds.length > 0)!;
    expect(withService.serviceIds[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(withService).sort()).toEqual(['id', 'number', 'serviceIds', 'severity', 'status', 'title']);
  });
});
