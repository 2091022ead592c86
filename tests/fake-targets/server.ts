/**
 * A fake monitored service for integration tests and benchmarks.
 *
 *   const t = await startFakeTarget();          // http://127.0.0.1:<random port>
 *   await prober.probe({ url: `${t.url}/health`, timeoutMs: 1000 });
 *   t.setMode('/health', 'down');               // now 503 with an unhealthy body
 *   t.setMode('/health', 'hang');               // or any fault below, on any path
 *   await t.close();                            // destroys every socket, so vitest exits
 *
 * Routes (GET; the path's mode, default 'up', decides healthy / degraded / down):
 *   /health                 health JSON in the target's `healthFormat` (default 'simple')
 *   /health/<format>        the same in one format: simple | ietf | spring | aspnet | ok | text
 *   /live                   "ok" (text)            /ready      {status:"ready"} or 503
 *   /migration              {current, head, status} (up: at head; degraded: 2 behind; down: 500, cannot tell)
 *   /metrics                Prometheus text; counters advance with time (~50 req/s)
 *   /telemetry              JSON snapshot with a few numbers
 *   /hang                   accepts, never answers       /reset    destroys the socket (TCP RST)
 *   /garbage                non-HTTP bytes on the raw socket
 *   /huge                   10 MB body, streamed (?bytes=N for another size)
 *   /trickle                headers, then 1 byte per second forever
 *   /loop                   redirects to itself          /loop/a → /loop/b → /loop/a
 *   /redirect/<n>           n redirects, then /health    /redirect-to?url=<absolute url>
 *   /status/<code>          that status, small JSON body
 *   /slow?ms=<n>            healthy after n ms
 *   /echo-headers           the request headers as JSON
 *   /bad-utf8               200 text with invalid UTF-8 bytes
 * A path set to a fault mode ('hang', 'reset', 'garbage', 'huge', 'trickle', 'slow:<ms>') behaves like
 * that route; `setMode(path, {status, body, headers})` answers exactly that.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type HealthFormat = 'simple' | 'ietf' | 'spring' | 'aspnet' | 'ok' | 'text';
export type FakeState = 'up' | 'degraded' | 'down';
export type FakeFault = 'hang' | 'reset' | 'garbage' | 'huge' | 'trickle' | `slow:${number}`;
export interface FakeCustomResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}
export type FakeMode = FakeState | FakeFault | FakeCustomResponse;

export interface FakeTargetOptions {
  /** Format of /health. Default 'simple'. */
  healthFormat?: HealthFormat;
  /** Initial modes by path. */
  modes?: Record<string, FakeMode>;
  /** Server keep-alive timeout. Default 30 s. */
  keepAliveTimeoutMs?: number;
}

export interface FakeTargetStats {
  /** TCP connections accepted since start (or the last resetStats). */
  connections: number;
  /** Connections open now. */
  openConnections: number;
  /** Requests received since start (or the last resetStats). */
  requests: number;
}

export interface FakeTarget {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:39123 */
  url: string;
  port: number;
  /** Set how a path answers; see the module comment. */
  setMode(path: string, mode: FakeMode): void;
  /** Back to defaults: every path 'up'. */
  clearModes(): void;
  stats(): FakeTargetStats;
  resetStats(): void;
  /** Headers of the last request to each path (names lower-cased). */
  lastHeaders(path: string): http.IncomingHttpHeaders | undefined;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const HUGE_BYTES = 10 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

interface Canned {
  status: number;
  type: string;
  body: Buffer;
}

function canned(status: number, body: unknown, type = JSON_TYPE): Canned {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, type, body: Buffer.from(text) };
}

