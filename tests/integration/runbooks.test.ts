/**
 * Runbooks against a real PostgreSQL: seeding built-ins (idempotent, a new
 * version only when a file changes), authoring and versioning (a run keeps its
 * version), import/export round trips and refusals with line numbers,
 * concurrent step changes, and auto-verification from real probe results of a
 * fake target polled by the real poller, onto the incident's timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startFakeTarget, type FakeTarget } from '../fake-targets/server';
import { insertService, waitFor } from './helpers/catalog';
import { closeIncidentsAndDropServices } from './helpers/cleanup';
import { callRoute, type Json, type RouteHandler } from './helpers/route-call';
import { createUserWithToken } from './helpers/users';

type Mods = {
  dbm: typeof import('@/lib/db/client');
  builtin: typeof import('@/lib/runbooks/builtin');
  runs: typeof import('@/lib/runbooks/runs');
  poller: typeof import('@/lib/scheduler/poller');
  runbooks: typeof import('@/app/api/v1/runbooks/route');
  runbook: typeof import('@/app/api/v1/runbooks/[slug]/route');
  exportR: typeof import('@/app/api/v1/runbooks/[slug]/export/route');
  importR: typeof import('@/app/api/v1/runbooks/import/route');
  schedules: typeof import('@/app/api/v1/runbooks/schedules/route');
  checklists: typeof import('@/app/api/v1/checklists/route');
  checklist: typeof import('@/app/api/v1/checklists/[id]/route');
  step: typeof import('@/app/api/v1/checklists/[id]/steps/[stepId]/route');
  incidents: typeof import('@/app/api/v1/incidents/route');
  incidentRunbooks: typeof import('@/app/api/v1/incidents/[id]/runbooks/route');
  timeline: typeof import('@/app/api/v1/incidents/[id]/timeline/route');
};
let m: Mods;

type As = 'viewer' | 'responder' | 'responder2' | 'commander';
const RUN = randomBytes(3).toString('hex');
const tokens: Partial<Record<As, string>> = {};
const FIXTURES = path.resolve('tests/fixtures/runbooks');

let pool: pg.Pool;
let target: FakeTarget;
let poller: InstanceType<Mods['poller']['Poller']> | undefined;

const call = (handler: RouteHandler, opts: { method?: string; path?: string; body?: unknown; as?: As; params?: Record<string, string> } = {}) =>
  callRoute(handler, { ...opts, bearer: tokens[opts.as ?? 'commander']!, ip: '203.0.113.21' });
const patchStep = (id: string, stepId: string, body: Json, as: As = 'responder') => call(m.step.PATCH, { method: 'PATCH', params: { id, stepId }, body, as });
const getRun = async (id: string) => (await call(m.checklist.GET, { params: { id }, as: 'viewer' })).json.run as Json;
const stepOf = (run: Json, key: string) => (run.steps as Json[]).find((s) => s.key === key)!;

function definition(slug: string, extra: Json = {}): Json {
  return {
    slug,
    title: `Drain a node ${slug}`,
    guardrails: ['Do not drain two nodes at once.'],
    steps: [
      { key: 'cordon', type: 'command', title: 'Cordon the node', command: 'kubectl cordon $NODE' },
      { key: 'wait', type: 'manual', title: 'Wait for pods to move' },
    ],
    ...extra,
  };
}

beforeAll(async () => {
  const env = await import('@/lib/config/env');
  env.resetEnvCache();
  m = {
    dbm: await import('@/lib/db/client'),
    builtin: await import('@/lib/runbooks/builtin'),
    runs: await import('@/lib/runbooks/runs'),
    poller: await import('@/lib/scheduler/poller'),
    runbooks: await import('@/app/api/v1/runbooks/route'),
    runbook: await import('@/app/api/v1/runbooks/[slug]/route'),
    exportR: await import('@/app/api/v1/runbooks/[slug]/export/route'),
    importR: await import('@/app/api/v1/runbooks/import/route'),
    schedules: await import('@/app/api/v1/runbooks/schedules/route'),
    checklists: await import('@/app/api/v1/checklists/route'),
    checklist: await import('@/app/api/v1/checklists/[id]/route'),
    step: await import('@/app/api/v1/checklists/[id]/steps/[stepId]/route'),
    incidents: await import('@/app/api/v1/incidents/route'),
    incidentRunbooks: await import('@/app/api/v1/incidents/[id]/runbooks/route'),
    timeline: await import('@/app/api/v1/incidents/[id]/timeline/route'),
  };
  for (const [as, role] of [['viewer', 'viewer'], ['responder', 'responder'], ['responder2', 'responder'], ['commander', 'commander']] as const) {
    tokens[as] = (await createUserWithToken(role, `${as}-${RUN}@runbooks.test`, `${as} ${RUN}`)).token;
  }
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  target = await startFakeTarget({ modes: { '/ready': 'down' } });
});

afterAll(async () => {
  await poller?.stop();
  if (m) await closeIncidentsAndDropServices(m.dbm.pool(), RUN);
  await pool?.end();
  await target?.close();
  await m?.dbm.disconnectDb();
});

describe('built-in runbooks', () => {
  it('seeds once, then only a changed file makes a new version; console edits survive an unchanged file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rb-builtin-'));
    try {
      await copyFile(path.join(FIXTURES, 'restart-check.yaml'), path.join(dir, 'restart-check.yaml'));
      await writeFile(path.join(dir, 'broken.yaml'), 'slug: broken\ntitle: Broken\nsteps:\n  - key: a\n    type: verify\n    title: A\n');
      const first = await m.builtin.seedBuiltinRunbooks(dir);
      expect(first.created).toEqual(['restart-check']);
      expect(first.invalid).toEqual([{ file: 'broken.yaml', errors: ['line 4: steps.0.verify: A verification step needs verify.kind and verify.condition'] }]);
      const again = await m.builtin.seedBuiltinRunbooks(dir);
      expect(again).toMatchObject({ created: [], updated: [], unchanged: 1 });

      // A commander edits the built-in in the console: version 2.
      const cur = (await call(m.runbook.GET, { params: { slug: 'restart-check' }, as: 'viewer' })).json.runbook as Json;
      expect(cur).toMatchObject({ builtin: true, version: 1 });
      const { id: _i, version: _v, builtin: _b, updatedAt: _u, shownVersion: _s, currentVersion: _c, versions: _vs, ...def } = cur;
      const edited = await call(m.runbook.PUT, { method: 'PUT', params: { slug: 'restart-check' }, body: { ...def, summary: 'Edited in the console.' } });
      expect(edited.json).toMatchObject({ changed: true, runbook: { version: 2, summary: 'Edited in the console.' } });
      expect((await m.builtin.seedBuiltinRunbooks(dir)).unchanged).toBe(1);
      expect((await call(m.runbook.GET, { params: { slug: 'restart-check' }, as: 'viewer' })).json.runbook.version).toBe(2);

      // The file moves on: version 3 from the file.
      const text = await readFile(path.join(dir, 'restart-check.yaml'), 'utf8');
      await writeFile(path.join(dir, 'restart-check.yaml'), text.replace('A small runbook for the integration tests.', 'A changed summary.'));
      expect((await m.builtin.seedBuiltinRunbooks(dir)).updated).toEqual(['restart-check']);
      const after = (await call(m.runbook.GET, { params: { slug: 'restart-check' }, as: 'viewer' })).json.runbook as Json;
      expect(after).toMatchObject({ version: 3, summary: 'A changed summary.' });
      expect((after.versions as Json[]).map((v) => v.version)).toEqual([3, 2, 1]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the shipped files seed cleanly and the list answers the public shape', async () => {
    const r = await m.builtin.seedBuiltinRunbooks();
    expect(r.invalid).toEqual([]);
    const list = await call(m.runbooks.GET, { as: 'viewer' });
    expect(list.status).toBe(200);
    const rollback = (list.json.runbooks as Json[]).find((x) => x.slug === 'rollback')!;
    expect(Object.keys(rollback)).toEqual(expect.arrayContaining(['id', 'slug', 'title', 'version', 'steps']));
    expect((rollback.steps as Json[]).length).toBeGreaterThan(3);
    const found = await call(m.runbooks.GET, { as: 'viewer', path: '/api/v1/runbooks?q=roll%20back' });
    expect((found.json.runbooks as Json[]).map((x) => x.slug)).toContain('rollback');
  });
});

describe('authoring and versions', () => {
  it('is for commanders, validated per field, and a run keeps the version it started with', async () => {
    const slug = `drain-${RUN}`;
    expect((await call(m.runbooks.POST, { method: 'POST', body: definition(slug), as: 'responder' })).status).toBe(403);
    const bad = await call(m.runbooks.POST, { method: 'POST', body: definition(slug, { steps: [{ key: 'Bad Key', type: 'command', title: '' }] }) });
    expect(bad.status).toBe(400);
    const paths = (bad.json.issues as Json[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['steps.0.key', 'steps.0.title', 'steps.0.command']));

    const created = await call(m.runbooks.POST, { method: 'POST', body: definition(slug) });
    expect(created.status).toBe(201);
    expect(created.json.runbook).toMatchObject({ slug, version: 1 });
    expect((await call(m.runbooks.POST, { method: 'POST', body: definition(slug) })).status).toBe(409);

    const run = await call(m.checklists.POST, { method: 'POST', body: { runbookId: created.json.runbook.id }, as: 'responder' });
    expect(run.status).toBe(201);
    expect((run.json.run.steps as Json[]).map((s) => s.key)).toEqual(['cordon', 'wait']);

    const v2 = definition(slug, { steps: [{ key: 'cordon', type: 'command', title: 'Cordon the node', command: 'kubectl cordon $NODE' }, { key: 'drain', type: 'command', title: 'Drain it', command: 'kubectl drain $NODE' }] });
    const put = await call(m.runbook.PUT, { method: 'PUT', params: { slug }, body: v2 });
    expect(put.json).toMatchObject({ changed: true, runbook: { version: 2 } });
    // Saving the same content again makes no version.
    expect((await call(m.runbook.PUT, { method: 'PUT', params: { slug }, body: v2 })).json).toMatchObject({ changed: false, runbook: { version: 2 } });
    expect((await call(m.runbook.PUT, { method: 'PUT', params: { slug }, body: { ...v2, slug: 'other' } })).status).toBe(400);

    const old = await getRun(run.json.run.id);
    expect(old.runbook).toMatchObject({ version: 1, currentVersion: 2 });
    expect((old.steps as Json[]).map((s) => s.key)).toEqual(['cordon', 'wait']);
    expect((await patchStep(old.id, 'wait', { state: 'done' })).status).toBe(200);
    const fresh = await call(m.checklists.POST, { method: 'POST', body: { runbookId: slug }, as: 'responder' });
    expect((fresh.json.run.steps as Json[]).map((s) => s.key)).toEqual(['cordon', 'drain']);
    const v1 = await call(m.runbook.GET, { params: { slug }, path: `/api/v1/runbooks/${slug}?version=1`, as: 'viewer' });
    expect(v1.json.runbook).toMatchObject({ shownVersion: 1, currentVersion: 2 });
  });
});

describe('import and export', () => {
  it('round-trips YAML and Markdown, and refuses a bad file with the line and the reason', async () => {
    const slug = `io-${RUN}`;
    const text = (await readFile(path.join(FIXTURES, 'restart-check.yaml'), 'utf8')).replace('slug: restart-check', `slug: ${slug}`);
    const imported = await call(m.importR.POST, { method: 'POST', body: { content: text } });
    expect(imported.status).toBe(201);
    expect(imported.json).toMatchObject({ action: 'create', runbook: { slug, version: 1 } });

    for (const format of ['yaml', 'markdown']) {
      const exported = await call(m.exportR.GET, { params: { slug }, path: `/api/v1/runbooks/${slug}/export?format=${format}`, as: 'viewer' });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-disposition')).toContain(`${slug}-v1.${format === 'yaml' ? 'yaml' : 'md'}`);
      // The export imports back to the same runbook: nothing changes.
      const back = await call(m.importR.POST, { method: 'POST', body: { content: exported.text } });
      expect(back.json).toMatchObject({ action: 'unchanged', runbook: { version: 1 } });
    }
    const md = (await call(m.exportR.GET, { params: { slug }, path: `/api/v1/runbooks/${slug}/export?format=markdown`, as: 'viewer' })).text;
    expect(md.startsWith('---\n')).toBe(true);
    const withBody = `${md}\n# Background\n\nWhy this runbook exists.\n`;
    const dry = await call(m.importR.POST, { method: 'POST', body: { content: withBody, dryRun: true } });
    expect(dry.json).toMatchObject({ dryRun: true, action: 'new-version' });
    const v2 = await call(m.importR.POST, { method: 'POST', body: { content: withBody } });
    expect(v2.json).toMatchObject({ action: 'new-version', runbook: { version: 2, body: '# Background\n\nWhy this runbook exists.' } });

    const bad = await call(m.importR.POST, { method: 'POST', body: { content: text.replace('is: [app]', 'is: [everything]') } });
    expect(bad.status).toBe(400);
    expect(bad.json.issues[0]).toMatchObject({ path: 'steps.4.when.is.0', line: 30 });
    expect(bad.json.error).toContain('line 30: steps.4.when.is.0: "everything" is not a branch of "scope"');
    const notYaml = await call(m.importR.POST, { method: 'POST', body: { content: 'slug: x\n  title: : :\n' } });
    expect(notYaml.status).toBe(400);
    expect(notYaml.json.issues[0].line).toBeGreaterThan(0);
    expect((await call(m.importR.POST, { method: 'POST', body: { content: text }, as: 'responder' })).status).toBe(403);
  });
});

describe('concurrent step changes', () => {
  it('keeps both when two people tick different steps at once; the same step keeps both in the history', async () => {
    const slug = `conc-${RUN}`;
    await call(m.runbooks.POST, { method: 'POST', body: definition(slug) });
    const run = (await call(m.checklists.POST, { method: 'POST', body: { runbookId: slug }, as: 'responder' })).json.run as Json;
    const [a, b] = await Promise.all([patchStep(run.id, 'cordon', { state: 'done', note: 'cordoned' }, 'responder'), patchStep(run.id, 'wait', { state: 'skipped', note: 'nothing ran there' }, 'responder2')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const after = await getRun(run.id);
    expect(stepOf(after, 'cordon')).toMatchObject({ state: 'done', note: 'cordoned', by: expect.stringContaining(`responder-${RUN}`) });
    expect(stepOf(after, 'wait')).toMatchObject({ state: 'skipped', note: 'nothing ran there', by: expect.stringContaining('responder2-') });
    expect(after.completedAt).not.toBeNull();
    expect(after.progress).toMatchObject({ finished: 2, total: 2, complete: true });

    const same = await Promise.all([patchStep(run.id, 'cordon', { state: 'failed', note: 'node refused' }, 'responder'), patchStep(run.id, 'cordon', { state: 'done', note: 'second try worked' }, 'responder2')]);
    expect(same.map((r) => r.status)).toEqual([200, 200]);
    const final = await getRun(run.id);
    const history = (final.history as Json[]).filter((h) => h.stepKey === 'cordon').map((h) => h.state);
    expect(history).toEqual(['done', expect.any(String), expect.any(String)]);
    expect(history.slice(1).sort()).toEqual(['done', 'failed']);
    expect(stepOf(final, 'cordon').revision).toBe(3);
    // The later write replaced the earlier one and says so.
    expect((final.history as Json[]).at(-1)!.body).toMatch(/replaces/);
    expect((await patchStep(run.id, 'wait', { state: 'skipped' })).json.issues[0]).toMatchObject({ path: 'note' });
    expect((await patchStep(run.id, 'wait', { state: 'done' }, 'viewer')).status).toBe(403);
    expect((await patchStep(run.id, 'nope', { state: 'done' })).status).toBe(404);
  });
});

describe('auto-verification against real probe results', () => {
  it('ticks the readiness step itself when the fake target recovers, with the probe result as evidence, on the incident timeline', async () => {
    const svc = await insertService(pool, {
      name: `rb-target-${RUN}`,
      failuresBeforeDown: 1,
      endpoints: [
        { kind: 'readiness', url: `${target.url}/ready`, intervalSeconds: 5, timeoutMs: 1000 },
        { kind: 'health', url: `${target.url}/health`, intervalSeconds: 5, timeoutMs: 1000 },
      ],
    });
    poller = new m.poller.Poller({ pool, concurrency: 10, claimIntervalMs: 100 });
    poller.start();
    const readinessId = svc.endpointIds[0];
    await waitFor(async () => (await pool.query(`SELECT status FROM endpoints WHERE id = $1`, [readinessId])).rows[0]?.status === 'down', 15_000);
    await waitFor(async () => (await pool.query(`SELECT status FROM endpoints WHERE id = $1`, [svc.endpointIds[1]])).rows[0]?.status === 'up', 15_000);

    const declared = await call(m.incidents.POST, { method: 'POST', body: { title: `Readiness down ${RUN}`, severity: 'P2', serviceIds: [svc.serviceId] } });
    expect(declared.status).toBe(201);
    const incidentId = declared.json.incident.id as string;

    // The incident suggests runbooks for a service whose readiness is down.
    const panel = await call(m.incidentRunbooks.GET, { params: { id: incidentId }, as: 'viewer' });
    expect((panel.json.suggestions as Json[]).map((s) => s.slug)).toContain('restart-check');

    const started = await call(m.checklists.POST, { method: 'POST', body: { runbookId: 'restart-check', incidentId }, as: 'responder' });
    expect(started.status).toBe(201);
    const run = started.json.run as Json;
    expect(run.service).toMatchObject({ id: svc.serviceId });
    // Health holds from the start: it ticked itself when the run was first read.
    expect(stepOf(run, 'health')).toMatchObject({ state: 'verified', by: 'opsdeck (auto-verify)', evidence: { kind: 'health', status: 'up', httpStatus: 200 } });
    // Readiness waits for the decision; nothing ticks ahead of it.
    expect(stepOf(run, 'ready')).toMatchObject({ state: 'pending', applies: false, reason: expect.stringContaining('Waits for the decision') });

    const decided = await patchStep(run.id, 'scope', { state: 'done', branch: 'app', note: 'schema unchanged by the release' });
    expect(decided.status).toBe(200);
    const d = decided.json.run as Json;
    expect(stepOf(d, 'comp')).toMatchObject({ state: 'not_applicable', applies: false, reason: 'Not applicable: “What goes back?” took App only (this step is for Component only)' });
    expect(stepOf(d, 'ready')).toMatchObject({ state: 'pending', applies: true, live: { outcome: 'fails' } });

    // Not verifiable while it fails; a responder cannot override; a commander can, with a reason — on another run.
    const refused = await patchStep(run.id, 'ready', { state: 'verified' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toContain('readiness is down');
    expect((await patchStep(run.id, 'ready', { state: 'verified', override: true, note: 'looks fine' })).status).toBe(403);

    target.setMode('/ready', 'up');
    await pool.query(`UPDATE endpoints SET check_now = true WHERE id = $1`, [readinessId]);
    const ticked = await waitFor(async () => {
      await m.runs.autoVerifyOpenRuns();
      const r = await getRun(run.id);
      return stepOf(r, 'ready').state === 'verified' ? r : null;
    }, 15_000, 250);
    const ready = stepOf(ticked, 'ready');
    expect(ready).toMatchObject({ by: 'opsdeck (auto-verify)', overridden: false, evidence: { kind: 'readiness', status: 'up', httpStatus: 200, endpointId: readinessId } });
    expect(typeof ready.evidence.latencyMs).toBe('number');
    expect(Date.parse(ready.evidence.at)).toBeGreaterThan(Date.parse(run.startedAt) - 5_000);

    const events = (await call(m.timeline.GET, { params: { id: incidentId }, as: 'viewer', path: `/api/v1/incidents/${incidentId}/timeline` })).json.events as Json[];
    const checklist = events.filter((e) => e.type === 'checklist').map((e) => e.body as string);
    expect(checklist[0]).toMatch(/^Started checklist “Restart and check \(test fixture\)” v\d+ for rb-target-/);
    expect(checklist.some((b) => b.includes('“What goes back?”: App only — schema unchanged by the release'))).toBe(true);
    expect(checklist.some((b) => b.includes('“Readiness answers up” verified automatically [readiness up: up, HTTP 200'))).toBe(true);
    expect(checklist.some((b) => b.includes('“Health answers up” verified automatically'))).toBe(true);

    // A commander's override of a failing verification, with its reason, on a second run.
    target.setMode('/health', 'down');
    await pool.query(`UPDATE endpoints SET check_now = true WHERE id = $1`, [svc.endpointIds[1]]);
    await waitFor(async () => (await pool.query(`SELECT status FROM endpoints WHERE id = $1`, [svc.endpointIds[1]])).rows[0]?.status === 'down', 15_000);
    const second = (await call(m.checklists.POST, { method: 'POST', body: { runbookId: 'restart-check', incidentId }, as: 'responder' })).json.run as Json;
    expect(stepOf(second, 'health').state).toBe('pending');
    expect((await patchStep(second.id, 'health', { state: 'verified', override: true }, 'commander')).status).toBe(400);
    const over = await patchStep(second.id, 'health', { state: 'verified', override: true, note: 'checked by hand from the bastion' }, 'commander');
    expect(over.status).toBe(200);
    expect(stepOf(over.json.run, 'health')).toMatchObject({ state: 'verified', overridden: true, note: 'checked by hand from the bastion', evidence: { status: 'down' } });

    const list = await call(m.checklists.GET, { as: 'viewer', path: `/api/v1/checklists?incidentId=${incidentId}` });
    expect((list.json.runs as Json[]).length).toBe(2);
  });
});

describe('the checklist-verify job', () => {
  it('looks at many runs in one pass and ticks exactly the ones whose condition holds, pinned services included', async () => {
    const mk = (name: string) => insertService(pool, { name, endpoints: [{ kind: 'readiness', url: `http://${name}.test/ready`, intervalSeconds: 60, dueInMs: 3_600_000 }] });
    const a = await mk(`job-a-${RUN}`);
    const b = await mk(`job-b-${RUN}`);
    const pinned = await mk(`job-pinned-${RUN}`);
    const setStatus = (ids: string[], status: 'up' | 'down') =>
      pool.query(`UPDATE endpoints SET status = $2, last_checked_at = now(), last_http_status = $3 WHERE id = ANY($1::uuid[])`, [ids, status, status === 'up' ? 200 : 503]);
    await setStatus([a.endpointIds[0], b.endpointIds[0], pinned.endpointIds[0]], 'down');

    const slug = `job-${RUN}`;
    const created = await call(m.runbooks.POST, {
      method: 'POST',
      body: definition(slug, {
        steps: [
          { key: 'ready', type: 'verify', title: 'Readiness up', verify: { kind: 'readiness', condition: 'up' } },
          { key: 'edge', type: 'verify', title: 'The pinned edge is ready', verify: { kind: 'readiness', condition: 'up', service: `job-pinned-${RUN}` } },
        ],
      }),
    });
    expect(created.status, created.text).toBe(201);
    const start = async (serviceId: string) => (await call(m.checklists.POST, { method: 'POST', body: { runbookId: slug, serviceId }, as: 'responder' })).json.run as Json;
    const runA = await start(a.serviceId);
    const runB = await start(b.serviceId);
    expect(stepOf(runA, 'ready').state).toBe('pending');

    // A recovers and so does the pinned service; B stays down. One pass, no reads in between.
    await setStatus([a.endpointIds[0], pinned.endpointIds[0]], 'up');
    const pass = await m.runs.autoVerifyOpenRuns();
    expect(pass.runs).toBeGreaterThanOrEqual(2);
    const states = async (runId: string) =>
      Object.fromEntries((await pool.query(`SELECT step_key, state FROM checklist_step_states WHERE run_id = $1`, [runId])).rows.map((r) => [r.step_key, r.state]));
    expect(await states(runA.id as string)).toEqual({ ready: 'verified', edge: 'verified' });
    expect(await states(runB.id as string)).toEqual({ ready: 'pending', edge: 'verified' });
    // A second pass finds nothing new to tick.
    const again = await m.runs.autoVerifyOpenRuns();
    expect(await states(runB.id as string)).toEqual({ ready: 'pending', edge: 'verified' });
    expect(again.ticked).toBe(0);
  });
});

describe('schedules', () => {
  it('a scheduled checklist is due until a run for the period completes', async () => {
    const slug = `daily-${RUN}`;
    await call(m.runbooks.POST, { method: 'POST', body: definition(slug, { schedule: 'daily', steps: [{ key: 'look', type: 'manual', title: 'Look at the dashboard' }] }) });
    const before = ((await call(m.schedules.GET, { as: 'viewer' })).json.schedules as Json[]).find((s) => s.runbook.slug === slug)!;
    expect(before.status).toMatchObject({ state: 'due', schedule: 'daily' });
    const run = (await call(m.checklists.POST, { method: 'POST', body: { runbookId: slug }, as: 'responder' })).json.run as Json;
    expect(run.scheduleOccurrence).toBe(before.status.period.key);
    expect(((await call(m.schedules.GET, { as: 'viewer' })).json.schedules as Json[]).find((s) => s.runbook.slug === slug)!.status.state).toBe('in_progress');
    await patchStep(run.id, 'look', { state: 'done' });
    expect(((await call(m.schedules.GET, { as: 'viewer' })).json.schedules as Json[]).find((s) => s.runbook.slug === slug)!.status).toMatchObject({ state: 'done', runId: run.id });
  });
});
