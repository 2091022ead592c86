import { describe, expect, it } from 'vitest';
import {
  aspnetDegraded, aspnetUnhealthy, ietfFail, ietfWarn, response, simpleDegraded, simpleUnhealthy,
  springBoot1, springDown, springLegacyDetails, springNested,
} from './__fixtures__/health-bodies';
import { describeFailing, normalizeHealth } from './health';

describe('health: Spring Boot Actuator', () => {
  it('503 with a DOWN database names the component, its raw status and the error detail', () => {
    const r = normalizeHealth(response(503, springDown));
    expect(r.status).toBe('down');
    expect(r.summary.format).toBe('spring-actuator');
    expect(r.error).toBe(
      'HTTP 503 Service Unavailable: db: DOWN (org.springframework.jdbc.CannotGetJdbcConnectionException: connection refused)',
    );
    expect(r.summary.components).toContainEqual(expect.objectContaining({ name: 'diskSpace', status: 'up', raw: 'UP' }));
    expect(r.summary.components?.map((c) => c.name)).toEqual(['db', 'diskSpace', 'livenessState', 'ping', 'readinessState']);
  });

  it('200 with DOWN in the body is still down', () => {
    const r = normalizeHealth(response(200, springDown));
    expect(r.status).toBe('down');
    expect(r.error).toMatch(/^db: DOWN \(/);
  });

  it('flattens nested composites with dotted names and reports the leaf, not the composite', () => {
    const r = normalizeHealth(response(503, springNested));
    expect(r.summary.components).toEqual([
      { name: 'db', status: 'down', raw: 'OUT_OF_SERVICE' },
      { name: 'db.primary', status: 'up', raw: 'UP' },
      { name: 'db.reporting', status: 'down', raw: 'OUT_OF_SERVICE', detail: 'maintenance window' },
      { name: 'ping', status: 'up', raw: 'UP' },
    ]);
    expect(r.error).toBe('HTTP 503 Service Unavailable: db.reporting: OUT_OF_SERVICE (maintenance window)');
  });

  it('reads the Spring Boot 2.0 `details` layout without mistaking free-form details for components', () => {
    const r = normalizeHealth(response(503, springLegacyDetails));
    expect(r.summary.components?.map((c) => [c.name, c.status])).toEqual([
      ['redis', 'down'],
      ['diskSpace', 'up'],
    ]);
    expect(r.error).toContain('redis: DOWN (io.lettuce.core.RedisConnectionException: Unable to connect to redis:6379)');
  });

  it('reads Spring Boot 1.x top-level components', () => {
    const r = normalizeHealth(response(200, springBoot1));
    expect(r.status).toBe('up');
    expect(r.error).toBeNull();
    expect(r.summary.components?.map((c) => c.name)).toEqual(['diskSpace', 'db']);
  });

  it('maps UNKNOWN to unknown and OUT_OF_SERVICE to down', () => {
    expect(normalizeHealth(response(200, { status: 'UNKNOWN' }))).toMatchObject({ status: 'unknown', error: 'reported status: UNKNOWN' });
    expect(normalizeHealth(response(200, { status: 'OUT_OF_SERVICE' })).status).toBe('down');
  });

  it('a 503 whose body claims UP is down (the HTTP status wins) and says so', () => {
    const r = normalizeHealth(response(503, { status: 'UP', components: { ping: { status: 'UP' } } }));
    expect(r.status).toBe('down');
    expect(r.error).toBe('HTTP 503 Service Unavailable: body says UP');
    expect(r.summary.note).toMatch(/body reports UP but the HTTP status decides/);
  });
});

describe('health: IETF application/health+json', () => {
  const ietf = (status: number, body: unknown) => response(status, body, { 'content-type': 'application/health+json' });

  it('warn → degraded, naming warned checks with their output or observed value', () => {
    const r = normalizeHealth(ietf(200, ietfWarn));
    expect(r.status).toBe('degraded');
    expect(r.summary.format).toBe('health+json');
    expect(r.error).toBe(
      'cassandra:connections: warn (pool nearly exhausted); cpu:utilization[0]: warn (observed 85 percent)',
    );
    // Two nodes share one componentId, so positions keep the names apart.
    expect(r.summary.components?.map((c) => c.name)).toEqual([
      'cassandra:responseTime',
      'cassandra:connections',
      'uptime',
      'cpu:utilization[0]',
      'cpu:utilization[1]',
    ]);
  });

  it('fail with 503 → down', () => {
    const r = normalizeHealth(ietf(503, ietfFail));
    expect(r.status).toBe('down');
    expect(r.error).toBe('HTTP 503 Service Unavailable: postgres:connections: fail (ECONNREFUSED 10.0.0.5:5432)');
  });

  it('fail with 200 → down; the top-level output explains when no check does', () => {
    const r = normalizeHealth(ietf(200, { status: 'fail', output: 'disk full' }));
    expect(r).toMatchObject({ status: 'down', error: 'reported status: fail (disk full)' });
  });

  it('is recognised without the content type from its array-valued checks', () => {
    const r = normalizeHealth(response(200, { status: 'pass', checks: { 'redis:ping': [{ status: 'pass' }] } }));
    expect(r).toMatchObject({ status: 'up', error: null, summary: { format: 'health+json' } });
  });

  it.each([['pass', 'up'], ['ok', 'up'], ['up', 'up'], ['warn', 'degraded'], ['fail', 'down'], ['error', 'down'], ['down', 'down']])(
    '%s → %s',
    (word, expected) => {
      expect(normalizeHealth(ietf(200, { status: word })).status).toBe(expected);
    },
  );
});

describe('health: ASP.NET Core', () => {
  it('Unhealthy entries → down with the description', () => {
    const r = normalizeHealth(response(503, aspnetUnhealthy));
    expect(r.status).toBe('down');
    expect(r.summary.format).toBe('aspnetcore');
    expect(r.error).toBe(
      'HTTP 503 Service Unavailable: sqlserver: Unhealthy (A network-related error occurred while establishing a connection to SQL Server.)',
    );
    expect(r.summary.components?.find((c) => c.name === 'redis')).toEqual({ name: 'redis', status: 'up', raw: 'Healthy' });
  });

  it('Degraded → degraded (ASP.NET answers 200 for Degraded)', () => {
    const r = normalizeHealth(response(200, aspnetDegraded));
    expect(r).toMatchObject({ status: 'degraded', error: 'blobstorage: Degraded (Latency above 200 ms)' });
  });

  it('the default text writer ("Healthy"/"Unhealthy") is understood', () => {
    expect(normalizeHealth(response(200, 'Healthy'))).toMatchObject({ status: 'up', summary: { format: 'text' } });
    expect(normalizeHealth(response(200, 'Degraded')).status).toBe('degraded');
    expect(normalizeHealth(response(503, 'Unhealthy'))).toMatchObject({
      status: 'down',
      error: 'HTTP 503 Service Unavailable: body says Unhealthy',
    });
  });
});

describe('health: simple / custom formats', () => {
  it('{status: degraded, checks} → degraded, naming the degraded check and keeping each own status', () => {
    const r = normalizeHealth(response(200, simpleDegraded));
    expect(r.status).toBe('degraded');
    expect(r.summary.format).toBe('checks');
    expect(r.error).toBe('queue: degraded (backlog of 1200 jobs)');
    expect(r.summary.components).toEqual([
      { name: 'database', status: 'up', raw: 'healthy' },
      { name: 'redis', status: 'up', raw: 'ok' },
      { name: 'queue', status: 'degraded', raw: 'degraded', detail: 'backlog of 1200 jobs' },
    ]);
  });

  it('{status: unhealthy} on a 200 is down', () => {
    const r = normalizeHealth(response(200, simpleUnhealthy));
    expect(r).toMatchObject({ status: 'down', error: 'database: unhealthy (timeout after 2000 ms)' });
  });

  it('when overall is degraded and a component is down, the error names the worst first', () => {
    const r = normalizeHealth(
      response(200, { status: 'degraded', checks: { cache: { status: 'warn' }, search: { status: 'down', error: 'no route to host' } } }),
    );
    expect(r.status).toBe('degraded');
    expect(r.error).toBe('search: down (no route to host); cache: warn');
  });

  it('overall up with a worse component stays up, error null, the component named in the note', () => {
    const r = normalizeHealth(response(200, { status: 'healthy', checks: { recommendations: { status: 'unhealthy' } } }));
    expect(r.status).toBe('up');
    expect(r.error).toBeNull();
    expect(r.summary.note).toBe('overall up, but recommendations: unhealthy');
  });

  it('checks as an array of {name, status}', () => {
    const r = normalizeHealth(response(200, { status: 'fail', checks: [{ name: 'kafka', status: 'fail', message: 'no brokers' }] }));
    expect(r).toMatchObject({ status: 'down', error: 'kafka: fail (no brokers)' });
  });

  it('no overall status: the worst component decides, with a note', () => {
    const r = normalizeHealth(response(200, { checks: { db: 'ok', cache: 'down' } }));
    expect(r.status).toBe('down');
    expect(r.error).toBe('cache: down');
    expect(r.summary.note).toMatch(/worst component decides/);
  });

  it.each(['ok', 'up', 'healthy', 'pass', 'OK'])('{status: "%s"} → up', (word) => {
    expect(normalizeHealth(response(200, { status: word }))).toMatchObject({ status: 'up', error: null, summary: { format: 'status' } });
  });

  it('{status: "UP"} is what Spring answers without details', () => {
    expect(normalizeHealth(response(200, { status: 'UP' }))).toMatchObject({ status: 'up', summary: { format: 'spring-actuator' } });
  });

  it.each(['ok', 'OK\n', '  healthy  ', 'Up', 'ok.'])('plain text %j → up', (text) => {
    expect(normalizeHealth(response(200, text))).toMatchObject({ status: 'up', error: null, summary: { format: 'text' } });
  });

  it('a JSON string body is read like text', () => {
    expect(normalizeHealth(response(200, '"ok"')).status).toBe('up');
  });
});

describe('health: the HTTP code decides when the body cannot', () => {
  it.each([
    [200, 'up'], [204, 'up'], [429, 'degraded'], [404, 'down'], [401, 'down'], [500, 'down'], [502, 'down'], [503, 'down'],
    [302, 'down'],
  ])('HTTP %i with an empty body → %s', (code, expected) => {
    const r = normalizeHealth(response(code, ''));
    expect(r.status).toBe(expected);
    expect(r.summary.format).toBe('http-status');
    expect(r.error === null).toBe(expected === 'up');
  });

  it('an unreadable 2xx body is up with a note', () => {
    const r = normalizeHealth(response(200, '<html><body>Welcome to nginx!</body></html>'));
    expect(r).toMatchObject({ status: 'up', error: null });
    expect(r.summary.note).toBe('body not recognised as a health document; HTTP 200 decides');
  });

  it('an unrecognised status value on a 2xx is up with a note', () => {
    const r = normalizeHealth(response(200, { status: 5 }));
    expect(r).toMatchObject({ status: 'up', error: null, summary: { note: 'unrecognised status "5"; HTTP 200 decides' } });
  });

  it('429 is degraded and says so', () => {
    expect(normalizeHealth(response(429, 'slow down'))).toMatchObject({ status: 'degraded', error: 'HTTP 429 Too Many Requests' });
  });

  it('a truncated body is judged by the HTTP code alone, with a note', () => {
    const big = { status: 200, headers: {}, body: '{"status":"DOWN","components":{', truncated: true };
    expect(normalizeHealth(big)).toEqual({ status: 'up', error: null, summary: { format: 'http-status', note: 'body truncated at 1 MiB' } });
    expect(normalizeHealth({ ...big, status: 503 })).toMatchObject({ status: 'down', error: 'HTTP 503 Service Unavailable' });
  });
});

describe('describeFailing', () => {
  it('keeps the error within 300 characters by summarising the rest', () => {
    const components = Array.from({ length: 40 }, (_, i) => ({
      name: `dependency-${i}`,
      status: 'down' as const,
      raw: 'DOWN',
      detail: 'connection refused by the remote host',
    }));
    const text = describeFailing(components) ?? '';
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toMatch(/; \+\d+ more$/);
  });

  it('is null when every component is up', () => {
    expect(describeFailing([{ name: 'a', status: 'up', raw: 'UP' }])).toBeNull();
  });
});
