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

interface Capped {
  bytes: Buffer;
  truncated: boolean;
}

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

  async function readCapped(body: Dispatcher.ResponseData['body'], progress: { bytes: number }): Promise<Capped> {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const room = bodyLimit - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += Math.max(room, 0);
        truncated = true;
        break; // leaves the loop: the stream is destroyed, the connection is dropped
      }
      chunks.push(chunk);
      size += chunk.length;
      progress.bytes = size;
    }
    if (truncated && !body.destroyed) body.destroy();
    return { bytes: Buffer.concat(chunks, size), truncated };
  }

  async function probe(req: ProbeRequest): Promise<FetchOutcome> {
    const started = performance.now();
    const elapsed = () => Math.max(0, Math.round(performance.now() - started));
    const timeoutMs =
      typeof req?.timeoutMs === 'number' && Number.isFinite(req.timeoutMs) && req.timeoutMs > 0
        ? Math.min(Math.ceil(req.timeoutMs), MAX_TIMEOUT_MS)
        : DEFAULT_TIMEOUT_MS;

    if (closed) return { ok: false, errorCode: 'other', error: 'the prober was closed', latencyMs: 0 };

    // --- URL checks (no network) ---
    let url: URL;
    try {
      url = new URL(String(req?.url ?? '').trim());
    } catch {
      return { ok: false, errorCode: 'invalid_url', error: `invalid URL: ${redactRawUrl(String(req?.url ?? '')) || '(empty)'}`, latencyMs: elapsed() };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return {
        ok: false,
        errorCode: 'invalid_url',
        error: `invalid URL: only http and https are supported (got ${oneLine(url.protocol, 20)})`,
        latencyMs: elapsed(),
      };
    }
    let headers: Record<string, string>;
    try {
      headers = buildHeaders(req.headers);
    } catch {
      return { ok: false, errorCode: 'other', error: 'invalid request: headers could not be read', latencyMs: elapsed() };
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

    // --- the deadline: covers every phase, whatever undici does ---
    const controller = new AbortController();
    let timedOut = false;
    let rejectDeadline: (e: Error) => void = noop;
    const deadline = new Promise<never>((_, reject) => {
      rejectDeadline = reject;
    });
    deadline.catch(noop);
    const timer = setTimeout(() => {
      timedOut = true;
      rejectDeadline(new DeadlineError());
      controller.abort(new DeadlineError());
    }, timeoutMs);

    /** Await `p` but give up at the deadline; a late result is cleaned up by `onLate`. */
    const race = <T>(p: Promise<T>, onLate?: (v: T) => void): Promise<T> => {
      p.then(
        (v) => {
          if (timedOut && onLate) onLate(v);
        },
        noop,
      );
      return Promise.race([p, deadline]);
    };

    let current = url;
    let redirects = 0;
    let status: number | undefined;
    let phase: 'headers' | 'body' = 'headers';
    const progress = { bytes: 0 };
    let crossOrigin = false;
    let succeeded = false;
    try {
      for (;;) {
        phase = 'headers';
        status = undefined;
        const res = await race(
          agent.request({
            origin: current.origin,
            path: `${current.pathname}${current.search}`,
            method: 'GET',
            headers,
            signal: controller.signal,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          }),
          (late) => late.body.destroy(),
        );
        status = res.statusCode;

        const location = REDIRECT_STATUSES.has(res.statusCode) ? headerValue(res.headers, 'location') : undefined;
        if (location !== undefined) {
          // Read a little of the redirect's body so the connection can be reused; never wait on it.
          res.body.dump({ limit: 64 * 1024 }).catch(noop);
          let next: URL;
          try {
            next = new URL(location, current);
          } catch {
            throw new ProbeFailure('protocol', `redirect to an invalid URL: ${redactRawUrl(location)}`, res.statusCode);
          }
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new ProbeFailure('protocol', `redirect to an unsupported scheme (${oneLine(next.protocol, 20)})`, res.statusCode);
          }
          if (redirects >= maxRedirects) {
            throw new ProbeFailure('too_many_redirects', `more than ${maxRedirects} redirects (last: ${displayUrl(next)})`, res.statusCode);
          }
          if (next.username || next.password) {
            next.username = '';
            next.password = '';
          }
          if (!crossOrigin && next.origin !== current.origin) {
            // Custom headers (API keys, tokens) stay with the origin they were configured for.
            crossOrigin = true;
            headers = Object.fromEntries(Object.entries(headers).filter(([k]) => CROSS_ORIGIN_SAFE_HEADERS.has(k)));
          }
          redirects++;
          current = next;
          continue;
        }

        phase = 'body';
        const capped = await race(readCapped(res.body, progress));
        const decoder = new TextDecoder('utf-8');
        // When cut, a multi-byte character split at the cap is dropped rather than shown as U+FFFD.
        const body = decoder.decode(capped.bytes, { stream: capped.truncated });
        succeeded = true;
        return {
          ok: true,
          response: { status: res.statusCode, headers: responseHeaders(res.headers), body, truncated: capped.truncated },
          latencyMs: elapsed(),
          // No credentials (moved to a header above); the query is kept: it is the caller's own URL.
          finalUrl: current.href,
          redirects,
        };
      }
    } catch (err) {
      const latencyMs = elapsed();
      if (err instanceof ProbeFailure) {
        return { ok: false, errorCode: err.errorCode, error: oneLine(err.message), latencyMs, ...(err.httpStatus ? { httpStatus: err.httpStatus } : {}) };
      }
      const withStatus = status !== undefined ? { httpStatus: status } : {};
      if (timedOut || err instanceof DeadlineError) {
        const detail =
          phase === 'body'
            ? `response body incomplete${progress.bytes ? `, ${progress.bytes} bytes received` : ''}`
            : redirects > 0
              ? `no response from ${displayUrl(current)} after ${redirects} redirect${redirects > 1 ? 's' : ''}`
              : undefined;
        return { ok: false, errorCode: 'timeout', error: timeoutMessage(timeoutMs, detail), latencyMs, ...withStatus };
      }
      if (closed) return { ok: false, errorCode: 'other', error: 'the prober was closed', latencyMs, ...withStatus };
      const c = classifyError(err, { url: current, timeoutMs });
      return { ok: false, errorCode: c.errorCode, error: c.error, latencyMs, ...withStatus };
    } finally {
      clearTimeout(timer);
      // On failure nothing is left waiting: a request still pending is aborted and its socket destroyed.
      if (!succeeded && !controller.signal.aborted) controller.abort(new DeadlineError());
    }
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
    probe: (req) => probe(req).catch((err: unknown) => ({ ok: false as const, errorCode: 'other' as const, error: oneLine(`probe failed: ${String((err as Error)?.message ?? err)}`), latencyMs: 0 })),
    close,
  };
}
