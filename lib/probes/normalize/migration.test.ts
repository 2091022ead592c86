import { describe, expect, it } from 'vitest';
import { response } from './__fixtures__/health-bodies';
import { normalizeMigration, readMigrationFacts, revisionNumber } from './migration';

const judge = (body: unknown, status = 200) => normalizeMigration(response(status, body));

describe('migration: at head', () => {
  it.each([
    [{ current: '0045', head: '0045' }],
    [{ current_revision: 'ae1027a6acf', head_revision: 'ae1027a6acf' }],
    [{ version: 12, latest: 12 }],
    [{ applied: ['0001_init', '0002_users'], pending: [] }],
    [{ status: 'head' }],
    [{ status: 'up_to_date' }],
    [{ status: 'Up-To-Date' }],
    [{ pending: 0 }],
    [{ current: 'abc123', heads: ['abc123'] }],
    [{ current: 'v45', head: '0045' }],
    [{ upToDate: true }],
  ])('%j → up', (body) => {
    const r = judge(body);
    expect(r.status).toBe('up');
    expect(r.error).toBeNull();
    expect(r.summary.migration).toMatchObject({ atHead: true, pending: 0 });
  });
});

describe('migration: behind', () => {
  it('numeric revisions give the count', () => {
    const r = judge({ current: '0042', head: '0045' });
    expect(r).toMatchObject({
      status: 'degraded',
      error: 'behind by 3 migrations (current 0042, head 0045)',
      summary: { migration: { current: '0042', head: '0045', pending: 3, atHead: false } },
    });
  });

  it('strips prefixes and names from numeric revisions', () => {
    expect(judge({ current_revision: 'v7', head_revision: 'v8' }).error).toBe('behind by 1 migration (current v7, head v8)');
    expect(judge({ version: '0042_add_orders', latest: '0044_add_index' }).error).toBe(
      'behind by 2 migrations (current 0042_add_orders, head 0044_add_index)',
    );
  });

  it('an explicit pending count wins over arithmetic', () => {
    expect(judge({ current: '0042', head: '0045', pending: 2 }).error).toBe('behind by 2 migrations (current 0042, head 0045)');
    expect(judge({ pending: 3 })).toMatchObject({ status: 'degraded', error: 'behind by 3 migrations' });
  });

  it('{applied, pending} lists', () => {
    const r = judge({ applied: ['0001_init', '0002_users'], pending: ['0003_orders', '0004_index'] });
    expect(r).toMatchObject({
      status: 'degraded',
      error: 'behind by 2 migrations (current 0002_users, head 0004_index)',
      summary: { migration: { pending: 2, atHead: false } },
    });
  });

  it('alembic-style hashes: behind, count unknown', () => {
    const r = judge({ current: 'abc123', heads: ['def456'] });
    expect(r).toMatchObject({
      status: 'degraded',
      error: 'behind: current abc123, head def456',
      summary: { migration: { current: 'abc123', head: 'def456', pending: null, atHead: false } },
    });
  });

  it('timestamped revisions are compared but not counted', () => {
    const r = judge({ current: '20240101120000_init', head: '20240305090000_add_index' });
    expect(r.error).toBe('behind: current 20240101120000_init, head 20240305090000_add_index');
  });

  it('nothing applied yet', () => {
    expect(judge({ current: null, head: '0003' }).error).toBe('behind: no migration applied yet, head 0003');
  });

  it('status words and booleans', () => {
    expect(judge({ status: 'behind' })).toMatchObject({ status: 'degraded', error: 'behind: the service reports pending migrations' });
    expect(judge({ needsMigration: true }).status).toBe('degraded');
  });

  it('a database ahead of the code (after a rollback) is degraded and says so', () => {
    expect(judge({ current: '0046', head: '0045' })).toMatchObject({
      status: 'degraded',
      error: 'database is ahead of the code: current 0046, head 0045',
    });
  });

  it('reads Spring Boot /actuator/flyway', () => {
    const flyway = {
      contexts: {
        application: {
          flywayBeans: {
            flyway: {
              migrations: [
                { type: 'SQL', checksum: 1, version: '1', description: 'init', script: 'V1__init.sql', state: 'SUCCESS', installedRank: 1 },
                { type: 'SQL', checksum: 2, version: '2', description: 'orders', script: 'V2__orders.sql', state: 'SUCCESS', installedRank: 2 },
                { type: 'SQL', checksum: 3, version: '3', description: 'index', script: 'V3__index.sql', state: 'PENDING' },
              ],
            },
          },
        },
      },
    };
    expect(judge(flyway)).toMatchObject({
      status: 'degraded',
      error: 'behind by 1 migration (current 2, head 3)',
      summary: { format: 'flyway' },
    });
  });

  it('wrapped one level down', () => {
    expect(judge({ service: 'orders', migration: { current: '5', head: '6' } }).error).toBe('behind by 1 migration (current 5, head 6)');
  });
});

describe('migration: failures and unknowns', () => {
  it('HTTP 5xx → down', () => {
    expect(judge({ current: '1', head: '1' }, 503)).toMatchObject({ status: 'down', error: 'HTTP 503 Service Unavailable' });
  });

  it('a dirty golang-migrate database is down', () => {
    expect(judge({ version: 42, dirty: true })).toMatchObject({
      status: 'down',
      error: 'database marked dirty at version 42 (a migration stopped half-way)',
      summary: { format: 'golang-migrate' },
    });
  });

  it('a failed Flyway migration is down', () => {
    const r = judge({ migrations: [{ version: '1', state: 'SUCCESS' }, { version: '2', state: 'FAILED' }] });
    expect(r).toMatchObject({ status: 'down', error: 'migration 2 failed' });
  });

  it('no recognisable fields → unknown, explaining why', () => {
    const r = judge({ hello: 'world' });
    expect(r).toMatchObject({
      status: 'unknown',
      error: 'migration state not reported: expected current/head revisions, a pending count or a status',
      summary: { migration: { current: null, head: null, pending: null, atHead: null } },
    });
  });

  it('current without head → unknown', () => {
    expect(judge({ version: 42, dirty: false }).status).toBe('unknown');
  });

  it('non-JSON → unknown', () => {
    expect(judge('all good')).toMatchObject({ status: 'unknown', error: expect.stringMatching(/not JSON/) });
  });

  it('the service saying unknown → unknown', () => {
    expect(judge({ status: 'unknown' })).toMatchObject({ status: 'unknown', error: 'the service reports its migration state as unknown' });
  });

  it('a truncated body → down', () => {
    expect(normalizeMigration({ status: 200, headers: {}, body: '{"current":', truncated: true })).toMatchObject({
      status: 'down',
      error: 'response body larger than 1 MiB',
    });
  });
});

describe('revisionNumber', () => {
  it.each([
    ['0042', 42], ['v42', 42], ['V3__init', 3], ['0042_add_users', 42], ['rev-7', 7], ['12', 12],
  ])('%s → %i', (rev, n) => {
    expect(revisionNumber(rev)?.value).toBe(n);
  });

  it.each(['abc123', '1975ea83b712', 'def456', '1.2.3', ''])('%s is not numeric', (rev) => {
    expect(revisionNumber(rev)).toBeNull();
  });
});

describe('readMigrationFacts', () => {
  it('never throws on odd shapes', () => {
    for (const v of [null, 0, 'x', [], [1, 2], { current: {} }, { heads: [null] }, { pending: -1 }, { applied: 'x' }]) {
      expect(() => readMigrationFacts(v)).not.toThrow();
    }
  });
});
