/**
 * Fetch one monitored endpoint, safely, whatever the target does.
 *
 * - one undici Agent per prober: keep-alive, bounded connections per origin, pipelining 1;
 * - a hard deadline over the whole probe (DNS, connect, headers, body, redirects);
 * - the body is read up to a cap, then the stream is destroyed (truncated, not an error);
 * - redirects are followed by hand, each hop going through the same guarded connector;
 * - SSRF guard inside the connector: IP literals are checked before connecting, host names
 *   are resolved by our own lookup and every resolved address is checked before the socket
 *   connects to it (so there is no gap between the check and the connection).
 *
 * probe() never throws and never rejects.
 */
import dns from 'node:dns';
import net from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { HttpResponseLike } from '../types';
import { BlockedAddressError, blockedReason, parseAllowlist, type Allowlist } from './address-guard';
import { classifyError, displayUrl, oneLine, redactRawUrl, timeoutMessage, type ProbeErrorCode } from './errors';

export interface ProbeRequest {
  url: string;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export type FetchOutcome =
  | { ok: true; response: HttpResponseLike; latencyMs: number; finalUrl: string; redirects: number }
  | { ok: false; error: string; errorCode: ProbeErrorCode; latencyMs: number; httpStatus?: number };

export interface ProberOptions {
  /** Connections kept per origin (scheme+host+port). Default 6. */
  maxConnectionsPerOrigin?: number;
  /** PROBE_ALLOWLIST: comma-separated IPs/CIDRs that may be probed even if link-local / metadata. */
  allowlist?: string;
  /** Bytes of body kept; the rest is not read. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Idle keep-alive connections are closed after this long (the server's hint may shorten it). Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Upper bound on a TCP+TLS connect, independent of the per-probe deadline. Default 15 s. */
  connectTimeoutMs?: number;
  /**
   * Name resolution, for tests (e.g. a name that resolves to a metadata address). Default: dns.lookup.
   * Whatever it returns goes through the address guard before any socket connects.
   */
  resolve?: (hostname: string, family: number) => Promise<dns.LookupAddress[]>;
}

export interface Prober {
  probe(req: ProbeRequest): Promise<FetchOutcome>;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
/** Used when a request carries no usable timeoutMs. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** setTimeout's ceiling (~24.8 days); anything larger would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;
export const USER_AGENT = 'opsdeck-probe/0.1';
export const DEFAULT_ACCEPT = 'application/json, text/plain;q=0.9, */*;q=0.5';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Request headers undici manages itself or refuses; a monitored endpoint's config may not set them. */
const DROPPED_REQUEST_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'content-length',
]);
/** Headers still sent after a redirect to another origin: ours, not the caller's secrets. */
const CROSS_ORIGIN_SAFE_HEADERS = new Set(['user-agent', 'accept', 'accept-language']);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Marker thrown when the probe's own deadline fires. */
class DeadlineError extends Error {
  constructor() {
    super('deadline');
    this.name = 'DeadlineError';
  }
}