/** Health bodies, prebuilt once: the benchmark hits them thousands of times a second. */
const HEALTH: Record<HealthFormat, Record<FakeState, Canned>> = {
  simple: {
    up: canned(200, { status: 'healthy', checks: { database: { status: 'healthy' }, cache: { status: 'healthy' } } }),
    degraded: canned(200, { status: 'degraded', checks: { database: { status: 'healthy' }, cache: { status: 'degraded', detail: 'high latency' } } }),
    down: canned(503, { status: 'unhealthy', checks: { database: { status: 'unhealthy', detail: 'connection refused' }, cache: { status: 'healthy' } } }),
  },
  ietf: {
    up: canned(200, { status: 'pass', checks: { 'db:responseTime': [{ status: 'pass', observedValue: 12, observedUnit: 'ms' }] } }, 'application/health+json'),
    degraded: canned(200, { status: 'warn', checks: { 'db:responseTime': [{ status: 'warn', observedValue: 900, observedUnit: 'ms' }] } }, 'application/health+json'),
    down: canned(503, { status: 'fail', output: 'database unreachable', checks: { 'db:responseTime': [{ status: 'fail', output: 'timeout' }] } }, 'application/health+json'),
  },
  spring: {
    up: canned(200, { status: 'UP', components: { db: { status: 'UP' }, diskSpace: { status: 'UP', details: { free: 5e10 } } } }, 'application/vnd.spring-boot.actuator.v3+json'),
    degraded: canned(200, { status: 'UP', components: { db: { status: 'UP' }, mail: { status: 'UNKNOWN' } } }, 'application/vnd.spring-boot.actuator.v3+json'),
    down: canned(503, { status: 'DOWN', components: { db: { status: 'DOWN' }, diskSpace: { status: 'OUT_OF_SERVICE' } } }, 'application/vnd.spring-boot.actuator.v3+json'),
  },
  aspnet: {
    up: canned(200, { status: 'Healthy', totalDuration: '00:00:00.0123', entries: { sql: { status: 'Healthy' }, redis: { status: 'Healthy' } } }),
    degraded: canned(200, { status: 'Degraded', totalDuration: '00:00:00.5', entries: { sql: { status: 'Healthy' }, redis: { status: 'Degraded' } } }),
    down: canned(503, { status: 'Unhealthy', totalDuration: '00:00:05', entries: { sql: { status: 'Unhealthy', description: 'timeout' }, redis: { status: 'Healthy' } } }),
  },
  ok: {
    up: canned(200, { status: 'ok' }),
    degraded: canned(200, { status: 'degraded' }),
    down: canned(503, { status: 'error' }),
  },
  text: {
    up: canned(200, 'ok', TEXT_TYPE),
    degraded: canned(200, 'degraded', TEXT_TYPE),
    down: canned(503, 'unavailable', TEXT_TYPE),
  },
};
const HEALTH_FORMATS = Object.keys(HEALTH) as HealthFormat[];

const LIVE: Record<FakeState, Canned> = { up: canned(200, 'ok', TEXT_TYPE), degraded: canned(200, 'ok', TEXT_TYPE), down: canned(503, 'dead', TEXT_TYPE) };
const READY: Record<FakeState, Canned> = {
  up: canned(200, { status: 'ready' }),
  degraded: canned(200, { status: 'ready', warnings: ['warming cache'] }),
  down: canned(503, { status: 'not ready', reason: 'database migrations running' }),
};
const MIGRATION: Record<FakeState, Canned> = {
  up: canned(200, { current: '20250301_add_orders_index', head: '20250301_add_orders_index', status: 'head', pending: 0 }),
  degraded: canned(200, { current: '20250215_add_orders', head: '20250301_add_orders_index', status: 'behind', pending: 2 }),
  down: canned(500, { error: 'cannot read migration table' }),
};
const GARBAGE = Buffer.from('\x00\x17\xffSSH-2.0-NotHttp garbage\r\n\x01\x02\x03\r\n\r\n', 'latin1');
const BAD_UTF8 = Buffer.concat([Buffer.from('status: ok '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' end')]);

