/**
 * npm run bench:analytics — incident analytics and postmortems on a year of history.
 *
 * Seeds services × 4 endpoints with 30 days of hourly rollups (the SLO chart),
 * a day of raw results, and incidents spread over 12 months with their
 * lifecycle stamps and timelines (some never acknowledged, some reopened,
 * the last days' ones still open), a postmortem for every resolved P1 with
 * action items. Then measures the analytics API's query (loadAnalytics) for
 * 3, 6 and 12 months, one CSV table, the postmortem list with its overdue
 * filter, and drafting a postmortem on resolution (onIncidentResolved) for an
 * incident with 2 services and a day of raw probe results.
 * Goal for the API reads: p95 < 150 ms.
 *
 * BENCH_SERVICES (100), BENCH_INCIDENTS (5000), BENCH_RAW_HOURS (25),
 * BENCH_MINUTE_HOURS (25), BENCH_ITERATIONS (30); BENCH_KEEP_DB=1 keeps the
 * database for EXPLAIN (drop it yourself).
 */
import fs from 'node:fs';
import pg from 'pg';
import type { Actor } from '../../lib/auth/actor';
import { benchDatabase, fmt, timeIt } from './common';
import { seedHistory } from './seed-history';

process.env.AUTH_SECRET ??= 'bench-auth-secret-0123456789abcdef0123456789';
process.env.ENCRYPTION_KEY ??= '1f'.repeat(32);
process.env.LOG_LEVEL ??= 'warn';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 5000);
const RAW_HOURS = Number(process.env.BENCH_RAW_HOURS ?? 25);
const MINUTE_HOURS = Number(process.env.BENCH_MINUTE_HOURS ?? 25);
const ITER = Number(process.env.BENCH_ITERATIONS ?? 30);
const GOAL_MS = 150;

const ACTOR: Actor = { type: 'user', userId: '00000000-0000-4000-8000-00000000be4c', label: 'bench@opsdeck.test', role: 'commander' };
const MIN = 60_000;
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers (mulberry32), so two runs seed the same history. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ev {
  at: Date;
  type: string;
  body: string;
  data: Record<string, unknown>;
}

