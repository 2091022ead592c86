// Sample bodies in the shapes the frameworks document, written for these tests.
import type { HttpResponseLike } from '@/lib/probes/types';

export function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseLike {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain' : 'application/json';
  return { status, headers: { 'content-type': contentType, ...headers }, body: text, truncated: false };
}

/** Spring Boot 3 actuator, management.endpoint.health.show-details=always, database down. */
export const springDown = {
  status: 'DOWN',
  components: {
    db: {
      status: 'DOWN',
      details: {
        database: 'PostgreSQL',
        validationQuery: 'isValid()',
        error: 'org.springframework.jdbc.CannotGetJdbcConnectionException: connection refused',
      },
    },
    diskSpace: {
      status: 'UP',
      details: { total: 499963174912, free: 336229036032, threshold: 10485760, path: '/app/.', exists: true },
    },
    livenessState: { status: 'UP' },
    ping: { status: 'UP' },
    readinessState: { status: 'UP' },
  },
  groups: ['liveness', 'readiness'],
};

/** Spring Boot with a composite contributor (two data sources) nested under `components`. */
export const springNested = {
  status: 'OUT_OF_SERVICE',
  components: {
    db: {
      status: 'OUT_OF_SERVICE',
      components: {
        primary: { status: 'UP', details: { database: 'PostgreSQL', validationQuery: 'isValid()' } },
        reporting: { status: 'OUT_OF_SERVICE', details: { reason: 'maintenance window' } },
      },
    },
    ping: { status: 'UP' },
  },
};

/** Spring Boot 2.0/2.1 put components under `details`. */
export const springLegacyDetails = {
  status: 'DOWN',
  details: {
    redis: { status: 'DOWN', details: { error: 'io.lettuce.core.RedisConnectionException: Unable to connect to redis:6379' } },
    diskSpace: { status: 'UP', details: { total: 1000, free: 900, threshold: 10 } },
  },
};

/** Spring Boot 1.x: components at the top level. */
export const springBoot1 = {
  status: 'UP',
  diskSpace: { status: 'UP', total: 1000, free: 900, threshold: 10 },
  db: { status: 'UP', database: 'H2', hello: 1 },
};

/** IETF draft-inadarei-api-health-check (application/health+json). */
export const ietfWarn = {
  status: 'warn',
  version: '1',
  releaseId: '1.2.2',
  notes: [''],
  output: '',
  serviceId: 'f03e522f-1f44-4062-9b55-9587f91c9c41',
  description: 'health of authz service',
  checks: {
    'cassandra:responseTime': [
      {
        componentId: 'dfd6cf2b-1b6e-4412-a0b8-f6f7797a60d2',
        componentType: 'datastore',
        observedValue: 250,
        observedUnit: 'ms',
        status: 'pass',
        time: '2024-01-17T03:36:48Z',
        output: '',
      },
    ],
    'cassandra:connections': [
      {
        componentId: 'dfd6cf2b-1b6e-4412-a0b8-f6f7797a60d2',
        componentType: 'datastore',
        observedValue: 75,
        status: 'warn',
        time: '2024-01-17T03:36:48Z',
        output: 'pool nearly exhausted',
      },
    ],
    uptime: [{ componentType: 'system', observedValue: 1209600.245, observedUnit: 's', status: 'pass', time: '2024-01-17T03:36:48Z' }],
    'cpu:utilization': [
      { componentId: '6fd416e0-8920-410f-9c7b-c479000f7227', node: 1, componentType: 'system', observedValue: 85, observedUnit: 'percent', status: 'warn' },
      { componentId: '6fd416e0-8920-410f-9c7b-c479000f7227', node: 2, componentType: 'system', observedValue: 40, observedUnit: 'percent', status: 'pass' },
    ],
  },
  links: { about: 'http://api.example.com/about/authz' },
};

export const ietfFail = {
  status: 'fail',
  serviceId: 'orders',
  output: 'database unreachable',
  checks: {
    'postgres:connections': [{ componentType: 'datastore', status: 'fail', output: 'ECONNREFUSED 10.0.0.5:5432' }],
  },
};

/** ASP.NET Core with the HealthChecks.UI.Client UIResponseWriter. */
export const aspnetUnhealthy = {
  status: 'Unhealthy',
  totalDuration: '00:00:05.0123',
  entries: {
    sqlserver: {
      data: {},
      description: 'A network-related error occurred while establishing a connection to SQL Server.',
      duration: '00:00:05.0011',
      exception: 'Microsoft.Data.SqlClient.SqlException',
      status: 'Unhealthy',
      tags: ['db', 'sql'],
    },
    redis: { data: {}, duration: '00:00:00.0040', status: 'Healthy', tags: ['cache'] },
    self: { data: {}, duration: '00:00:00.0000', status: 'Healthy', tags: [] },
  },
};

export const aspnetDegraded = {
  status: 'Degraded',
  totalDuration: '00:00:00.2500',
  entries: {
    blobstorage: { data: {}, description: 'Latency above 200 ms', duration: '00:00:00.2400', status: 'Degraded', tags: [] },
    self: { data: {}, duration: '00:00:00.0000', status: 'Healthy', tags: [] },
  },
};

/** A home-grown format: {status, checks:{name: {status} | "ok"}}. */
export const simpleDegraded = {
  status: 'degraded',
  checks: {
    database: { status: 'healthy', latency_ms: 4 },
    redis: 'ok',
    queue: { status: 'degraded', message: 'backlog of 1200 jobs' },
  },
};

export const simpleUnhealthy = {
  status: 'unhealthy',
  checks: { database: { status: 'unhealthy', error: 'timeout after 2000 ms' }, redis: 'ok' },
};