/** Prometheus counters that advance with time at rates set by the /metrics mode. */
class MetricsModel {
  private last = Date.now();
  private readonly startTime = Math.floor(Date.now() / 1000);
  // A process that has been running a while: the first scrape already shows history.
  requests = 100_000;
  errors = 1_000;
  cpuSeconds = 120;
  /** cumulative histogram buckets (le in seconds) */
  readonly les = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  readonly buckets = [50_000, 80_000, 96_000, 99_000, 100_000, 100_000, 100_000, 100_000];
  durationSum = 8_000;

  advance(state: FakeState): void {
    const now = Date.now();
    const dt = Math.max(0, (now - this.last) / 1000);
    this.last = now;
    const rate = 50;
    const errShare = state === 'up' ? 0.01 : state === 'degraded' ? 0.07 : 0.4;
    const n = rate * dt;
    this.requests += n;
    this.errors += n * errShare;
    this.cpuSeconds += dt * (state === 'up' ? 0.2 : 0.8);
    // latency: up ≈ p95 ~ 0.2 s, degraded ≈ 3 s, down ≈ 8 s
    const dist = state === 'up' ? [0.5, 0.8, 0.96, 0.99, 1, 1, 1, 1] : state === 'degraded' ? [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.97, 1] : [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.98];
    for (let i = 0; i < this.les.length; i++) this.buckets[i] += n * dist[i];
    this.durationSum += n * (state === 'up' ? 0.08 : state === 'degraded' ? 1.5 : 5);
  }

  render(): string {
    const f = (x: number) => String(Math.floor(x));
    const ok = this.requests - this.errors;
    const lines = [
      '# HELP http_requests_total Requests handled.',
      '# TYPE http_requests_total counter',
      `http_requests_total{method="GET",code="200"} ${f(ok)}`,
      `http_requests_total{method="GET",code="500"} ${f(this.errors)}`,
      '# HELP http_request_duration_seconds Request latency.',
      '# TYPE http_request_duration_seconds histogram',
      ...this.les.map((le, i) => `http_request_duration_seconds_bucket{le="${le}"} ${f(this.buckets[i])}`),
      `http_request_duration_seconds_bucket{le="+Inf"} ${f(this.requests)}`,
      `http_request_duration_seconds_sum ${this.durationSum.toFixed(3)}`,
      `http_request_duration_seconds_count ${f(this.requests)}`,
      '# HELP process_cpu_seconds_total CPU time.',
      '# TYPE process_cpu_seconds_total counter',
      `process_cpu_seconds_total ${this.cpuSeconds.toFixed(3)}`,
      '# TYPE process_resident_memory_bytes gauge',
      'process_resident_memory_bytes 268435456',
      '# TYPE process_start_time_seconds gauge',
      `process_start_time_seconds ${this.startTime}`,
      '# TYPE node_memory_MemTotal_bytes gauge',
      'node_memory_MemTotal_bytes 8589934592',
      '# TYPE node_memory_MemAvailable_bytes gauge',
      'node_memory_MemAvailable_bytes 4294967296',
      '# TYPE node_filesystem_size_bytes gauge',
      'node_filesystem_size_bytes{mountpoint="/"} 107374182400',
      '# TYPE node_filesystem_avail_bytes gauge',
      'node_filesystem_avail_bytes{mountpoint="/"} 42949672960',
      '',
    ];
    return lines.join('\n');
  }
}

function isState(m: FakeMode | undefined): m is FakeState {
  return m === 'up' || m === 'degraded' || m === 'down';
}