/** Incidents, their services, timelines, P1 postmortems and action items. */
async function seedIncidents(pool: pg.Pool, count: number, serviceIds: string[], now: number) {
  const r = rng(42);
  const exp = (mean: number) => -Math.log(1 - r()) * mean;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const cols = { id: [] as string[], number: [] as number[], title: [] as string[], severity: [] as string[], status: [] as string[], declared: [] as string[], ack: [] as (string | null)[], identified: [] as (string | null)[], mitigated: [] as (string | null)[], resolved: [] as (string | null)[], closed: [] as (string | null)[] };
  const links: [string, string][] = [];
  const events: { incident: string; ev: Ev }[] = [];
  const pms: { incident: string; resolved: Date; declared: Date; ack: Date | null; mitigated: Date | null; reopened: number }[] = [];
  const stats = { neverAcked: 0, reopened: 0, open: 0, P1: 0 };
  for (let n = 1; n <= count; n++) {
    const id = crypto.randomUUID();
    const u = r();
    const severity = u < 0.08 ? 'P1' : u < 0.35 ? 'P2' : 'P3';
    // Over the last 12 months, a little busier in office hours.
    let declared = new Date(now - r() * 365 * DAY);
    if (r() < 0.5) declared = new Date(Math.floor(declared.getTime() / DAY) * DAY + (8 + r() * 10) * 3600_000);
    if (declared.getTime() > now - 10 * MIN) declared = new Date(now - 10 * MIN - r() * DAY);
    const ackMean = severity === 'P1' ? 4 : severity === 'P2' ? 12 : 35;
    const neverAck = r() < (severity === 'P1' ? 0.01 : severity === 'P2' ? 0.05 : 0.12);
    const ack = neverAck ? null : new Date(declared.getTime() + (0.5 + exp(ackMean)) * MIN);
    const base = ack ?? declared;
    let identified: Date | null = r() < 0.7 ? new Date(base.getTime() + (3 + exp(25)) * MIN) : null;
    let mitigated: Date | null = new Date((identified ?? base).getTime() + (5 + exp(severity === 'P1' ? 45 : 90)) * MIN);
    let resolved: Date | null = new Date(mitigated.getTime() + (5 + exp(60)) * MIN);
    const ev: Ev[] = [{ at: declared, type: 'declared', body: `Declared ${severity}`, data: { severity } }];
    if (ack) ev.push({ at: ack, type: 'acknowledged', body: 'Acknowledged', data: {} });
    let from = 'investigating';
    const to = (at: Date, s: string) => {
      ev.push({ at, type: 'status', body: `${from} → ${s}`, data: { from, to: s } });
      from = s;
    };
    let status = 'resolved';
    let closed: Date | null = null;
    let reopened = 0;
    if (resolved.getTime() > now || (declared.getTime() > now - 2 * DAY && r() < 0.4)) {
      // Still open, at the last status it reached by now.
      resolved = null;
      status = 'investigating';
      if (identified && identified.getTime() <= now && r() < 0.6) {
        to(identified, 'identified');
        status = 'identified';
      }
      if (mitigated.getTime() <= now && r() < 0.5) {
        to(mitigated, 'mitigated');
        status = 'mitigated';
      } else mitigated = null;
      if (status === 'investigating') identified = null;
      stats.open++;
    } else {
      if (identified) to(identified, 'identified');
      to(mitigated, 'mitigated');
      to(resolved, 'resolved');
      if (r() < 0.04) {
        // Reopened: it came back after the first resolution.
        const back = new Date(resolved.getTime() + (10 + exp(120)) * MIN);
        to(back, 'investigating');
        mitigated = new Date(back.getTime() + (10 + exp(60)) * MIN);
        to(mitigated, 'mitigated');
        resolved = new Date(mitigated.getTime() + (10 + exp(45)) * MIN);
        to(resolved, 'resolved');
        reopened = 1;
        stats.reopened++;
      }
      if (resolved.getTime() > now) {
        // A reopened one still burning: back to investigating.
        resolved = null;
        mitigated = null;
        status = 'investigating';
        stats.open++;
      } else if (resolved.getTime() < now - 3 * DAY) {
        closed = new Date(resolved.getTime() + (1 + r() * 2) * DAY);
        status = 'closed';
        to(closed, 'closed');
      }
    }
    if (neverAck) stats.neverAcked++;
    cols.id.push(id);
    cols.number.push(n);
    cols.title.push(`${severity} bench incident ${n}`);
    cols.severity.push(severity);
    cols.status.push(status);
    cols.declared.push(declared.toISOString());
    cols.ack.push(iso(ack && ack.getTime() <= now ? ack : null));
    cols.identified.push(iso(identified && identified.getTime() <= now ? identified : null));
    cols.mitigated.push(iso(mitigated));
    cols.resolved.push(iso(resolved));
    cols.closed.push(iso(closed));
    // Busy services are hit more often.
    const k = 1 + Math.floor(r() * r() * 3);
    const chosen = new Set<string>();
    while (chosen.size < k) chosen.add(serviceIds[Math.floor(r() * r() * serviceIds.length)]);
    for (const s of chosen) links.push([id, s]);
    for (const e of ev) if (e.at.getTime() <= now) events.push({ incident: id, ev: e });
    if (severity === 'P1') stats.P1++;
    if (severity === 'P1' && resolved) pms.push({ incident: id, resolved, declared, ack, mitigated, reopened });
  }
  await pool.query(
    `INSERT INTO incidents (id, number, title, severity, status, declared_at, declared_by, severity_set_at, acknowledged_at, acknowledged_by, identified_at, mitigated_at, resolved_at, closed_at, updated_at)
     SELECT id, number, title, severity::"IncidentSeverity", status::"IncidentStatus", declared, 'bench', declared, ack, CASE WHEN ack IS NULL THEN NULL ELSE 'oncall@opsdeck.test' END, identified, mitigated, resolved, closed, now()
     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[])
       AS x(id, number, title, severity, status, declared, ack, identified, mitigated, resolved, closed)`,
    [cols.id, cols.number, cols.title, cols.severity, cols.status, cols.declared, cols.ack, cols.identified, cols.mitigated, cols.resolved, cols.closed],
  );
  await pool.query(`INSERT INTO incident_services (incident_id, service_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [links.map((l) => l[0]), links.map((l) => l[1])]);
  for (let i = 0; i < events.length; i += 20_000) {
    const chunk = events.slice(i, i + 20_000);
    await pool.query(
      `INSERT INTO incident_events (incident_id, at, type, actor, body, data)
       SELECT incident, at, type::"IncidentEventType", 'oncall@opsdeck.test', body, data FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::jsonb[]) AS x(incident, at, type, body, data)`,
      [chunk.map((e) => e.incident), chunk.map((e) => e.ev.at.toISOString()), chunk.map((e) => e.ev.type), chunk.map((e) => e.ev.body), chunk.map((e) => JSON.stringify(e.ev.data))],
    );
  }

  // Postmortems: approved some days after they were due, except a few that stalled (overdue).
  const pmRows = pms.map((p) => {
    const created = new Date(p.resolved.getTime() + 2 * MIN);
    const due = new Date(p.resolved.getTime() + 7 * DAY);
    const x = r();
    const status = due.getTime() > now ? (x < 0.5 ? 'draft' : 'in_review') : x < 0.85 ? 'approved' : x < 0.93 ? 'in_review' : 'draft';
    const approved = status === 'approved' ? new Date(Math.min(now, due.getTime() - DAY + r() * 4 * DAY)) : null;
    const s = (a: Date, b: Date | null) => (b ? Math.round((b.getTime() - a.getTime()) / 1000) : null);
    const detected = new Date(p.declared.getTime() - (1 + exp(6)) * MIN);
    const metrics = {
      timeToDetectSeconds: r() < 0.85 ? s(detected, p.declared) : null,
      timeToAcknowledgeSeconds: s(p.declared, p.ack),
      timeToMitigateSeconds: s(p.declared, p.mitigated),
      timeToResolveSeconds: s(p.declared, p.resolved),
      detectedAt: detected.toISOString(),
      declaredAt: p.declared.toISOString(),
      acknowledgedAt: iso(p.ack),
      mitigatedAt: iso(p.mitigated),
      resolvedAt: p.resolved.toISOString(),
      reopened: p.reopened > 0,
      reopenCount: p.reopened,
      detectedBy: 'probe',
    };
    return { id: crypto.randomUUID(), incident: p.incident, status, created, due, approved, draft: { draftedAt: created.toISOString(), metrics, impact: [], keyEvents: [], checklists: [] } };
  });
  await pool.query(
    `INSERT INTO postmortems (id, incident_id, status, due_at, draft, summary, root_cause, created_by, created_at, updated_at, submitted_at, submitted_by, approved_at, approved_by)
     SELECT id, incident, status::"PostmortemStatus", due, draft, 'What happened, in two lines.', CASE WHEN status = 'draft' THEN '' ELSE 'A configuration change.' END, 'system', created, created,
            CASE WHEN status = 'draft' THEN NULL ELSE created + interval '2 days' END, CASE WHEN status = 'draft' THEN NULL ELSE 'oncall@opsdeck.test' END,
            approved, CASE WHEN approved IS NULL THEN NULL ELSE 'lead@opsdeck.test' END
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::timestamptz[], $7::timestamptz[]) AS x(id, incident, status, due, draft, created, approved)`,
    [pmRows.map((p) => p.id), pmRows.map((p) => p.incident), pmRows.map((p) => p.status), pmRows.map((p) => p.due.toISOString()), pmRows.map((p) => JSON.stringify(p.draft)), pmRows.map((p) => p.created.toISOString()), pmRows.map((p) => iso(p.approved))],
  );
  const items = { pm: [] as string[], title: [] as string[], due: [] as string[], status: [] as string[], created: [] as string[], closed: [] as (string | null)[] };
  for (const p of pmRows) {
    const k = 1 + Math.floor(r() * 5);
    for (let j = 0; j < k; j++) {
      const created = new Date(p.created.getTime() + r() * 3 * DAY);
      if (created.getTime() > now) continue;
      const due = new Date(created.getTime() + (14 + r() * 46) * DAY);
      const x = r();
      let status = x < 0.6 ? 'done' : x < 0.65 ? 'wont_do' : x < 0.8 ? 'in_progress' : 'open';
      let closed: Date | null = status === 'done' || status === 'wont_do' ? new Date(created.getTime() + (1 + exp(20)) * DAY) : null;
      if (closed && closed.getTime() > now) {
        closed = null;
        status = 'in_progress';
      }
      items.pm.push(p.id);
      items.title.push(`Action ${j + 1}: stop it happening again`);
      items.due.push(due.toISOString().slice(0, 10));
      items.status.push(status);
      items.created.push(created.toISOString());
      items.closed.push(iso(closed));
    }
  }
  await pool.query(
    `INSERT INTO action_items (id, postmortem_id, title, due_date, status, created_at, updated_at, closed_at)
     SELECT gen_random_uuid(), pm, title, due, status::"ActionItemStatus", created, COALESCE(closed, created), closed
     FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::timestamptz[], $6::timestamptz[]) AS x(pm, title, due, status, created, closed)`,
    [items.pm, items.title, items.due, items.status, items.created, items.closed],
  );
  return { ...stats, events: events.length, links: links.length, postmortems: pmRows.length, actionItems: items.pm.length, overdue: pmRows.filter((p) => p.status !== 'approved' && p.due.getTime() < now).length };
}

async function main() {
  const dbx = await benchDatabase('opsdeck_bench_analytics');
  process.env.DATABASE_URL = dbx.url;
  const pool = new pg.Pool({ connectionString: dbx.url, max: 4 });
  const report: Record<string, unknown> = {};
  try {
    console.log(`seeding ${SERVICES} services × 4 endpoints (30 d hourly rollups, ${MINUTE_HOURS} h minute rollups, ${RAW_HOURS} h raw results), ${INCIDENTS.toLocaleString('en-US')} incidents over 12 months…`);
    const t0 = Date.now();
    await seedHistory(pool, { services: SERVICES, endpointsPerService: 4, rollupDays: 30, minuteRollupHours: MINUTE_HOURS, rawHours: RAW_HOURS, intervalSeconds: 30 }, (s) => console.log('  ' + s));
    // The rollup job's watermarks: availability reads hour rollups up to it and raw results after it.
    await pool.query(`INSERT INTO rollup_watermarks (name, until) VALUES ('hour', date_trunc('hour', now())), ('minute', date_trunc('minute', now()))`);
    const now = Date.now();
    const serviceIds = (await pool.query<{ id: string }>('SELECT id::text FROM services ORDER BY name')).rows.map((x) => x.id);
    const seeded = await seedIncidents(pool, INCIDENTS, serviceIds, now);

    // The incident to draft: 2 services, declared 20 h ago, resolved 1 h ago, its services down for a while.
    const draftId = crypto.randomUUID();
    const d = (h: number) => new Date(now - h * 3600_000).toISOString();
    await pool.query(
      `INSERT INTO incidents (id, number, title, severity, status, declared_at, declared_by, severity_set_at, acknowledged_at, acknowledged_by, mitigated_at, resolved_at, updated_at)
       VALUES ($1, $2, 'Checkout and payments failing', 'P1', 'resolved', $3, 'bench', $3, $4, 'oncall@opsdeck.test', $5, $6, now())`,
      [draftId, INCIDENTS + 1, d(20), d(19.9), d(17), d(1)],
    );
    await pool.query(`INSERT INTO incident_services (incident_id, service_id) VALUES ($1, $2), ($1, $3)`, [draftId, serviceIds[0], serviceIds[1]]);
    await pool.query(
      `INSERT INTO incident_events (incident_id, at, type, actor, body, data) VALUES
       ($1, $2, 'declared', 'bench', 'Declared P1', '{"severity":"P1"}'), ($1, $3, 'acknowledged', 'oncall@opsdeck.test', 'Acknowledged', '{}'),
       ($1, $4, 'status', 'oncall@opsdeck.test', 'investigating → mitigated', '{"from":"investigating","to":"mitigated"}'),
       ($1, $5, 'status', 'oncall@opsdeck.test', 'mitigated → resolved', '{"from":"mitigated","to":"resolved"}')`,
      [draftId, d(20), d(19.9), d(17), d(1)],
    );
    await pool.query(`UPDATE probe_results SET status = 'down', http_status = 503 WHERE service_id = ANY($1::uuid[]) AND at BETWEEN $2 AND $3`, [[serviceIds[0], serviceIds[1]], d(20.2), d(17)]);
    await pool.query('ANALYZE');
    const raw = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM probe_results WHERE service_id = ANY($1::uuid[])`, [[serviceIds[0], serviceIds[1]]])).rows[0].n;
    console.log(
      `seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${INCIDENTS.toLocaleString('en-US')} incidents (${seeded.P1} P1, ${seeded.neverAcked} never acknowledged, ${seeded.reopened} reopened, ${seeded.open} open), ${seeded.events.toLocaleString('en-US')} timeline events, ${seeded.postmortems} postmortems (${seeded.overdue} overdue), ${seeded.actionItems.toLocaleString('en-US')} action items`,
    );

    const { loadAnalytics } = await import('../../lib/postmortems/analytics-query');
    const { tableOf } = await import('../../lib/postmortems/analytics-tables');
    const { toCsv } = await import('../../lib/postmortems/analytics');
    const { listPostmortems } = await import('../../lib/postmortems/query');
    const { onIncidentResolved } = await import('../../lib/postmortems/draft');
    const { db } = await import('../../lib/db/client');

    const line = (label: string, t: { p50: number; p95: number; max: number }, extra = '') =>
      console.log('%s p50 %s ms · p95 %s ms · max %s ms → p95 %s× the %d ms goal%s', label.padEnd(26), fmt(t.p50), fmt(t.p95), fmt(t.max), fmt(t.p95 / GOAL_MS, 2), GOAL_MS, extra);

    console.log('\n== Analytics API (loadAnalytics = GET /api/v1/analytics?months=&target=99.9), %d services', SERVICES);
    const analytics: Record<string, unknown> = {};
    for (const months of [3, 6, 12]) {
      const t = await timeIt(ITER, async () => JSON.stringify(await loadAnalytics({ months, targetPercent: 99.9 })));
      const a = await loadAnalytics({ months, targetPercent: 99.9 });
      const n = a.incidentsByMonth.reduce((s, m) => s + m.total, 0);
      const bytes = JSON.stringify(a).length;
      analytics[`${months}m`] = { ...t, incidents: n, bytes };
      line(`${months} months`, t, ` (${n.toLocaleString('en-US')} incidents, ${fmt(bytes / 1024, 0)} kB)`);
    }
    report.analytics = analytics;

    const csv = await timeIt(ITER, async () => {
      const t = tableOf('incidents-by-service', await loadAnalytics({ months: 12, targetPercent: 99.9 }));
      return toCsv(t.columns, t.rows);
    });
    const csvRows = tableOf('incidents-by-service', await loadAnalytics({ months: 12, targetPercent: 99.9 })).rows.length;
    report.csv = { ...csv, rows: csvRows };
    line('CSV incidents-by-service', csv, ` (12 months, ${csvRows} rows)`);

    console.log('\n== Postmortems (listPostmortems = GET /api/v1/postmortems)');
    const overdue = await timeIt(ITER, () => listPostmortems({ overdue: true }));
    const all = await timeIt(ITER, () => listPostmortems({}));
    const nOverdue = (await listPostmortems({ overdue: true })).length;
    const nAll = (await listPostmortems({})).length;
    report.postmortems = { overdue: { ...overdue, rows: nOverdue }, all: { ...all, rows: nAll } };
    line('?overdue=true', overdue, ` (${nOverdue} rows)`);
    line('all', all, ` (${nAll} rows, the list's cap is 500)`);

    // Drafting on resolve: in a transaction rolled back each time, so every sample drafts anew.
    class Rollback extends Error {}
    const draftOnce = () =>
      db
        .$transaction(async (tx) => {
          await onIncidentResolved(tx, draftId, ACTOR, null, new Date());
          throw new Rollback();
        }, { timeout: 60_000 })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
    const draft = await timeIt(Math.max(5, Math.floor(ITER / 3)), draftOnce);
    let snapshot: { impact?: { name: string; checks: number; failedChecks: number; downtimeSeconds: number | null }[]; metrics?: { timeToDetectSeconds: number | null } } = {};
    await db
      .$transaction(async (tx) => {
        await onIncidentResolved(tx, draftId, ACTOR, null, new Date());
        snapshot = ((await tx.postmortem.findUniqueOrThrow({ where: { incidentId: draftId }, select: { draft: true } })).draft ?? {}) as typeof snapshot;
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    report.draft = { ...draft, rawResults: raw };
    console.log('\n== Drafting a postmortem on resolve (onIncidentResolved), 2 services, %s raw results of theirs', raw.toLocaleString('en-US'));
    console.log(
      '%s p50 %s ms · p95 %s ms · max %s ms (in the resolving transaction); impact: %s; time to detect %s s',
      'draft'.padEnd(26),
      fmt(draft.p50),
      fmt(draft.p95),
      fmt(draft.max),
      (snapshot.impact ?? []).map((i) => `${i.name} ${i.checks} checks, ${i.failedChecks} failed, ${i.downtimeSeconds} s down`).join('; '),
      snapshot.metrics?.timeToDetectSeconds ?? '—',
    );

    fs.mkdirSync('bench-results', { recursive: true });
    fs.writeFileSync('bench-results/analytics.json', JSON.stringify(report, null, 2));
  } finally {
    await pool.end();
    const { disconnectDb } = await import('../../lib/db/client');
    await disconnectDb();
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept the database: ${dbx.url}`);
    else await dbx.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
