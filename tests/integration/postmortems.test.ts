/**
 * Postmortems against a real PostgreSQL: drafted in the resolving transaction
 * from a real incident record (probe results before and during it, an alert,
 * acknowledgement, a reopen), measurements and impact, due dates, the review
 * states with their roles, comments, action items, overdue lists, the export,
 * and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { insertService } from './helpers/catalog';
import { callRoute, type Json, type RouteHandler } from './helpers/route-call';
import { closeIncidentsAndDropServices } from './helpers/cleanup';
import { createUserWithToken } from './helpers/users';

type Mods = {
  dbm: typeof import('@/lib/db/client');
  bd: typeof import('@/lib/postmortems/business-days');
  incidents: typeof import('@/app/api/v1/incidents/route');
  incident: typeof import('@/app/api/v1/incidents/[id]/route');
  ack: typeof import('@/app/api/v1/incidents/[id]/acknowledge/route');
  timeline: typeof import('@/app/api/v1/incidents/[id]/timeline/route');
  pmOfIncident: typeof import('@/app/api/v1/incidents/[id]/postmortem/route');
  list: typeof import('@/app/api/v1/postmortems/route');
  pm: typeof import('@/app/api/v1/postmortems/[id]/route');
  transitions: typeof import('@/app/api/v1/postmortems/[id]/transitions/route');
  comments: typeof import('@/app/api/v1/postmortems/[id]/comments/route');
  items: typeof import('@/app/api/v1/postmortems/[id]/action-items/route');
  item: typeof import('@/app/api/v1/action-items/[id]/route');
  allItems: typeof import('@/app/api/v1/action-items/route');
  exportMd: typeof import('@/app/api/v1/postmortems/[id]/export.md/route');
  analytics: typeof import('@/app/api/v1/analytics/route');
  analyticsCsv: typeof import('@/app/api/v1/analytics/[table]/route');
  runbooks: typeof import('@/app/api/v1/runbooks/route');
  checklists: typeof import('@/app/api/v1/checklists/route');
  step: typeof import('@/app/api/v1/checklists/[id]/steps/[stepId]/route');
};
let m: Mods;

type As = 'admin' | 'viewer' | 'responder' | 'commander';
const RUN = randomBytes(3).toString('hex');
const tokens: Partial<Record<As, string>> = {};
const users: Partial<Record<As, string>> = {};

async function call(handler: RouteHandler, opts: { method?: string; path?: string; body?: unknown; as?: As; params?: Record<string, string> } = {}) {
  const as = opts.as ?? 'commander';
  return callRoute(handler, { ...opts, path: opts.path ?? '/api/v1/postmortems', bearer: as === 'admin' ? process.env.ADMIN_API_KEY! : tokens[as]!, ip: '203.0.113.21' });
}
const pool = () => m.dbm.pool();
const declare = async (body: Record<string, unknown>) => {
  const r = await call(m.incidents.POST, { method: 'POST', body: { allowDuplicate: true, ...body } });
  expect(r.status, r.text).toBe(201);
  return r.json.incident as Json;
};
const patch = (id: string, body: Record<string, unknown>, as: As = 'commander') => call(m.incident.PATCH, { method: 'PATCH', params: { id }, body, as });
const getPm = (incidentId: string, as: As = 'viewer') => call(m.pmOfIncident.GET, { params: { id: incidentId }, as });
// One reference instant, so that the minutes below are exact whatever the test's speed.
const T0 = Date.now();
const minutesAgo = (n: number) => new Date(T0 - n * 60_000);

beforeAll(async () => {
  const env = await import('@/lib/config/env');
  env.resetEnvCache();
  m = {
    dbm: await import('@/lib/db/client'),
    bd: await import('@/lib/postmortems/business-days'),
    incidents: await import('@/app/api/v1/incidents/route'),
    incident: await import('@/app/api/v1/incidents/[id]/route'),
    ack: await import('@/app/api/v1/incidents/[id]/acknowledge/route'),
    timeline: await import('@/app/api/v1/incidents/[id]/timeline/route'),
    pmOfIncident: await import('@/app/api/v1/incidents/[id]/postmortem/route'),
    list: await import('@/app/api/v1/postmortems/route'),
    pm: await import('@/app/api/v1/postmortems/[id]/route'),
    transitions: await import('@/app/api/v1/postmortems/[id]/transitions/route'),
    comments: await import('@/app/api/v1/postmortems/[id]/comments/route'),
    items: await import('@/app/api/v1/postmortems/[id]/action-items/route'),
    item: await import('@/app/api/v1/action-items/[id]/route'),
    allItems: await import('@/app/api/v1/action-items/route'),
    exportMd: await import('@/app/api/v1/postmortems/[id]/export.md/route'),
    analytics: await import('@/app/api/v1/analytics/route'),
    analyticsCsv: await import('@/app/api/v1/analytics/[table]/route'),
    runbooks: await import('@/app/api/v1/runbooks/route'),
    checklists: await import('@/app/api/v1/checklists/route'),
    step: await import('@/app/api/v1/checklists/[id]/steps/[stepId]/route'),
  };
  for (const role of ['viewer', 'responder', 'commander'] as const) {
    const u = await createUserWithToken(role, `${role}-${RUN}@postmortems.test`, `${role} ${RUN}`);
    tokens[role] = u.token;
    users[role] = u.userId;
  }
});

afterAll(async () => {
  if (m) await closeIncidentsAndDropServices(pool(), RUN);
  await m?.dbm.disconnectDb();
});

describe('the checklists run during the incident', () => {
  it('are in the draft: counted against their version, with the decision taken, and in the Markdown', async () => {
    const slug = `pm-rollback-${RUN}`;
    const created = await call(m.runbooks.POST, {
      method: 'POST',
      body: {
        slug,
        title: `Roll back ${RUN}`,
        steps: [
          { key: 'look', type: 'manual', title: 'Find the last good version' },
          { key: 'scope', type: 'decision', title: 'How far does it go?', branches: [{ key: 'component', label: 'Component only' }, { key: 'app', label: 'App only' }] },
          { key: 'comp', type: 'manual', title: 'Roll back the component', when: { step: 'scope', is: ['component'] } },
          { key: 'app', type: 'manual', title: 'Redeploy the previous app', when: { step: 'scope', is: ['app'] } },
          { key: 'tell', type: 'manual', title: 'Tell the team' },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    const inc = await declare({ title: `Bad release ${RUN}`, severity: 'P1' });
    const run = await call(m.checklists.POST, { method: 'POST', body: { runbookId: slug, incidentId: inc.id }, as: 'responder' });
    expect(run.status, run.text).toBe(201);
    const runId = run.json.run.id as string;
    const step = (stepId: string, body: Json) => call(m.step.PATCH, { method: 'PATCH', params: { id: runId, stepId }, body, as: 'responder' });
    expect((await step('look', { state: 'done' })).status).toBe(200);
    expect((await step('scope', { state: 'done', branch: 'app', note: 'no migration in the release' })).status).toBe(200);
    expect((await step('app', { state: 'done' })).status).toBe(200);
    expect((await step('tell', { state: 'skipped', note: 'the channel already knew' })).status).toBe(200);

    expect((await patch(inc.id as string, { status: 'resolved' })).status).toBe(200);
    const pm = (await getPm(inc.id as string)).json.postmortem as Json;
    expect((pm.draft as Json).checklists).toEqual([
      expect.objectContaining({ runId, runbookTitle: `Roll back ${RUN}`, version: 1, done: 3, skipped: 1, failed: 0, total: 4, notApplicable: 1, decisions: ['How far does it go? → App only'] }),
    ]);
    const md = await call(m.exportMd.GET, { params: { id: pm.id as string }, as: 'viewer' });
    expect(md.text).toContain(`Roll back ${RUN} (v1): 3/4 done, 1 skipped, 0 failed`);
    expect(md.text).toContain('decision: How far does it go? → App only');
  });
});

describe('drafting from a real incident record', () => {
  let incidentId: string;
  let pmId: string;
  let resolvedAt: string;

  it('resolving a P1 drafts the postmortem in the same transaction, measured from probes, alert and stamps', async () => {
    const svc = await insertService(pool(), {
      name: `checkout-${RUN}`,
      endpoints: [
        { kind: 'health', url: 'http://checkout.test/health', dueInMs: 3600_000 },
        { kind: 'metrics', url: 'http://checkout.test/metrics', dueInMs: 3600_000 },
      ],
    });
    const [health, metrics] = svc.endpointIds;
    const inc = await declare({ title: `Checkout down ${RUN}`, severity: 'P1', serviceIds: [svc.serviceId] });
    incidentId = inc.id as string;
    expect((await getPm(incidentId)).status).toBe(404);
    expect((await call(m.ack.POST, { method: 'POST', params: { id: incidentId }, as: 'responder' })).status).toBe(200);
    // Move the record an hour back, as if declared 60 min ago and acknowledged 5 min later.
    await pool().query(`UPDATE incidents SET declared_at = $2, severity_set_at = $2, acknowledged_at = $3 WHERE id = $1`, [incidentId, minutesAgo(60), minutesAgo(55)]);
    // Probe history: fine until 70 min ago, then down (errors 40 %) until 20 min ago, up from 19 min ago.
    const rows: [string, string, Date, string, object | null][] = [
      [health, 'health', minutesAgo(90), 'up', null],
      [metrics, 'metrics', minutesAgo(90), 'up', { kpis: { errorRate: 0 } }],
    ];
    for (let k = 70; k >= 20; k--) {
      rows.push([health, 'health', minutesAgo(k), 'down', null]);
      rows.push([metrics, 'metrics', minutesAgo(k), 'degraded', { kpis: { errorRate: 40 } }]);
    }
    rows.push([health, 'health', minutesAgo(19), 'up', null], [metrics, 'metrics', minutesAgo(19), 'up', { kpis: { errorRate: 0 } }]);
    for (const [endpointId, kind, at, status, summary] of rows) {
      await pool().query(`INSERT INTO probe_results (endpoint_id, service_id, kind, at, status, summary) VALUES ($1, $2, $3, $4, $5, $6)`, [endpointId, svc.serviceId, kind, at, status, summary ? JSON.stringify(summary) : null]);
    }
    await pool().query(
      `INSERT INTO alerts (id, service_id, endpoint_id, key, level, peak_level, message, opened_at, resolved_at) VALUES (gen_random_uuid(), $1, $2, 'endpoint_down', 'critical', 'critical', 'down', $3, $4)`,
      [svc.serviceId, health, minutesAgo(68), minutesAgo(19)],
    );

    expect((await patch(incidentId, { status: 'mitigated' })).status).toBe(200);
    await pool().query(`UPDATE incidents SET mitigated_at = $2 WHERE id = $1`, [incidentId, minutesAgo(19)]);
    const r = await patch(incidentId, { status: 'resolved' });
    expect(r.status, r.text).toBe(200);
    resolvedAt = r.json.incident.resolvedAt as string;

    const got = await getPm(incidentId);
    expect(got.status, got.text).toBe(200);
    const pm = got.json.postmortem as Json;
    pmId = pm.id as string;
    expect(pm.status).toBe('draft');
    expect(pm.dueAt).toBe(m.bd.addBusinessDays(resolvedAt, 5).toISOString());
    const mt = pm.metrics as Json;
    expect(mt.timeToDetectSeconds).toBe(600); // first failure 70 min ago → declared 60 min ago
    expect(mt.detectedBy).toBe('probe');
    expect(mt.timeToAcknowledgeSeconds).toBe(300);
    expect(mt.timeToMitigateSeconds).toBe(41 * 60);
    expect(Math.abs((mt.timeToResolveSeconds as number) - 3600)).toBeLessThan(60);
    expect(mt.reopened).toBe(false);

    const impact = (pm.draft as Json).impact as Json[];
    expect(impact).toHaveLength(1);
    expect(impact[0]).toMatchObject({ serviceId: svc.serviceId, errorRateMax: 40, failedChecks: 51 });
    expect(impact[0].downtimeSeconds).toBe(51 * 60); // down 70 → 19 min ago
    expect(impact[0].checks).toBe(104);
    expect(impact[0].errorRateAvg).toBeCloseTo((51 * 40) / 52, 1);
    expect((pm.draft as Json).checklists).toEqual([]);
    const keyTypes = ((pm.draft as Json).keyEvents as Json[]).map((e) => e.type);
    expect(keyTypes).toEqual(expect.arrayContaining(['declared', 'acknowledged', 'status']));

    const events = (await call(m.timeline.GET, { params: { id: incidentId }, as: 'viewer' })).json.events as Json[];
    const drafted = events.filter((e) => e.type === 'postmortem');
    expect(drafted).toHaveLength(1);
    expect(drafted[0].body).toMatch(/Postmortem drafted \(required for P1\), due/);
    const audit = await pool().query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [pmId]);
    expect(audit.rows.map((a) => a.action)).toEqual(['postmortem.create']);
  });

  it('reopened and resolved again: the draft is re-measured to the final resolution and says reopened; still one postmortem', async () => {
    expect((await patch(incidentId, { status: 'investigating', reason: 'errors came back' })).status).toBe(200);
    const again = await patch(incidentId, { status: 'resolved' });
    expect(again.status).toBe(200);
    const pm = (await getPm(incidentId)).json.postmortem as Json;
    expect(pm.id).toBe(pmId);
    expect(pm.metrics).toMatchObject({ reopened: true, reopenCount: 1, timeToDetectSeconds: 600 });
    expect(pm.dueAt).toBe(m.bd.addBusinessDays(again.json.incident.resolvedAt as string, 5).toISOString());
    expect((await pool().query(`SELECT count(*)::int AS n FROM postmortems WHERE incident_id = $1`, [incidentId])).rows[0].n).toBe(1);
  });

  it('sections: responders write them, only the ones sent change, viewers cannot, bad input is 400', async () => {
    const w = await call(m.pm.PATCH, { method: 'PATCH', params: { id: pmId }, as: 'responder', body: { sections: { rootCause: 'A pool limit of 10 under a 5× spike.' } } });
    expect(w.status, w.text).toBe(200);
    const w2 = await call(m.pm.PATCH, { method: 'PATCH', params: { id: pmId }, as: 'responder', body: { sections: { lessons: 'Alert on pool saturation.' } } });
    expect(w2.json.postmortem.sections).toMatchObject({ rootCause: 'A pool limit of 10 under a 5× spike.', lessons: 'Alert on pool saturation.' });
    expect((await call(m.pm.PATCH, { method: 'PATCH', params: { id: pmId }, as: 'viewer', body: { sections: { lessons: 'x' } } })).status).toBe(403);
    const bad = await call(m.pm.PATCH, { method: 'PATCH', params: { id: pmId }, as: 'responder', body: { sections: { blame: 'Bob' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues.length).toBeGreaterThan(0);
    expect((await call(m.pm.PATCH, { method: 'PATCH', params: { id: pmId }, as: 'responder', body: { sections: {} } })).status).toBe(400);
    // Two writers of one section: the one who started from an older text is refused, and nothing is written.
    const stale = await call(m.pm.PATCH, { method: 'PATCH', params: { id: pmId }, as: 'commander', body: { sections: { lessons: 'Mine' }, base: { lessons: '' } } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatch(/Someone else saved lessons/);
    const fresh = await call(m.pm.PATCH, { method: 'PATCH', params: { id: pmId }, as: 'commander', body: { sections: { lessons: 'Alert on pool saturation. Cap retries.' }, base: { lessons: 'Alert on pool saturation.' } } });
    expect(fresh.status).toBe(200);
    expect(fresh.json.postmortem.sections.lessons).toBe('Alert on pool saturation. Cap retries.');
  });

  it('comments per section; action items with owner, due date, status and link', async () => {
    const c = await call(m.comments.POST, { method: 'POST', params: { id: pmId }, as: 'responder', body: { section: 'rootCause', body: 'Which pool: the API or the worker?' } });
    expect(c.status, c.text).toBe(201);
    expect((await call(m.comments.POST, { method: 'POST', params: { id: pmId }, as: 'responder', body: { section: 'nope', body: 'x' } })).status).toBe(400);

    const a = await call(m.items.POST, { method: 'POST', params: { id: pmId }, as: 'responder', body: { title: 'Raise the pool limit', ownerId: users.responder, dueDate: '2020-01-10', link: 'https://tracker.test/OPS-1' } });
    expect(a.status, a.text).toBe(201);
    expect(a.json.actionItem).toMatchObject({ title: 'Raise the pool limit', dueDate: '2020-01-10', status: 'open', overdue: true, owner: { id: users.responder } });
    const b = await call(m.items.POST, { method: 'POST', params: { id: pmId }, as: 'responder', body: { title: 'Saturation alert', dueDate: '2999-01-01' } });
    expect(b.json.actionItem.overdue).toBe(false);
    const invalid = await call(m.items.POST, { method: 'POST', params: { id: pmId }, as: 'responder', body: { title: '', dueDate: '2026-02-30', link: 'ftp://x' } });
    expect(invalid.status).toBe(400);
    expect((invalid.json.issues as Json[]).map((i) => i.path).sort()).toEqual(['dueDate', 'link', 'title']);
    expect((await call(m.items.POST, { method: 'POST', params: { id: pmId }, as: 'responder', body: { title: 'x', ownerId: '00000000-0000-4000-8000-000000000000' } })).status).toBe(400);

    const overdue = (await call(m.allItems.GET, { as: 'viewer', path: '/api/v1/action-items?overdue=true' })).json.actionItems as Json[];
    expect(overdue.map((i) => i.id)).toContain(a.json.actionItem.id);
    expect(overdue.map((i) => i.id)).not.toContain(b.json.actionItem.id);
    const openOnes = (await call(m.allItems.GET, { as: 'viewer', path: '/api/v1/action-items?open=true' })).json.actionItems as Json[];
    expect(openOnes.map((i) => i.id)).toEqual(expect.arrayContaining([a.json.actionItem.id, b.json.actionItem.id]));

    const done = await call(m.item.PATCH, { method: 'PATCH', params: { id: a.json.actionItem.id as string }, as: 'responder', body: { status: 'done' } });
    expect(done.status).toBe(200);
    expect(done.json.actionItem.closedAt).not.toBeNull();
    expect(done.json.actionItem.overdue).toBe(false);
    const reopened = await call(m.item.PATCH, { method: 'PATCH', params: { id: a.json.actionItem.id as string }, as: 'responder', body: { status: 'in_progress' } });
    expect(reopened.json.actionItem.closedAt).toBeNull();
    expect((await call(m.item.DELETE, { method: 'DELETE', params: { id: b.json.actionItem.id as string }, as: 'responder' })).status).toBe(200);
    expect((await call(m.item.GET, { params: { id: b.json.actionItem.id as string }, as: 'viewer' })).status).toBe(404);
  });

  it('review: commanders submit, admin approves (recorded); approved locks the sections; reopen unlocks', async () => {
    const byResponder = await call(m.transitions.POST, { method: 'POST', params: { id: pmId }, as: 'responder', body: { action: 'submit' } });
    expect(byResponder.status).toBe(403);
    expect((await call(m.transitions.POST, { method: 'POST', params: { id: pmId }, body: { action: 'approve' } })).status).toBe(409);
    const sub = await call(m.transitions.POST, { method: 'POST', params: { id: pmId }, body: { action: 'submit' } });
    expect(sub.status, sub.text).toBe(200);
    expect(sub.json.postmortem).toMatchObject({ status: 'in_review', submittedBy: expect.stringContaining('commander') });
    const [x, y] = await Promise.all([
      call(m.transitions.POST, { method: 'POST', params: { id: pmId }, as: 'admin', body: { action: 'approve' } }),
      call(m.transitions.POST, { method: 'POST', params: { id: pmId }, as: 'commander', body: { action: 'approve' } }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const approved = (await call(m.pm.GET, { params: { id: pmId }, as: 'viewer' })).json.postmortem as Json;
    expect(approved.status).toBe('approved');
    expect(approved.approvedBy).toBeTruthy();
    expect(approved.approvedAt).toBeTruthy();
    expect((await call(m.pm.PATCH, { method: 'PATCH', params: { id: pmId }, as: 'responder', body: { sections: { lessons: 'late edit' } } })).status).toBe(409);
    // Action items still move after approval: they are tracked, not written.
    const items = approved.actionItems as Json[];
    expect((await call(m.item.PATCH, { method: 'PATCH', params: { id: items[0].id as string }, as: 'responder', body: { status: 'done' } })).status).toBe(200);

    const re = await call(m.transitions.POST, { method: 'POST', params: { id: pmId }, body: { action: 'reopen', note: 'one more factor' } });
    expect(re.json.postmortem).toMatchObject({ status: 'draft', approvedAt: null });
    const events = (await call(m.timeline.GET, { params: { id: incidentId }, as: 'viewer' })).json.events as Json[];
    expect(events.filter((e) => e.type === 'postmortem').map((e) => e.data.action)).toEqual(['drafted', 'redrafted', 'submit', 'approve', 'reopen']);
    const audit = await pool().query(`SELECT action FROM audit_log WHERE target_type = 'postmortem' AND target_id = $1 ORDER BY id`, [pmId]);
    expect(audit.rows.map((a) => a.action)).toEqual(['postmortem.create', 'postmortem.redraft', 'postmortem.sections', 'postmortem.sections', 'postmortem.sections', 'postmortem.comment', 'postmortem.submit', 'postmortem.approve', 'postmortem.reopen']);
  });

  it('exports Markdown with the measurements, sections, action items and "No checklists were run"', async () => {
    const r = await call(m.exportMd.GET, { params: { id: pmId }, as: 'viewer' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(r.text).toContain('| Time to detect | 10 min |');
    expect(r.text).toContain('| Time to acknowledge | 5 min |');
    expect(r.text).toContain('A pool limit of 10 under a 5× spike.');
    expect(r.text).toContain('Raise the pool limit');
    expect(r.text).toContain('No checklists were run.');
    expect(r.text).toContain('reopened 1×');
  });

  it('lists postmortems with the overdue filter', async () => {
    await pool().query(`UPDATE postmortems SET due_at = now() - interval '1 day' WHERE id = $1`, [pmId]);
    const all = (await call(m.list.GET, { as: 'viewer', path: '/api/v1/postmortems' })).json.postmortems as Json[];
    const mine = all.find((p) => p.id === pmId)!;
    expect(mine).toMatchObject({ status: 'draft', overdue: true, incident: { id: incidentId, severity: 'P1' } });
    expect(mine.actionItems).toMatchObject({ total: 1, open: 0 });
    const overdue = (await call(m.list.GET, { as: 'viewer', path: '/api/v1/postmortems?overdue=true' })).json.postmortems as Json[];
    expect(overdue.every((p) => p.overdue)).toBe(true);
    expect(overdue.map((p) => p.id)).toContain(pmId);
    expect((await call(m.list.GET, { as: 'viewer', path: '/api/v1/postmortems?overdue=maybe' })).status).toBe(400);
  });
});

describe('concurrency', () => {
  it('two resolves at once: one wins, one postmortem, one "drafted" event; two manual creates: one 201, one 200', async () => {
    const inc = await declare({ title: `Race ${RUN}`, severity: 'P1' });
    const id = inc.id as string;
    const [a, b] = await Promise.all([patch(id, { status: 'resolved' }), patch(id, { status: 'resolved' }, 'admin')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await pool().query(`SELECT count(*)::int AS n FROM postmortems WHERE incident_id = $1`, [id])).rows[0].n).toBe(1);
    const events = (await call(m.timeline.GET, { params: { id }, as: 'viewer' })).json.events as Json[];
    expect(events.filter((e) => e.type === 'postmortem')).toHaveLength(1);

    const p2 = await declare({ title: `Race manual ${RUN}`, severity: 'P3' });
    expect((await patch(p2.id as string, { status: 'resolved' })).status).toBe(200);
    const [x, y] = await Promise.all([
      call(m.pmOfIncident.POST, { method: 'POST', params: { id: p2.id as string } }),
      call(m.pmOfIncident.POST, { method: 'POST', params: { id: p2.id as string }, as: 'admin' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    expect(x.json.postmortem.id).toBe(y.json.postmortem.id);
  });
});

describe('when a postmortem is not required', () => {
  it('a resolved P2 gets none automatically, never acknowledged; a commander creates one by hand (idempotent)', async () => {
    const inc = await declare({ title: `Slow search ${RUN}`, severity: 'P2' });
    const id = inc.id as string;
    expect((await call(m.pmOfIncident.POST, { method: 'POST', params: { id } })).status).toBe(409); // not resolved yet
    expect((await patch(id, { status: 'resolved' })).status).toBe(200);
    expect((await getPm(id)).status).toBe(404);
    expect((await call(m.pmOfIncident.POST, { method: 'POST', params: { id }, as: 'responder' })).status).toBe(403);
    const c = await call(m.pmOfIncident.POST, { method: 'POST', params: { id } });
    expect(c.status, c.text).toBe(201);
    expect(c.json.postmortem.metrics).toMatchObject({ timeToAcknowledgeSeconds: null, timeToDetectSeconds: null, reopened: false });
    const again = await call(m.pmOfIncident.POST, { method: 'POST', params: { id } });
    expect(again.status).toBe(200);
    expect(again.json.postmortem.id).toBe(c.json.postmortem.id);
  });

  it('an old incident whose raw results have aged out is measured from the minute rollups', async () => {
    const svc = await insertService(pool(), { name: `old-${RUN}`, endpoints: [{ kind: 'metrics', url: 'http://old.test/metrics', dueInMs: 3600_000 }] });
    const inc = await declare({ title: `Old outage ${RUN}`, severity: 'P3', serviceIds: [svc.serviceId] });
    const id = inc.id as string;
    expect((await patch(id, { status: 'resolved' })).status).toBe(200);
    const declaredAt = new Date(Date.UTC(2026, 0, 5, 10, 0)); // long before the raw retention
    await pool().query(`UPDATE incidents SET declared_at = $2, severity_set_at = $2, mitigated_at = $3, resolved_at = $3 WHERE id = $1`, [id, declaredAt, new Date(declaredAt.getTime() + 10 * 60_000)]);
    // Ten minutes: 4 fully failing, 2 half failing, error rate reported.
    for (let k = 0; k < 10; k++) {
      const failures = k < 4 ? 2 : k < 6 ? 1 : 0;
      await pool().query(
        `INSERT INTO probe_rollups_minute (endpoint_id, service_id, bucket, count, failures, degraded, kpis) VALUES ($1, $2, $3, 2, $4, 0, $5)`,
        [svc.endpointIds[0], svc.serviceId, new Date(declaredAt.getTime() + k * 60_000), failures, JSON.stringify({ errorRate: { avg: failures * 30, max: failures * 45 } })],
      );
    }
    const c = await call(m.pmOfIncident.POST, { method: 'POST', params: { id } });
    expect(c.status, c.text).toBe(201);
    const impact = (c.json.postmortem.draft as Json).impact[0] as Json;
    expect(impact).toMatchObject({ source: 'rollups', checks: 20, failedChecks: 10, downtimeSeconds: 5 * 60, availabilityPercent: 50, errorRateMax: 90 });
    expect(impact.errorRateAvg).toBeCloseTo(30, 5);
  });

  it('unknown ids are 404, not 500', async () => {
    expect((await getPm('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await getPm('not-a-uuid')).status).toBe(404);
    expect((await call(m.pm.GET, { params: { id: '00000000-0000-4000-8000-000000000000' }, as: 'viewer' })).status).toBe(404);
  });
});

describe('analytics', () => {
  it('counts this month\'s incidents by severity, measures response and availability, and serves CSV', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const get = async () => (await call(m.analytics.GET, { as: 'viewer', path: '/api/v1/analytics?months=3&target=99.5' })).json.analytics as Json;
    const before = await get();
    expect(before.months).toHaveLength(3);
    expect(before.targetPercent).toBe(99.5);
    const row = (a: Json) => (a.incidentsByMonth as Json[]).find((r) => r.month === month)!;
    await declare({ title: `Analytics P1 ${RUN}`, severity: 'P1' });
    const after = await get();
    expect(row(after).P1).toBe(row(before).P1 + 1);
    expect(row(after).total).toBe(row(before).total + 1);
    const trend = (after.responseTrend as Json[]).find((r) => r.month === month)!;
    expect(trend.detected).toBeGreaterThanOrEqual(1); // the drafted P1 above measured 10 min to detect
    const checkout = (after.availability as Json[]).find((r) => r.service === `checkout-${RUN}`)!;
    expect(checkout).toMatchObject({ checks: 106, failedChecks: 51, targetPercent: 99.5, met: false }) // every result of the last 30 days;
    expect(checkout.budgetRemainingPercent).toBeLessThan(0);

    const csv = await call(m.analyticsCsv.GET, { as: 'viewer', params: { table: 'incidents-by-month.csv' }, path: '/api/v1/analytics/incidents-by-month.csv?months=3' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Month,P1,P2,P3,Total');
    expect(lines).toHaveLength(4);
    expect((await call(m.analyticsCsv.GET, { as: 'viewer', params: { table: 'nope.csv' }, path: '/api/v1/analytics/nope.csv' })).status).toBe(404);
    const bad = await call(m.analytics.GET, { as: 'viewer', path: '/api/v1/analytics?target=120' });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0].path).toBe('target');
  });
});