function createTarget(opts: FakeTargetOptions) {
  const modes = new Map<string, FakeMode>(Object.entries(opts.modes ?? {}));
  const healthFormat = opts.healthFormat ?? 'simple';
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const headersByPath = new Map<string, http.IncomingHttpHeaders>();
  const metrics = new MetricsModel();
  let connections = 0;
  let requests = 0;
  let closing = false;

  function send(res: http.ServerResponse, c: Canned, extra?: Record<string, string>) {
    res.writeHead(c.status, { 'content-type': c.type, 'content-length': c.body.length, ...extra });
    res.end(c.body);
  }

  function later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
    return t;
  }

  function fault(fault: FakeFault, req: http.IncomingMessage, res: http.ServerResponse, bytes?: number): void {
    const socket = req.socket;
    if (fault === 'hang') {
      return; // the socket stays open until the client gives up or close() destroys it
    }
    if (fault === 'reset') {
      socket.resetAndDestroy();
      return;
    }
    if (fault === 'garbage') {
      socket.end(GARBAGE);
      return;
    }
    if (fault === 'huge') {
      let left = bytes ?? HUGE_BYTES;
      res.writeHead(200, { 'content-type': TEXT_TYPE, 'content-length': left });
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          const n = Math.min(left, CHUNK.length);
          left -= n;
          const more = res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n));
          if (!more) {
            res.once('drain', pump);
            return;
          }
        }
        if (left === 0 && !res.destroyed) res.end();
      };
      pump();
      return;
    }
    if (fault === 'trickle') {
      res.writeHead(200, { 'content-type': TEXT_TYPE });
      res.flushHeaders();
      res.write('{');
      const t = setInterval(() => {
        if (res.destroyed) {
          clearInterval(t);
          timers.delete(t);
          return;
        }
        res.write(' ');
      }, 1000);
      timers.add(t);
      res.on('close', () => {
        clearInterval(t);
        timers.delete(t);
      });
      return;
    }
    if (fault.startsWith('slow:')) {
      const ms = Number(fault.slice(5)) || 0;
      const t = later(ms, () => {
        if (!res.destroyed) send(res, HEALTH[healthFormat].up);
      });
      res.on('close', () => {
        clearTimeout(t);
        timers.delete(t);
      });
    }
  }

  function redirect(res: http.ServerResponse, location: string, status = 302) {
    res.writeHead(status, { location, 'content-length': 0 });
    res.end();
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests++;
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '');
    headersByPath.set(path, req.headers);
    // Drain any request body so keep-alive works.
    req.resume();

    const mode = modes.get(path);
    if (mode !== undefined && !isState(mode)) {
      if (typeof mode === 'object') {
        const body = Buffer.from(mode.body ?? '');
        res.writeHead(mode.status, { 'content-type': JSON_TYPE, 'content-length': body.length, ...mode.headers });
        res.end(body);
        return;
      }
      fault(mode, req, res);
      return;
    }
    const state: FakeState = mode ?? 'up';

    if (path === '/health' || path === '/healthz') {
      const fmt = (query.get('format') as HealthFormat | null) ?? healthFormat;
      return send(res, (HEALTH[fmt] ?? HEALTH[healthFormat])[state]);
    }
    if (path.startsWith('/health/')) {
      const fmt = path.slice('/health/'.length) as HealthFormat;
      if (HEALTH_FORMATS.includes(fmt)) return send(res, HEALTH[fmt][state]);
    }
    switch (path) {
      case '/':
        return send(res, canned(200, { service: 'fake-target' }));
      case '/live':
      case '/livez':
        return send(res, LIVE[state]);
      case '/ready':
      case '/readyz':
        return send(res, READY[state]);
      case '/migration':
        return send(res, MIGRATION[state]);
      case '/metrics': {
        metrics.advance(state);
        const body = Buffer.from(metrics.render());
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': body.length });
        res.end(body);
        return;
      }
      case '/telemetry':
        return send(
          res,
          canned(200, {
            queue: { depth: state === 'up' ? 3 : state === 'degraded' ? 250 : 5000, consumers: 4 },
            orders: { perMinute: state === 'down' ? 0 : 120 },
            at: new Date().toISOString(),
          }),
        );
      case '/hang':
      case '/reset':
      case '/garbage':
      case '/trickle':
        return fault(path.slice(1) as FakeFault, req, res);
      case '/huge': {
        const n = Number(query.get('bytes'));
        return fault('huge', req, res, Number.isFinite(n) && n > 0 ? n : undefined);
      }
      case '/slow':
        return fault(`slow:${Number(query.get('ms')) || 0}`, req, res);
      case '/loop':
        return redirect(res, '/loop');
      case '/loop/a':
        return redirect(res, '/loop/b');
      case '/loop/b':
        return redirect(res, '/loop/a');
      case '/redirect-to': {
        const to = query.get('url');
        if (to) return redirect(res, to, Number(query.get('status')) || 302);
        break;
      }
      case '/echo-headers':
        return send(res, canned(200, req.headers));
      case '/bad-utf8':
        return send(res, { status: 200, type: TEXT_TYPE, body: BAD_UTF8 });
    }
    if (path.startsWith('/redirect/')) {
      const n = Number(path.slice('/redirect/'.length));
      if (Number.isInteger(n) && n >= 0) return redirect(res, n > 0 ? `/redirect/${n - 1}` : '/health');
    }
    if (path.startsWith('/status/')) {
      const code = Number(path.slice('/status/'.length));
      if (Number.isInteger(code) && code >= 200 && code <= 599) {
        if (code === 204 || code === 304) {
          res.writeHead(code);
          res.end();
          return;
        }
        return send(res, canned(code, { status: code }));
      }
    }
    send(res, canned(404, { error: 'not found', path }));
  };

  function attach(server: http.Server | https.Server, secure: boolean) {
    server.keepAliveTimeout = opts.keepAliveTimeoutMs ?? 30_000;
    server.headersTimeout = 60_000;
    server.requestTimeout = 0;
    server.on(secure ? 'secureConnection' : 'connection', (socket: Socket) => {
      connections++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      if (closing) socket.destroy();
    });
    if (secure) {
      // TLS handshakes that fail (the point of the TLS target) leave raw sockets: track those too.
      server.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      });
      server.on('tlsClientError', () => undefined);
    }
    server.on('clientError', (_err, socket) => socket.destroy());
  }

  async function listen(server: http.Server | https.Server, secure: boolean): Promise<FakeTarget> {
    attach(server, secure);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    return {
      url: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
      port,
      setMode(path, mode) {
        modes.set(path, mode);
      },
      clearModes() {
        modes.clear();
      },
      stats: () => ({ connections, openConnections: sockets.size, requests }),
      resetStats() {
        connections = 0;
        requests = 0;
      },
      lastHeaders: (path) => headersByPath.get(path),
      async close() {
        if (closing) return;
        closing = true;
        for (const t of timers) {
          clearTimeout(t);
          clearInterval(t);
        }
        timers.clear();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
        sockets.clear();
        await done;
      },
    };
  }

  return { handler, listen };
}

