import type pg from 'pg';

export interface SeedOptions {
  services: number;
  endpointsPerService: number;
  rollupDays: number;
  minuteRollupHours: number;
  rawHours: number;
  intervalSeconds: number;
}

const KINDS = ['health', 'readiness', 'migration', 'metrics'];

/**
 * Fills a database with a realistic history, in SQL (generate_series), so
 * that seeding millions of rows takes a minute rather than an hour.
 */
export async function seedHistory(pool: pg.Pool, o: SeedOptions, log: (s: string) => void) {
  const t = Date.now();
  await pool.query(
    `INSERT INTO services (id, name, environment, team, tags, updated_at)
     SELECT gen_random_uuid(), 'svc-' || lpad(i::text, 4, '0'), (ARRAY['production','staging'])[1 + i % 2],
            'team-' || (i % 12), ARRAY['bench'], now()
     FROM generate_series(1, $1) i`,
    [o.services],
  );
  await pool.query(
    `INSERT INTO endpoints (id, service_id, kind, url, interval_seconds, enabled, next_due_at, updated_at, status,
                            last_checked_at, status_changed_at, last_latency_ms, last_http_status, last_error, last_summary)
     SELECT gen_random_uuid(), s.id, k.kind::"EndpointKind", 'http://127.0.0.1:9/' || k.kind, $1, true, now() + interval '1 day', now(),
            (CASE WHEN random() < 0.03 THEN 'down' WHEN random() < 0.05 THEN 'degraded' ELSE 'up' END)::"ProbeStatus",
            now() - random() * interval '20 seconds', now() - random() * interval '3 days', (20 + random() * 200)::int, 200,
            NULL,
            CASE k.kind
              WHEN 'metrics' THEN jsonb_build_object('kpis', jsonb_build_object('requestRate', round((random() * 300)::numeric, 1), 'errorRate', round((random() * 8)::numeric, 2),
                                                       'p95LatencyMs', round((100 + random() * 2500)::numeric), 'cpu', round((random() * 95)::numeric, 1), 'memory', round((random() * 90)::numeric, 1), 'disk', round((random() * 88)::numeric, 1)))
              WHEN 'migration' THEN jsonb_build_object('migration', jsonb_build_object('current', '0042', 'head', '0042', 'pending', 0, 'atHead', true))
              ELSE jsonb_build_object('format', 'simple', 'components', jsonb_build_array(jsonb_build_object('name', 'database', 'status', 'up', 'raw', 'healthy')))
            END
     FROM services s CROSS JOIN unnest($2::text[]) AS k(kind)`,
    [o.intervalSeconds, KINDS.slice(0, o.endpointsPerService)],
  );
  log(`services and endpoints: ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const perBucket = (seconds: number) => Math.max(1, Math.round(seconds / o.intervalSeconds));
  const rollup = async (table: string, step: string, span: string, n: number) => {
    const t0 = Date.now();
    await pool.query(
      `INSERT INTO ${table} (endpoint_id, service_id, bucket, count, failures, degraded, latency_p50, latency_p95, latency_max, kpis)
       SELECT e.id, e.service_id, b, $1, (CASE WHEN random() < 0.02 THEN 1 + (random() * ($1 - 1))::int ELSE 0 END), 0,
              40 + random() * 20, 120 + random() * 300, 400 + random() * 600,
              CASE WHEN e.kind = 'metrics' THEN jsonb_build_object(
                'errorRate', jsonb_build_object('avg', random() * 4, 'max', random() * 9),
                'p95LatencyMs', jsonb_build_object('avg', 200 + random() * 800, 'max', 600 + random() * 3000),
                'cpu', jsonb_build_object('avg', random() * 60, 'max', random() * 95),
                'memory', jsonb_build_object('avg', 40 + random() * 30, 'max', 60 + random() * 30),
                'disk', jsonb_build_object('avg', 50 + random() * 20, 'max', 55 + random() * 25)) ELSE '{}'::jsonb END
       FROM endpoints e CROSS JOIN generate_series(date_trunc('${step}', now() - interval '${span}'), now(), interval '1 ${step}') b`,
      [n],
    );
    const c = await pool.query(`SELECT count(*)::int AS n FROM ${table}`);
    log(`${table}: ${c.rows[0].n.toLocaleString('en-US')} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await rollup('probe_rollups_hour', 'hour', `${o.rollupDays} days`, perBucket(3600));
  await rollup('probe_rollups_minute', 'minute', `${o.minuteRollupHours} hours`, perBucket(60));

  const t1 = Date.now();
  await pool.query(
    `INSERT INTO probe_results (endpoint_id, service_id, kind, at, status, http_status, latency_ms, summary)
     SELECT e.id, e.service_id, e.kind, a, (CASE WHEN random() < 0.01 THEN 'down' ELSE 'up' END)::"ProbeStatus", 200,
            (20 + random() * 400)::int,
            CASE WHEN e.kind = 'metrics' THEN jsonb_build_object('kpis', jsonb_build_object('errorRate', random() * 6, 'p95LatencyMs', 150 + random() * 900, 'cpu', random() * 80)) ELSE NULL END
     FROM endpoints e CROSS JOIN generate_series(now() - make_interval(hours => $1), now(), make_interval(secs => $2)) a`,
    [o.rawHours, o.intervalSeconds],
  );
  const raw = await pool.query('SELECT count(*)::int AS n FROM probe_results');
  log(`probe_results: ${raw.rows[0].n.toLocaleString('en-US')} rows in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

  await pool.query(
    `INSERT INTO change_events (id, service_id, environment, version, description, actor, at)
     SELECT gen_random_uuid(), s.id, s.environment, 'v1.' || (random() * 100)::int, 'bench deploy', 'ci', now() - random() * interval '30 days'
     FROM services s, generate_series(1, 3)`,
  );
  await pool.query(
    `INSERT INTO alerts (id, service_id, endpoint_id, key, open_key, level, peak_level, message, opened_at, updated_at)
     SELECT gen_random_uuid(), e.service_id, e.id, 'endpoint_down', e.id::text || ':endpoint_down', 'critical', 'critical', 'bench: down', now() - interval '5 minutes', now()
     FROM endpoints e WHERE e.status = 'down'`,
  );
  await pool.query('ANALYZE');
}

/** A few thousand past status changes, as the trigger would have written them. */
export async function seedStatusChanges(pool: pg.Pool, count: number) {
  await pool.query(
    `INSERT INTO status_changes (service_id, endpoint_id, kind, from_status, to_status, error, at)
     SELECT e.service_id, e.id, e.kind, 'up', 'down', 'bench: timed out', now() - random() * interval '30 days'
     FROM endpoints e, generate_series(1, $1) g
     ORDER BY random() LIMIT $1`,
    [count],
  );
}
