/**
 * The simulated services of `npm run demo`: small node:http servers on loopback that
 * answer like real services do (Spring Boot actuator, IETF health+json, ASP.NET Core,
 * home-grown JSON, plain text; Prometheus text with node_* / process_* gauges).
 *
 * Everything a server says is a pure function of t, the seconds since the simulation
 * started (see simRespond), so the behaviour can be unit tested and counters are
 * monotonic: each is floor(rate × ∫ curve), never a random walk.
 *
 *   payments-api    healthy: Spring health UP, ready, Flyway at head, ~0.2 % 5xx, p95 ≈ 90 ms, telemetry
 *   search          flapping: IETF health passes for 45 s, fails (503) for 45 s, over and over
 *   billing-worker  ASP.NET health Healthy, but its database is 3 migrations behind (0041 of 0044)
 *   checkout        5xx share climbs from 1 % to 15 % over 5 min, holds 1 min, then starts again
 *   reports         p95 latency between ~3.5 and ~6 s; health answers "ok" after ~1.5 s
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LogNormalLatency, PeriodicCurve } from './curves';

export const SIM_NAMES = ['payments-api', 'search', 'billing-worker', 'checkout', 'reports'] as const;
export type SimName = (typeof SIM_NAMES)[number];

// ---------------------------------------------------------------------------
// Timing of the story (seconds)

/** search: one cycle is FLAP_UP_S up, then down until FLAP_PERIOD_S. */
export const FLAP_PERIOD_S = 90;
export const FLAP_UP_S = 45;
/** checkout: the 5xx share climbs for CHECKOUT_RAMP_S, holds until CHECKOUT_CYCLE_S, then resets. */
export const CHECKOUT_RAMP_S = 300;
export const CHECKOUT_CYCLE_S = 360;
export const CHECKOUT_ERROR_START = 1;
export const CHECKOUT_ERROR_PEAK = 15;
/** billing-worker: where its database is and where the code expects it. */
export const BILLING_CURRENT_MIGRATION = '0041';
export const BILLING_HEAD_MIGRATION = '0044';
const BILLING_PENDING = ['0042_invoice_currency', '0043_tax_rate_history', '0044_credit_note_links'];

export type FlapState = 'up' | 'down';

/** Whether search's health passes at t. */
export function flapStateAt(t: number): FlapState {
  const x = t > 0 ? t % FLAP_PERIOD_S : 0;
  return x < FLAP_UP_S ? 'up' : 'down';
}

// 5xx share in percent of all requests.
const SERVER_ERRORS: Record<SimName, PeriodicCurve> = {
  'payments-api': PeriodicCurve.constant(0.2),
  search: new PeriodicCurve(
    [
      { t: 0, v: 0.3 },
      { t: FLAP_UP_S, v: 0.3 },
      { t: FLAP_UP_S, v: 38 },
    ],
    FLAP_PERIOD_S,
  ),
  'billing-worker': PeriodicCurve.constant(0),
  checkout: new PeriodicCurve(
    [
      { t: 0, v: CHECKOUT_ERROR_START },
      { t: CHECKOUT_RAMP_S, v: CHECKOUT_ERROR_PEAK },
    ],
    CHECKOUT_CYCLE_S,
  ),
  reports: PeriodicCurve.constant(0.4),
};

/** Share of the service's requests answered with a 5xx at t, in percent (0..100). */
export function errorShareAt(service: SimName, t: number): number {
  return SERVER_ERRORS[service].at(t);
}

/** How long reports' health endpoint takes to answer at t: 1.3 to 1.7 s. */
export function reportsHealthDelayMs(t: number): number {
  return Math.round(1500 + 200 * Math.sin(t / 7));
}

// ---------------------------------------------------------------------------
// Service profiles

interface HttpProfile {
  /** Requests per second, all routes together. */
  rate: number;
  /** 4xx share in percent. */
  clientErrors: number;
  routes: { method: string; route: string; weight: number }[];
  /** Latency when all is well, when it is not, and how much of the traffic is in the second state. */
  fast: LogNormalLatency;
  slow: LogNormalLatency;
  slowShare: PeriodicCurve;
}

