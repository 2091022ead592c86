/**
 * Turn whatever a failed probe threw (Node system errors, undici errors, TLS errors,
 * the address guard) into a short, plain message and a stable error code.
 * Messages never contain header values, URL credentials or query strings.
 */

export type ProbeErrorCode =
  | 'timeout'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'too_many_redirects'
  | 'blocked_address'
  | 'invalid_url'
  | 'protocol'
  | 'body_too_large'
  | 'other';

export interface ClassifiedError {
  errorCode: ProbeErrorCode;
  error: string;
}

export interface ErrorContext {
  /** The URL of the hop that failed. */
  url: URL;
  timeoutMs: number;
}

/** Longest message we produce: the normaliser keeps one line of at most 300 characters. */
export const MAX_ERROR_LENGTH = 300;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'ENODATA', 'EAI_NONAME', 'ESERVFAIL', 'ENONAME']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL', 'EINVAL']);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_CRL',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  'ERR_TLS_INVALID_PROTOCOL_VERSION',
]);

interface ErrLike {
  name?: string;
  message?: string;
  code?: string;
  errno?: number;
  address?: string;
  port?: number;
  hostname?: string;
  errors?: unknown[];
  cause?: unknown;
  library?: string;
}

function asErr(e: unknown): ErrLike {
  return e && typeof e === 'object' ? (e as ErrLike) : { message: String(e) };
}

/** One line, bounded length. */
export function oneLine(text: string, max = MAX_ERROR_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A URL safe to show: no credentials, no query string or fragment (both may carry secrets). */
export function displayUrl(url: URL | string): string {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch {
    return redactRawUrl(String(url));
  }
  u.username = '';
  u.password = '';
  const query = u.search ? '?…' : '';
  u.search = '';
  u.hash = '';
  return `${u.href}${query}`;
}

/** For a string that did not parse as a URL: drop userinfo and the query, bound the length. */
export function redactRawUrl(raw: string): string {
  const noUser = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
  const q = noUser.search(/[?#]/);
  const cut = q >= 0 ? `${noUser.slice(0, q)}?…` : noUser;
  return oneLine(JSON.stringify(cut).slice(1, -1), 120);
}

function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

function addrPort(e: ErrLike, url: URL): string {
  if (e.address) {
    const a = e.address.includes(':') ? `[${e.address}]` : e.address;
    return e.port ? `${a}:${e.port}` : a;
  }
  return hostPort(url);
}

/** Node's happy-eyeballs (autoSelectFamily) reports an AggregateError: use the most telling inner error. */
function unwrap(e: ErrLike): ErrLike {
  if (Array.isArray(e.errors) && e.errors.length > 0) {
    const inner = e.errors.map(asErr);
    return inner.find((x) => x.code && x.code !== 'ECONNREFUSED') ?? inner[0];
  }
  if (!e.code && e.cause && typeof e.cause === 'object') {
    const c = asErr(e.cause);
    if (c.code) return c;
  }
  return e;
}

function cleanMessage(msg: string | undefined): string {
  return oneLine((msg ?? '').replace(/^Error:\s*/, ''), 160) || 'unknown error';
}

export function timeoutMessage(timeoutMs: number, detail?: string): string {
  return `timed out after ${timeoutMs} ms${detail ? ` (${detail})` : ''}`;
}

/** Classify a thrown error. `timedOut` is the caller's own deadline having fired. */
export function classifyError(err: unknown, ctx: ErrorContext): ClassifiedError {
  const outer = asErr(err);
  const e = unwrap(outer);
  const code = e.code ?? outer.code ?? '';
  const host = ctx.url.hostname.replace(/^\[|\]$/g, '');

  if (code === 'EPROBEBLOCKED' || outer.name === 'BlockedAddressError') {
    return { errorCode: 'blocked_address', error: oneLine(e.message ?? 'refused to connect: blocked address') };
  }
  if (TIMEOUT_CODES.has(code)) {
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
      return { errorCode: 'timeout', error: `timed out connecting to ${hostPort(ctx.url)}` };
    }
    return { errorCode: 'timeout', error: timeoutMessage(ctx.timeoutMs) };
  }
  if (DNS_CODES.has(code)) {
    return { errorCode: 'dns', error: `could not resolve host ${host} (${code})` };
  }
  if (code === 'ECONNREFUSED') {
    return { errorCode: 'refused', error: `connection refused by ${addrPort(e, ctx.url)}` };
  }
  if (code === 'UND_ERR_SOCKET') {
    return { errorCode: 'reset', error: 'connection closed by peer before the response was complete' };
  }
  if (RESET_CODES.has(code)) {
    return { errorCode: 'reset', error: 'connection reset by peer' };
  }
  if (UNREACHABLE_CODES.has(code)) {
    return { errorCode: 'other', error: `cannot reach ${addrPort(e, ctx.url)} (${code})` };
  }
  if (TLS_CODES.has(code) || /^ERR_(SSL|TLS)_/.test(code) || e.library === 'SSL routines' || (code === 'EPROTO' && /ssl|tls/i.test(e.message ?? ''))) {
    return { errorCode: 'tls', error: oneLine(`TLS: ${cleanMessage(e.message)} (${code || 'handshake failed'})`) };
  }
  if (code.startsWith('HPE_') || e.name === 'HTTPParserError') {
    return { errorCode: 'protocol', error: `response is not HTTP (parse error: ${cleanMessage(e.message)})` };
  }
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return { errorCode: 'protocol', error: 'response body does not match its content-length' };
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return { errorCode: 'body_too_large', error: 'response body too large' };
  }
  if (code === 'UND_ERR_INVALID_ARG') {
    // undici's messages name the header, never its value.
    return { errorCode: 'other', error: `invalid request: ${cleanMessage(e.message)}` };
  }
  if (code === 'UND_ERR_CLOSED' || code === 'UND_ERR_DESTROYED') {
    return { errorCode: 'other', error: 'the prober was closed' };
  }
  if (code === 'UND_ERR_ABORTED' || e.name === 'AbortError') {
    return { errorCode: 'timeout', error: timeoutMessage(ctx.timeoutMs) };
  }
  const label = code ? ` (${code})` : '';
  return { errorCode: 'other', error: oneLine(`request failed: ${cleanMessage(e.message)}${label}`) };
}
