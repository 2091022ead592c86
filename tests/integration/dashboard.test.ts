import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertService } from './helpers/catalog';
import { API_KEY_ACTOR } from '@/lib/auth/actor';

let pool: pg.Pool;

beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
});
afterAll(async () => {
  await pool.query("DELETE FROM services WHERE environment = 'test'");
  await pool.end();
});

describe('dashboard data', () => {
  it('shows each service worst first, with why, since when, deploys and status changes', async () => {
    const { loadDashboard } = await import('@/lib/dashboard/query');
    const { recordDeploy } = await import('@/lib/changes/deploys');
    const ok = await insertService(pool, { name: 'dash-ok', endpoints: [{ kind: 'health', url: 'http://127.0.0.1:9/h', dueInMs: 3_600_000 }] });
    const bad = await insertService(pool, {
      name: 'dash-bad',
      endpoints: [
        { kind: 'health', url: 'http://127.0.0.1:9/h', dueInMs: 3_600_000 },
        { kind: 'migration', url: 'http://127.0.0.1:9/m', dueInMs: 3_600_000 },
      ],
    });
    await pool.query("UPDATE endpoints SET status = 'up', last_checked_at = now(), status_changed_at = now() - interval '1 hour' WHERE service_id = $1", [ok.serviceId]);
    // A status change through the endpoints table: the trigger logs it.
    await pool.query(
      "UPDATE endpoints SET status = 'down', last_checked_at = now(), status_changed_at = now() - interval '3 minutes', last_error = 'timed out after 5000 ms' WHERE id = $1",
      [bad.endpointIds[0]],
    );
    await pool.query(
      `UPDATE endpoints SET status = 'degraded', last_checked_at = now(), last_error = 'behind by 3 migrations',
       last_summary = '{"migration":{"current":"0041","head":"0044","pending":3,"atHead":false}}' WHERE id = $1`,
      [bad.endpointIds[1]],
    );
    const deploy = await recordDeploy({ service: 'dash-bad', version: 'v2.3.1', description: 'bump' }, API_KEY_ACTOR, '127.0.0.1');
    expect(deploy.service.id).toBe(bad.serviceId);

    const d = await loadDashboard();
    const mine = d.tiles.filter((t) => t.environment === 'test');
    expect(mine.map((t) => [t.name, t.status])).toEqual([
      ['dash-bad', 'down'],
      ['dash-ok', 'up'],
    ]);
    const t = mine[0];
    expect(t.failing[0]).toMatchObject({ kind: 'health', status: 'down', reason: 'timed out after 5000 ms' });
    expect(t.migration).toEqual({ current: '0041', head: '0044', behindBy: 3 });
    expect(Date.parse(t.since!)).toBeLessThan(Date.now() - 170_000);
    expect(d.changes.find((c) => c.type === 'deploy' && c.serviceId === bad.serviceId)?.title).toBe('deployed v2.3.1');
    const changes = d.changes.filter((c) => c.type === 'status' && c.serviceId === bad.serviceId).map((c) => [c.title, c.to]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['health unknown → down', 'down'],
        ['migration unknown → degraded', 'degraded'],
      ]),
    );
    expect(d.counts.down).toBeGreaterThanOrEqual(1);
    expect(d.environments).toContain('test');
  });

  it('refuses a deploy for an unknown or ambiguous service, naming the field', async () => {
    const { recordDeploy } = await import('@/lib/changes/deploys');
    await expect(recordDeploy({ service: 'no-such-service', version: '1' }, API_KEY_ACTOR, null)).rejects.toMatchObject({
      status: 400,
      issues: [{ path: 'service', message: 'no such service' }],
    });
    await pool.query(
      "INSERT INTO services (id, name, environment, updated_at) VALUES (gen_random_uuid(), 'twin', 'test', now()), (gen_random_uuid(), 'twin', 'test-b', now())",
    );
    await expect(recordDeploy({ service: 'twin', version: '1' }, API_KEY_ACTOR, null)).rejects.toMatchObject({ status: 400, issues: [{ path: 'environment' }] });
    await expect(recordDeploy({ service: 'twin', environment: 'test-b', version: '1' }, API_KEY_ACTOR, null)).resolves.toMatchObject({ version: '1' });
    await pool.query("DELETE FROM services WHERE environment = 'test-b'");
  });
});