interface MachineProfile {
  cores: number;
  /** Busy share of each core, 0..1. */
  cpu: PeriodicCurve;
  /** Used share of memory, 0..1. */
  memory: PeriodicCurve;
  /** Used share of the root filesystem, 0..1. */
  disk: PeriodicCurve;
  memTotal: number;
  diskSize: number;
}

const GIB = 1024 ** 3;
/** prom-client's default buckets, in seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const wave = (lo: number, hi: number, period: number) =>
  new PeriodicCurve(
    [
      { t: 0, v: lo },
      { t: period / 2, v: hi },
      { t: period, v: lo },
    ],
    period,
  );

const HTTP: Partial<Record<SimName, HttpProfile>> = {
  'payments-api': {
    rate: 85,
    clientErrors: 1.2,
    routes: [
      { method: 'POST', route: '/v1/payments', weight: 0.45 },
      { method: 'GET', route: '/v1/payments/{id}', weight: 0.4 },
      { method: 'POST', route: '/v1/refunds', weight: 0.15 },
    ],
    fast: new LogNormalLatency(0.032, 0.085),
    slow: new LogNormalLatency(0.032, 0.085),
    slowShare: PeriodicCurve.constant(0),
  },
  search: {
    rate: 140,
    clientErrors: 0.8,
    routes: [
      { method: 'GET', route: '/search', weight: 0.8 },
      { method: 'GET', route: '/suggest', weight: 0.2 },
    ],
    fast: new LogNormalLatency(0.045, 0.16),
    slow: new LogNormalLatency(0.045, 0.16),
    slowShare: PeriodicCurve.constant(0),
  },
  checkout: {
    // Enough traffic that a 10 s window holds a steady share of errors.
    rate: 120,
    clientErrors: 1.5,
    routes: [
      { method: 'POST', route: '/api/cart/items', weight: 0.5 },
      { method: 'GET', route: '/api/cart', weight: 0.3 },
      { method: 'POST', route: '/api/orders', weight: 0.2 },
    ],
    fast: new LogNormalLatency(0.11, 0.32),
    slow: new LogNormalLatency(0.28, 1.1),
    // Latency worsens along with the errors (retries on a failing dependency).
    slowShare: new PeriodicCurve(
      [
        { t: 0, v: 0 },
        { t: CHECKOUT_RAMP_S, v: 1 },
      ],
      CHECKOUT_CYCLE_S,
    ),
  },
  reports: {
    rate: 3.5,
    clientErrors: 0.6,
    routes: [
      { method: 'POST', route: '/reports', weight: 0.3 },
      { method: 'GET', route: '/reports/{id}', weight: 0.7 },
    ],
    fast: new LogNormalLatency(1.1, 3.2),
    slow: new LogNormalLatency(1.7, 5.2),
    slowShare: wave(0, 1, 240),
  },
};

const MACHINE: Record<SimName, MachineProfile> = {
  'payments-api': { cores: 4, cpu: wave(0.18, 0.27, 120), memory: wave(0.44, 0.48, 300), disk: PeriodicCurve.constant(0.41), memTotal: 8 * GIB, diskSize: 50 * GIB },
  search: { cores: 8, cpu: wave(0.3, 0.42, 90), memory: wave(0.6, 0.64, 180), disk: PeriodicCurve.constant(0.55), memTotal: 32 * GIB, diskSize: 200 * GIB },
  'billing-worker': { cores: 2, cpu: wave(0.12, 0.2, 150), memory: wave(0.36, 0.4, 240), disk: PeriodicCurve.constant(0.74), memTotal: 4 * GIB, diskSize: 40 * GIB },
  checkout: {
    cores: 4,
    cpu: new PeriodicCurve(
      [
        { t: 0, v: 0.3 },
        { t: CHECKOUT_RAMP_S, v: 0.52 },
      ],
      CHECKOUT_CYCLE_S,
    ),
    memory: wave(0.55, 0.6, 200),
    disk: PeriodicCurve.constant(0.47),
    memTotal: 8 * GIB,
    diskSize: 50 * GIB,
  },
  reports: { cores: 4, cpu: wave(0.52, 0.66, 240), memory: wave(0.62, 0.68, 240), disk: PeriodicCurve.constant(0.63), memTotal: 16 * GIB, diskSize: 100 * GIB },
};

/** The machine was booted a week before the simulation started. */
const BOOT_AGE_S = 7 * 24 * 3600;