/** A failure we describe ourselves (invalid URL, redirect loop…), not something to classify. */
class ProbeFailure extends Error {
  constructor(
    readonly errorCode: ProbeErrorCode,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

const noop = () => undefined;

function elapsedSince(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

/** What probe() returns for a bug of ours: it never throws and never rejects. */
function crashed(err: unknown, latencyMs = 0): FetchOutcome {
  return { ok: false, errorCode: 'other', error: oneLine(`probe failed: ${String((err as Error)?.message ?? err)}`), latencyMs };
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`createProber: ${name} must be a non-negative number`);
  return Math.floor(value);
}

function buildHeaders(custom: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = { 'user-agent': USER_AGENT, accept: DEFAULT_ACCEPT };
  if (!custom) return out;
  for (const [k, v] of Object.entries(custom)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const key = k.trim().toLowerCase();
    if (!key || DROPPED_REQUEST_HEADERS.has(key)) continue;
    out[key] = String(v);
  }
  return out;
}

function responseHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
  // undici's parsed headers are usually in the final shape already (lower-case names, one
  // string each): then they are used as they are rather than copied.
  let plain = true;
  for (const k in raw) {
    if (typeof raw[k] !== 'string' || k.toLowerCase() !== k || k === '__proto__') {
      plain = false;
      break;
    }
  }
  if (plain) return raw as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function headerValue(raw: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const v = raw[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Bytes of a redirect's body read so that its connection can be reused; beyond this it is dropped. */
const REDIRECT_DRAIN_BYTES = 64 * 1024;
/** Stateless when never used with { stream: true }: shared by every probe. */
const UTF8 = new TextDecoder('utf-8');

export function createProber(opts: ProberOptions = {}): Prober {
  const allowlist: Allowlist = parseAllowlist(opts.allowlist);
  const bodyLimit = positiveInt(opts.bodyLimitBytes, DEFAULT_BODY_LIMIT_BYTES, 'bodyLimitBytes');
  const maxRedirects = positiveInt(opts.maxRedirects, DEFAULT_MAX_REDIRECTS, 'maxRedirects');
  const connections = Math.max(1, positiveInt(opts.maxConnectionsPerOrigin, 6, 'maxConnectionsPerOrigin'));
  const keepAliveTimeout = Math.max(1, positiveInt(opts.keepAliveTimeoutMs, 30_000, 'keepAliveTimeoutMs'));
  const connectTimeout = Math.max(1, positiveInt(opts.connectTimeoutMs, 15_000, 'connectTimeoutMs'));

  /** Resolve a host name ourselves and refuse it if any address it resolves to is blocked. */
  function resolveAll(hostname: string, options: dns.LookupOptions, cb: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void): void {
    const custom = opts.resolve;
    if (!custom) {
      dns.lookup(hostname, { ...options, all: true }, cb);
      return;
    }
    let family = 0;
    if (typeof options.family === 'number') family = options.family;
    else if (options.family === 'IPv4') family = 4;
    else if (options.family === 'IPv6') family = 6;
    Promise.resolve()
      .then(() => custom(hostname, family))
      .then(
        (addresses) => cb(null, Array.isArray(addresses) ? addresses : []),
        (err: NodeJS.ErrnoException) => cb(err instanceof Error ? err : new Error(String(err)), []),
      )
      .catch(noop);
  }

  function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
    resolveAll(hostname, options, (err, addresses) => {
      if (err) return callback(err, '');
      if (!addresses || addresses.length === 0) {
        const e: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        e.code = 'ENOTFOUND';
        return callback(e, '');
      }
      for (const a of addresses) {
        const why = blockedReason(a.address, allowlist);
        if (why) return callback(new BlockedAddressError(a.address, hostname, why), '');
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  }

  const baseConnect = buildConnector({
    timeout: connectTimeout,
    lookup: guardedLookup,
    keepAlive: true,
    keepAliveInitialDelay: 30_000,
  });

  /** The only way the agent opens sockets: IP literals are checked here, names in guardedLookup. */
  const connect: buildConnector.connector = (options, callback) => {
    const host = options.hostname;
    if (net.isIP(host)) {
      const why = blockedReason(host, allowlist);
      if (why) {
        process.nextTick(() => callback(new BlockedAddressError(host, '', why), null));
        return;
      }
    }
    baseConnect(options, callback);
  };

  const agent = new Agent({
    connect,
    connections,
    pipelining: 1,
    keepAliveTimeout,
    keepAliveMaxTimeout: Math.max(keepAliveTimeout, 60_000),
    // Per-request values are passed in probe(); these are backstops.
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  let closed = false;

  /** Everything one probe needs across its hops; the deadline timer and undici's callbacks end it. */
  class ProbeRun {
    readonly promise: Promise<FetchOutcome>;
    private resolve!: (o: FetchOutcome) => void;
    private readonly timer: NodeJS.Timeout;
    private finished = false;
    timedOut = false;
    current: URL;
    headers: Record<string, string>;
    redirects = 0;
    status: number | undefined = undefined;
    phase: 'headers' | 'body' = 'headers';
    progressBytes = 0;
    crossOrigin = false;
    /** The hop whose response is the probe's; earlier ones may still be draining a redirect body. */
    hop: Hop | null = null;
    private earlier: Hop[] | null = null;

    constructor(
      url: URL,
      headers: Record<string, string>,
      readonly timeoutMs: number,
      readonly started: number,
    ) {
      this.current = url;
      this.headers = headers;
      this.promise = new Promise<FetchOutcome>((resolve) => {
        this.resolve = resolve;
      });
      this.timer = setTimeout(onDeadline, timeoutMs, this);
      this.dispatch();
    }

    elapsed() {
      return elapsedSince(this.started);
    }

    dispatch() {
      if (this.finished) return;
      this.phase = 'headers';
      this.status = undefined;
      if (this.hop) (this.earlier ??= []).push(this.hop);
      const hop = new Hop(this);
      this.hop = hop;
      const current = this.current;
      agent.dispatch(
        {
          origin: current.origin,
          path: `${current.pathname}${current.search}`,
          method: 'GET',
          headers: this.headers,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        },
        hop,
      );
    }

    /** Headers of the current hop: a redirect to follow, or the response whose body is read. */
    onResponseStart(hop: Hop, statusCode: number, headers: Dispatcher.ResponseData['headers']) {
      this.status = statusCode;
      const location = REDIRECT_STATUSES.has(statusCode) ? headerValue(headers, 'location') : undefined;
      if (location === undefined) {
        this.phase = 'body';
        hop.collect(statusCode, headers);
        return;
      }
      // Read a little of the redirect's body so the connection can be reused; never wait on it.
      hop.drain();
      let next: URL;
      try {
        next = new URL(location, this.current);
      } catch {
        return this.fail(new ProbeFailure('protocol', `redirect to an invalid URL: ${redactRawUrl(location)}`, statusCode));
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return this.fail(new ProbeFailure('protocol', `redirect to an unsupported scheme (${oneLine(next.protocol, 20)})`, statusCode));
      }
      if (this.redirects >= maxRedirects) {
        return this.fail(new ProbeFailure('too_many_redirects', `more than ${maxRedirects} redirects (last: ${displayUrl(next)})`, statusCode));
      }
      if (next.username || next.password) {
        next.username = '';
        next.password = '';
      }
      if (!this.crossOrigin && next.origin !== this.current.origin) {
        // Custom headers (API keys, tokens) stay with the origin they were configured for.
        this.crossOrigin = true;
        this.headers = Object.fromEntries(Object.entries(this.headers).filter(([k]) => CROSS_ORIGIN_SAFE_HEADERS.has(k)));
      }
      this.redirects++;
      this.current = next;
      // Not from inside undici's callback: the next hop starts once this one has returned.
      queueMicrotask(() => {
        try {
          this.dispatch();
        } catch (err) {
          this.fail(err);
        }
      });
    }

    succeed(hop: Hop) {
      if (this.finished) return;
      this.finished = true;
      clearTimeout(this.timer);
      try {
        // When cut, a multi-byte character split at the cap is dropped rather than shown as U+FFFD.
        const body = hop.truncated ? new TextDecoder('utf-8').decode(hop.bytes(), { stream: true }) : UTF8.decode(hop.bytes());
        this.resolve({
          ok: true,
          response: { status: hop.statusCode, headers: responseHeaders(hop.headers!), body, truncated: hop.truncated },
          latencyMs: this.elapsed(),
          // No credentials (moved to a header above); the query is kept: it is the caller's own URL.
          finalUrl: this.current.href,
          redirects: this.redirects,
        });
      } catch (err) {
        this.resolve(crashed(err, this.elapsed()));
      }
    }

    fail(err: unknown) {
      if (this.finished) return;
      this.finished = true;
      clearTimeout(this.timer);
      try {
        this.resolve(this.failure(err));
      } catch (e) {
        this.resolve(crashed(e, this.elapsed()));
      }
      // On failure nothing is left waiting: a request still pending is aborted and its socket destroyed.
      const reason = new DeadlineError();
      this.hop?.abort(reason);
      if (this.earlier) for (const h of this.earlier) h.abort(reason);
    }

    private failure(err: unknown): FetchOutcome {
      const latencyMs = this.elapsed();
      if (err instanceof ProbeFailure) {
        return { ok: false, errorCode: err.errorCode, error: oneLine(err.message), latencyMs, ...(err.httpStatus ? { httpStatus: err.httpStatus } : {}) };
      }
      const withStatus = this.status !== undefined ? { httpStatus: this.status } : {};
      if (this.timedOut || err instanceof DeadlineError) {
        const detail =
          this.phase === 'body'
            ? `response body incomplete${this.progressBytes ? `, ${this.progressBytes} bytes received` : ''}`
            : this.redirects > 0
              ? `no response from ${displayUrl(this.current)} after ${this.redirects} redirect${this.redirects > 1 ? 's' : ''}`
              : undefined;
        return { ok: false, errorCode: 'timeout', error: timeoutMessage(this.timeoutMs, detail), latencyMs, ...withStatus };
      }
      if (closed) return { ok: false, errorCode: 'other', error: 'the prober was closed', latencyMs, ...withStatus };
      const c = classifyError(err, { url: this.current, timeoutMs: this.timeoutMs });
      return { ok: false, errorCode: c.errorCode, error: c.error, latencyMs, ...withStatus };
    }
  }

  /** The deadline: covers every phase (DNS, connect, queueing, headers, body, redirects), whatever undici does. */
  function onDeadline(run: ProbeRun) {
    run.timedOut = true;
    run.fail(new DeadlineError());
  }

  /**
   * One request of a probe, as an undici dispatch handler: no promise, stream or
   * AbortController per request, the body is collected straight from the parser.
   */
  class Hop implements Dispatcher.DispatchHandler {
    private controller: Dispatcher.DispatchController | null = null;
    private pendingAbort: Error | null = null;
    private mode: 'headers' | 'collect' | 'drain' | 'done' = 'headers';
    private chunks: Buffer[] = [];
    private size = 0;
    truncated = false;
    statusCode = 0;
    headers: Dispatcher.ResponseData['headers'] | null = null;

    constructor(private readonly run: ProbeRun) {}

    abort(reason: Error) {
      if (this.mode === 'done') return;
      this.mode = 'done';
      if (this.controller) this.controller.abort(reason);
      else this.pendingAbort = reason;
    }

    collect(statusCode: number, headers: Dispatcher.ResponseData['headers']) {
      this.mode = 'collect';
      this.statusCode = statusCode;
      this.headers = headers;
    }

    drain() {
      this.mode = 'drain';
      this.size = 0;
    }

    bytes(): Buffer {
      return this.chunks.length === 1 && this.chunks[0].length === this.size ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    }

    onRequestStart(controller: Dispatcher.DispatchController) {
      if (this.pendingAbort) controller.abort(this.pendingAbort);
      else this.controller = controller;
    }

    onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Dispatcher.ResponseData['headers']) {
      if (statusCode < 200 || this.mode !== 'headers') return; // 1xx: informational, the real answer follows
      if (this.run.hop !== this) return;
      this.run.onResponseStart(this, statusCode, headers);
    }

    onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer) {
      if (this.mode === 'collect') {
        const room = bodyLimit - this.size;
        if (chunk.length > room) {
          if (room > 0) this.chunks.push(chunk.subarray(0, room));
          this.size += Math.max(room, 0);
          this.truncated = true;
          this.run.succeed(this);
          // The rest is not read: the connection is dropped rather than drained. Pausing stops the
          // parser at once, as undici does itself when a handler gives up inside onData.
          this.abort(new DeadlineError());
          controller.pause();
          return;
        }
        this.chunks.push(chunk);
        this.size += chunk.length;
        this.run.progressBytes = this.size;
      } else if (this.mode === 'drain') {
        this.size += chunk.length;
        if (this.size > REDIRECT_DRAIN_BYTES) {
          this.abort(new DeadlineError());
          controller.pause();
        }
      }
    }

    onResponseEnd() {
      const mode = this.mode;
      this.mode = 'done';
      if (mode === 'collect') this.run.succeed(this);
    }

    onResponseError(_controller: Dispatcher.DispatchController | undefined, err: Error) {
      const mode = this.mode;
      this.mode = 'done';
      if (mode === 'drain') return;
      if (this.run.hop === this) this.run.fail(err);
    }
  }

  function probe(req: ProbeRequest): Promise<FetchOutcome> {
    const started = performance.now();
    const timeoutMs =
      typeof req?.timeoutMs === 'number' && Number.isFinite(req.timeoutMs) && req.timeoutMs > 0
        ? Math.min(Math.ceil(req.timeoutMs), MAX_TIMEOUT_MS)
        : DEFAULT_TIMEOUT_MS;

    if (closed) return Promise.resolve({ ok: false, errorCode: 'other', error: 'the prober was closed', latencyMs: 0 });

    // --- URL checks (no network) ---
    let url: URL;
    try {
      url = new URL(String(req?.url ?? '').trim());
    } catch {
      return Promise.resolve({ ok: false, errorCode: 'invalid_url', error: `invalid URL: ${redactRawUrl(String(req?.url ?? '')) || '(empty)'}`, latencyMs: elapsedSince(started) });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.resolve({
        ok: false,
        errorCode: 'invalid_url',
        error: `invalid URL: only http and https are supported (got ${oneLine(url.protocol, 20)})`,
        latencyMs: elapsedSince(started),
      });
    }
    let headers: Record<string, string>;
    try {
      headers = buildHeaders(req.headers);
    } catch {
      return Promise.resolve({ ok: false, errorCode: 'other', error: 'invalid request: headers could not be read', latencyMs: elapsedSince(started) });
    }
    if (url.username || url.password) {
      // Credentials in the URL become basic auth (undici does not send userinfo), and never appear in messages.
      if (!headers.authorization) {
        const user = decodeURIComponent(url.username);
        const pass = decodeURIComponent(url.password);
        headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
      }
      url.username = '';
      url.password = '';
    }
    return new ProbeRun(url, headers, timeoutMs, started).promise;
  }

  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    try {
      await agent.destroy();
    } catch {
      // already destroyed
    }
  }

  return {
    probe: (req) => {
      try {
        return probe(req);
      } catch (err) {
        return Promise.resolve(crashed(err));
      }
    },
    close,
  };
}
