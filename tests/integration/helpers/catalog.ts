import type pg from 'pg';

/** Inserts a service with endpoints straight into the tables (the poller tests need no catalog logic). */
export async function insertService(
  pool: pg.Pool,
  opts: { name: string; failuresBeforeDown?: number; thresholds?: object; endpoints: { kind: string; url: string; intervalSeconds?: number; timeoutMs?: number; dueInMs?: number }[] },
): Promise<{ serviceId: string; endpointIds: string[] }> {
  const s = await pool.query<{ id: string }>(
    `INSERT INTO services (id, name, environment, failures_before_down, thresholds, updated_at)
     VALUES (gen_random_uuid(), $1, 'test', $2, $3, now()) RETURNING id`,
    [opts.name, opts.failuresBeforeDown ?? 2, JSON.stringify(opts.thresholds ?? {})],
  );
  const serviceId = s.rows[0].id;
  const endpointIds: string[] = [];
  for (const e of opts.endpoints) {
    const r = await pool.query<{ id: string }>(
      `INSERT INTO endpoints (id, service_id, kind, url, interval_seconds, timeout_ms, next_due_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, now() + make_interval(secs => $6::float8 / 1000), now()) RETURNING id`,
      [serviceId, e.kind, e.url, e.intervalSeconds ?? 5, e.timeoutMs ?? 1000, e.dueInMs ?? 0],
    );
    endpointIds.push(r.rows[0].id);
  }
  return { serviceId, endpointIds };
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