// ---------------------------------------------------------------------------
// What each service exposes, and how the demo registers it

export interface SimEndpoint {
  kind: 'health' | 'liveness' | 'readiness' | 'migration' | 'metrics' | 'telemetry';
  path: string;
  intervalSeconds: number;
  telemetryPaths?: Record<string, string>;
}

export const SIM_ENDPOINTS: Record<SimName, SimEndpoint[]> = {
  'payments-api': [
    { kind: 'health', path: '/actuator/health', intervalSeconds: 10 },
    { kind: 'liveness', path: '/actuator/health/liveness', intervalSeconds: 15 },
    { kind: 'readiness', path: '/actuator/health/readiness', intervalSeconds: 15 },
    { kind: 'migration', path: '/actuator/flyway', intervalSeconds: 15 },
    { kind: 'metrics', path: '/metrics', intervalSeconds: 10 },
    {
      kind: 'telemetry',
      path: '/internal/stats',
      intervalSeconds: 15,
      telemetryPaths: {
        queueDepth: '$.queue.depth',
        authorizedPerMinute: '$.payments.authorizedPerMinute',
        declineRate: '$.payments.declineRatePercent',
        busyWorkers: '$.workers.busy',
      },
    },
  ],
  search: [
    { kind: 'health', path: '/health', intervalSeconds: 10 },
    { kind: 'liveness', path: '/livez', intervalSeconds: 15 },
    { kind: 'metrics', path: '/metrics', intervalSeconds: 10 },
  ],
  'billing-worker': [
    { kind: 'health', path: '/health', intervalSeconds: 10 },
    { kind: 'readiness', path: '/health/ready', intervalSeconds: 15 },
    { kind: 'migration', path: '/migrations', intervalSeconds: 15 },
    { kind: 'metrics', path: '/metrics', intervalSeconds: 15 },
  ],
  checkout: [
    { kind: 'health', path: '/healthz', intervalSeconds: 10 },
    { kind: 'readiness', path: '/ready', intervalSeconds: 15 },
    { kind: 'metrics', path: '/metrics', intervalSeconds: 10 },
  ],
  reports: [
    { kind: 'health', path: '/health', intervalSeconds: 10 },
    { kind: 'metrics', path: '/metrics', intervalSeconds: 10 },
  ],
};

// ---------------------------------------------------------------------------
// Responses

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Answer only after this long. */
  delayMs?: number;
}

export interface SimTime {
  /** Seconds since the simulation started (including any fast-forward offset). */
  t: number;
  /** Wall clock, ms since the epoch, for timestamps in bodies. */
  nowMs: number;
}

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';
export const PROMETHEUS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const json = (status: number, body: unknown, type = JSON_TYPE): SimResponse => ({
  status,
  headers: { 'content-type': type },
  body: JSON.stringify(body),
});
const text = (status: number, body: string, type = TEXT_TYPE): SimResponse => ({ status, headers: { 'content-type': type }, body });
const notFound = (): SimResponse => json(404, { error: 'not found' });

/** What `service` answers to GET `path` at `time`. Pure. */
export function simRespond(service: SimName, path: string, time: SimTime): SimResponse {
  const route = path.split('?')[0].replace(/\/+$/, '') || '/';
  switch (service) {
    case 'payments-api':
      return paymentsRespond(route, time);
    case 'search':
      return searchRespond(route, time);
    case 'billing-worker':
      return billingRespond(route, time);
    case 'checkout':
      return checkoutRespond(route, time);
    case 'reports':
      return reportsRespond(route, time);
  }
}

