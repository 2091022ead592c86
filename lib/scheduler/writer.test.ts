import { describe, expect, it } from 'vitest';
import type pg from 'pg';
import { ResultWriter, type CompletedProbe } from './writer';

function probe(i: number): CompletedProbe {
  const at = new Date(1_700_000_000_000 + i * 1000);
  return {
    endpointId: `00000000-0000-0000-0000-${String(i % 3).padStart(12, '0')}`,
    serviceId: '00000000-0000-0000-0000-00000000000a',
    kind: 'health',
    at,
    status: 'up',
    httpStatus: 200,
    latencyMs: 5,
    error: null,
    summary: null,
    state: { status: 'up', consecutiveFailures: 0, failingSince: null, statusChangedAt: null },
    nextDueAt: at,
    alerts: [],
  };
}

/** A pool whose database is down until `up` is set; records the statements it ran. */
function fakePool() {
  const state = { up: false, statements: [] as string[], batches: 0 };
  const client = {
    async query(sql: string) {
      if (!state.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      state.statements.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
      if (sql === 'COMMIT') state.batches++;
      return { rows: [], rowCount: 0 };
    },
    release() {},
  };
  const pool = {
    async connect() {
      if (!state.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return client;
    },
  } as unknown as pg.Pool;
  return { pool, state };
}

describe('ResultWriter', () => {
  it('keeps results while the database is down and writes them, in order, once it is back', async () => {
    const { pool, state } = fakePool();
    const w = new ResultWriter(pool, { workerId: 'w', batchSize: 4, flushIntervalMs: 60_000 });
    for (let i = 0; i < 10; i++) w.push(probe(i));
    await w.flush();
    expect(w.pending).toBe(10);
    expect(w.persistedTotal).toBe(0);
    state.up = true;
    await w.stop(2_000);
    expect(w.pending).toBe(0);
    expect(w.persistedTotal).toBe(10);
    expect(state.batches).toBe(3); // 4 + 4 + 2
    expect(state.statements.filter((s) => s.startsWith('INSERT INTO'))[0]).toBe('INSERT INTO');
  });

  it('is bounded: beyond its capacity the oldest results are dropped and counted', async () => {
    const { pool } = fakePool();
    const w = new ResultWriter(pool, { workerId: 'w', maxBuffered: 5, batchSize: 100, flushIntervalMs: 60_000 });
    for (let i = 0; i < 12; i++) w.push(probe(i));
    expect(w.pending).toBe(5);
    expect(w.droppedTotal).toBe(7);
    w.discard();
  });
});