/** Start a fake target on 127.0.0.1 with a random port. */
export async function startFakeTarget(opts: FakeTargetOptions = {}): Promise<FakeTarget> {
  const t = createTarget(opts);
  const server = http.createServer({ keepAlive: true, noDelay: true }, t.handler);
  return t.listen(server, false);
}

let certPromise: Promise<{ key: string; cert: string }> | null = null;

/** A self-signed certificate for localhost / 127.0.0.1, made once per process. */
export function selfSignedCert(): Promise<{ key: string; cert: string }> {
  certPromise ??= import('selfsigned').then(async (mod) => {
    const generate = (mod as { generate?: typeof import('selfsigned').generate }).generate ?? (mod as unknown as { default: typeof import('selfsigned') }).default.generate;
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    });
    return { key: pems.private, cert: pems.cert };
  });
  return certPromise;
}

/** The same fake target over HTTPS with a self-signed certificate (for the bad-TLS case). */
export async function startTlsFakeTarget(opts: FakeTargetOptions = {}): Promise<FakeTarget & { cert: string }> {
  const { key, cert } = await selfSignedCert();
  const t = createTarget(opts);
  const server = https.createServer({ key, cert, keepAlive: true, noDelay: true }, t.handler);
  const target = await t.listen(server, true);
  return { ...target, cert };
}