function paymentsRespond(route: string, { t, nowMs }: SimTime): SimResponse {
  const actuator = 'application/vnd.spring-boot.actuator.v3+json';
  const m = MACHINE['payments-api'];
  switch (route) {
    case '/actuator/health':
      return json(
        200,
        {
          status: 'UP',
          components: {
            db: { status: 'UP', details: { database: 'PostgreSQL', validationQuery: 'isValid()' } },
            diskSpace: {
              status: 'UP',
              details: { total: m.diskSize, free: Math.round(m.diskSize * (1 - m.disk.at(t))), threshold: 10485760, path: '/app/.', exists: true },
            },
            paymentGateway: { status: 'UP', details: { provider: 'acquirer-eu', latencyMs: Math.round(38 + 6 * Math.sin(t / 11)) } },
            ping: { status: 'UP' },
          },
        },
        actuator,
      );
    case '/actuator/health/liveness':
    case '/actuator/health/readiness':
      return json(200, { status: 'UP' }, actuator);
    case '/actuator/flyway':
      return json(
        200,
        {
          contexts: {
            'payments-api': {
              flywayBeans: {
                flyway: {
                  migrations: ['0025', '0026', '0027'].map((version, i) => ({
                    type: 'SQL',
                    checksum: 1839204 + i * 7177,
                    version,
                    description: ['ledger entries', 'refund reasons', 'idempotency keys'][i],
                    script: `V${version}__${['ledger_entries', 'refund_reasons', 'idempotency_keys'][i]}.sql`,
                    state: 'SUCCESS',
                    installedBy: 'payments',
                    installedOn: new Date(nowMs - (40 - i * 12) * 86_400_000).toISOString(),
                    installedRank: 25 + i,
                    executionTime: 120 + i * 35,
                  })),
                },
              },
            },
          },
        },
        actuator,
      );
    case '/metrics':
      return text(200, metricsText('payments-api', t, nowMs), PROMETHEUS_TYPE);
    case '/internal/stats': {
      const perMinute = HTTP['payments-api']!.rate * 60 * 0.45;
      return json(200, {
        service: 'payments-api',
        version: '5.3.1',
        uptimeSeconds: Math.floor(t),
        queue: { name: 'settlements', depth: Math.round(14 + 9 * Math.sin(t / 23)) },
        payments: {
          authorizedPerMinute: Math.round(perMinute * (0.97 + 0.02 * Math.sin(t / 17))),
          declineRatePercent: Math.round((3.1 + 0.6 * Math.sin(t / 31)) * 10) / 10,
        },
        workers: { busy: Math.round(5 + 3 * Math.sin(t / 13)), total: 16 },
      });
    }
    default:
      return notFound();
  }
}

function searchRespond(route: string, { t, nowMs }: SimTime): SimResponse {
  switch (route) {
    case '/health': {
      const up = flapStateAt(t) === 'up';
      const time = new Date(nowMs).toISOString();
      return json(
        up ? 200 : 503,
        {
          status: up ? 'pass' : 'fail',
          version: '3',
          releaseId: '3.8.1',
          serviceId: 'search',
          description: 'product search and suggestions',
          ...(up ? {} : { output: 'search cluster unavailable' }),
          checks: {
            'elasticsearch:responseTime': [
              up
                ? { componentId: 'es-products', componentType: 'datastore', observedValue: Math.round(11 + 4 * Math.sin(t / 5)), observedUnit: 'ms', status: 'pass', time }
                : { componentId: 'es-products', componentType: 'datastore', status: 'fail', output: 'cluster health red: 3 of 5 primary shards unassigned', time },
            ],
            'index:freshness': [{ componentType: 'component', observedValue: Math.round(30 + (t % 60)), observedUnit: 's', status: 'pass', time }],
          },
        },
        'application/health+json',
      );
    }
    case '/livez':
      return text(200, 'ok');
    case '/metrics':
      return text(200, metricsText('search', t, nowMs), PROMETHEUS_TYPE);
    default:
      return notFound();
  }
}

function billingRespond(route: string, { t, nowMs }: SimTime): SimResponse {
  const span = (ms: number) => `00:00:00.${String(Math.round(ms * 10_000)).padStart(7, '0')}`;
  switch (route) {
    case '/health': {
      const db = 6 + 2 * Math.sin(t / 9);
      const mq = 2 + Math.sin(t / 5);
      return json(200, {
        status: 'Healthy',
        totalDuration: span((db + mq) / 1000),
        entries: {
          sqlserver: { data: {}, duration: span(db / 1000), status: 'Healthy', tags: ['db', 'ready'] },
          rabbitmq: { data: { queue: 'invoices', consumers: 4 }, duration: span(mq / 1000), status: 'Healthy', tags: ['messaging'] },
        },
      });
    }
    case '/health/ready':
      return text(200, 'Healthy');
    case '/migrations':
      return json(200, {
        database: 'billing',
        current: BILLING_CURRENT_MIGRATION,
        head: BILLING_HEAD_MIGRATION,
        pendingMigrations: BILLING_PENDING,
        status: 'pending',
        checkedAt: new Date(nowMs).toISOString(),
      });
    case '/metrics':
      return text(200, metricsText('billing-worker', t, nowMs), PROMETHEUS_TYPE);
    default:
      return notFound();
  }
}

function checkoutRespond(route: string, { t, nowMs }: SimTime): SimResponse {
  switch (route) {
    case '/healthz':
      return json(200, {
        status: 'healthy',
        checks: {
          postgres: { status: 'healthy', durationMs: Math.round(3 + 2 * Math.abs(Math.sin(t / 7))) },
          redis: 'ok',
          'payments-api': { status: 'healthy', durationMs: Math.round(40 + 8 * Math.abs(Math.sin(t / 11))) },
        },
      });
    case '/ready':
      return json(200, { status: 'ready' });
    case '/metrics':
      return text(200, metricsText('checkout', t, nowMs), PROMETHEUS_TYPE);
    default:
      return notFound();
  }
}

function reportsRespond(route: string, { t, nowMs }: SimTime): SimResponse {
  switch (route) {
    case '/health':
      return { ...text(200, 'ok'), delayMs: reportsHealthDelayMs(t) };
    case '/metrics':
      return text(200, metricsText('reports', t, nowMs), PROMETHEUS_TYPE);
    default:
      return notFound();
  }
}

// ---------------------------------------------------------------------------
// Prometheus text

class Exposition {
  private readonly lines: string[] = [];

  family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): this {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    return this;
  }

  sample(name: string, labels: Record<string, string>, value: number, decimals = 0): this {
    const l = Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
      .join(',');
    this.lines.push(`${name}${l ? `{${l}}` : ''} ${decimals > 0 ? value.toFixed(decimals) : String(value)}`);
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** Requests per status code up to t, per route, as the counters show them. */
export function requestCounts(service: SimName, t: number): { method: string; route: string; code: string; count: number }[] {
  const p = HTTP[service];
  if (!p) return [];
  const served = p.rate * Math.max(0, t); // requests so far
  const server = (p.rate * SERVER_ERRORS[service].integral(t)) / 100; // 5xx so far
  const client = (served * p.clientErrors) / 100;
  const ok = served - server - client;
  const out: { method: string; route: string; code: string; count: number }[] = [];
  for (const r of p.routes) {
    const parts: [string, number][] = [
      ['200', ok * r.weight],
      ['400', client * r.weight * 0.3],
      ['404', client * r.weight * 0.7],
      ['500', server * r.weight * 0.75],
      ['503', server * r.weight * 0.25],
    ];
    for (const [code, value] of parts) out.push({ method: r.method, route: r.route, code, count: Math.floor(value) });
  }
  return out;
}

/** The latency histogram up to t: cumulative count per bucket (by `le`), its sum and count. */
export function latencyHistogram(service: SimName, t: number): { buckets: { le: number; count: number }[]; sum: number; count: number } | null {
  const p = HTTP[service];
  if (!p) return null;
  const elapsed = Math.max(0, t);
  const slowTime = p.slowShare.integral(t); // ∫ share of slow traffic
  const expected = (cdfFast: number, cdfSlow: number) => p.rate * (cdfFast * (elapsed - slowTime) + cdfSlow * slowTime);
  const buckets = [...LATENCY_BUCKETS, Infinity].map((le) => ({ le, count: Math.floor(expected(p.fast.cdf(le), p.slow.cdf(le))) }));
  return { buckets, sum: expected(p.fast.mean, p.slow.mean), count: buckets[buckets.length - 1].count };
}

/** Prometheus exposition of `service` at t (nowMs only places the process start time). */
export function metricsText(service: SimName, t: number, nowMs: number): string {
  const e = new Exposition();
  const p = HTTP[service];
  if (p) {
    e.family('http_requests_total', 'counter', 'HTTP requests served, by route and status code.');
    for (const c of requestCounts(service, t)) e.sample('http_requests_total', { method: c.method, route: c.route, code: c.code }, c.count);
    const h = latencyHistogram(service, t)!;
    e.family('http_request_duration_seconds', 'histogram', 'Time to answer an HTTP request.');
    for (const b of h.buckets) e.sample('http_request_duration_seconds_bucket', { le: b.le === Infinity ? '+Inf' : String(b.le) }, b.count);
    e.sample('http_request_duration_seconds_sum', {}, h.sum, 3);
    e.sample('http_request_duration_seconds_count', {}, h.count);
  }
  if (service === 'billing-worker') {
    e.family('billing_jobs_processed_total', 'counter', 'Billing jobs taken off the queue, by outcome.');
    e.sample('billing_jobs_processed_total', { queue: 'invoices', outcome: 'success' }, Math.floor(6.5 * Math.max(0, t)));
    e.sample('billing_jobs_processed_total', { queue: 'invoices', outcome: 'failure' }, Math.floor(0.02 * Math.max(0, t)));
    e.family('billing_queue_depth', 'gauge', 'Jobs waiting in the queue.');
    e.sample('billing_queue_depth', { queue: 'invoices' }, Math.round(40 + 25 * Math.sin(t / 19)));
  }

  const m = MACHINE[service];
  const busy = m.cpu.integral(t); // busy seconds of one core since the start
  const startSeconds = nowMs / 1000 - t;
  e.family('process_cpu_seconds_total', 'counter', 'Total user and system CPU time spent in seconds.');
  e.sample('process_cpu_seconds_total', {}, busy * m.cores * 0.85, 2);
  e.family('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.');
  e.sample('process_resident_memory_bytes', {}, Math.round(m.memTotal * m.memory.at(t) * 0.8));
  e.family('process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.');
  e.sample('process_start_time_seconds', {}, Math.floor(startSeconds));

  e.family('node_cpu_seconds_total', 'counter', 'Seconds the CPUs spent in each mode.');
  for (let cpu = 0; cpu < m.cores; cpu++) {
    const base = BOOT_AGE_S + cpu * 0.37;
    const modes: [string, number][] = [
      ['idle', base * 0.7 + Math.max(0, t) - busy],
      ['iowait', base * 0.01 + busy * 0.04],
      ['system', base * 0.07 + busy * 0.21],
      ['user', base * 0.22 + busy * 0.75],
    ];
    for (const [mode, value] of modes) e.sample('node_cpu_seconds_total', { cpu: String(cpu), mode }, value, 2);
  }
  e.family('node_memory_MemTotal_bytes', 'gauge', 'Memory information field MemTotal_bytes.');
  e.sample('node_memory_MemTotal_bytes', {}, m.memTotal);
  e.family('node_memory_MemAvailable_bytes', 'gauge', 'Memory information field MemAvailable_bytes.');
  e.sample('node_memory_MemAvailable_bytes', {}, Math.round(m.memTotal * (1 - m.memory.at(t))));
  const filesystems = [
    { device: '/dev/nvme0n1p1', fstype: 'ext4', mountpoint: '/', size: m.diskSize, used: m.disk.at(t) },
    { device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/run', size: 0.2 * GIB, used: 0.01 },
  ];
  e.family('node_filesystem_size_bytes', 'gauge', 'Filesystem size in bytes.');
  for (const f of filesystems) e.sample('node_filesystem_size_bytes', { device: f.device, fstype: f.fstype, mountpoint: f.mountpoint }, Math.round(f.size));
  e.family('node_filesystem_avail_bytes', 'gauge', 'Filesystem space available to non-root users in bytes.');
  for (const f of filesystems) {
    e.sample('node_filesystem_avail_bytes', { device: f.device, fstype: f.fstype, mountpoint: f.mountpoint }, Math.round(f.size * (1 - f.used)));
  }
  return e.toString();
}

// ---------------------------------------------------------------------------
// Servers

export interface SimClockOptions {
  /** Wall clock in ms; Date.now by default (tests pass their own). */
  clock?: () => number;
  /** When t = 0 was, ms since the epoch (or a function reading it); clock() at start by default. */
  startedAtMs?: number | (() => number);
  /** Fast-forward: t starts at this many seconds instead of 0. */
  offsetSeconds?: number;
}

export interface SimServer {
  name: SimName;
  /** Base URL, e.g. http://127.0.0.1:4001 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SimServerOptions extends SimClockOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

/** Seconds since the simulation started, per the options. */
export function simTime(opts: { clock: () => number; startedAtMs: number; offsetSeconds?: number }): SimTime {
  const nowMs = opts.clock();
  return { t: (nowMs - opts.startedAtMs) / 1000 + (opts.offsetSeconds ?? 0), nowMs };
}

/** Starts one simulated service. */
export async function startSimServer(name: SimName, opts: SimServerOptions = {}): Promise<SimServer> {
  const clock = opts.clock ?? Date.now;
  const fixedStart = typeof opts.startedAtMs === 'number' ? opts.startedAtMs : clock();
  const startedAt = typeof opts.startedAtMs === 'function' ? opts.startedAtMs : () => fixedStart;
  const host = opts.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': JSON_TYPE }).end(JSON.stringify({ error: 'method not allowed' }));
      return;
    }
    const reply = simRespond(name, req.url ?? '/', simTime({ clock, startedAtMs: startedAt(), offsetSeconds: opts.offsetSeconds }));
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(reply.status, { ...reply.headers, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(reply.body) });
      res.end(req.method === 'HEAD' ? undefined : reply.body);
    };
    if (reply.delayMs && reply.delayMs > 0) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, reply.delayMs);
      timers.add(timer);
    } else send();
  });
  server.keepAliveTimeout = 65_000;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    name,
    port,
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

export interface SimSet {
  servers: SimServer[];
  urls: Record<SimName, string>;
  /** When t = 0 was, ms since the epoch. */
  readonly startedAtMs: number;
  /** Starts the story over (t = 0 now), as if every simulated process had just restarted. */
  restart(): void;
  close(): Promise<void>;
}

/**
 * Starts every simulated service, on basePort, basePort+1, … when those are free
 * (stable URLs across demo restarts), otherwise on any free port.
 */
export async function startSims(opts: SimClockOptions & { host?: string; basePort?: number } = {}): Promise<SimSet> {
  const clock = opts.clock ?? Date.now;
  let startedAtMs = typeof opts.startedAtMs === 'function' ? opts.startedAtMs() : (opts.startedAtMs ?? clock());
  const servers: SimServer[] = [];
  try {
    for (const [i, name] of SIM_NAMES.entries()) {
      const common = { ...opts, clock, startedAtMs: () => startedAtMs };
      let server: SimServer;
      try {
        server = await startSimServer(name, { ...common, port: opts.basePort ? opts.basePort + i : 0 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
        server = await startSimServer(name, { ...common, port: 0 });
      }
      servers.push(server);
    }
  } catch (e) {
    await Promise.all(servers.map((s) => s.close()));
    throw e;
  }
  const urls = Object.fromEntries(servers.map((s) => [s.name, s.url])) as Record<SimName, string>;
  return {
    servers,
    urls,
    get startedAtMs() {
      return startedAtMs;
    },
    restart: () => {
      startedAtMs = clock();
    },
    close: async () => void (await Promise.all(servers.map((s) => s.close()))),
  };
}
