import { describe, expect, it } from 'vitest';
import { classifyError, displayUrl, oneLine, redactRawUrl } from './errors';

const ctx = { url: new URL('http://api.example.test:8080/health'), timeoutMs: 5000 };

function sysErr(code: string, message = code, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { code, ...extra });
}

describe('classifyError', () => {
  it('DNS failures name the host and the code', () => {
    expect(classifyError(sysErr('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.test'), ctx)).toEqual({
      errorCode: 'dns',
      error: 'could not resolve host api.example.test (ENOTFOUND)',
    });
    expect(classifyError(sysErr('EAI_AGAIN'), ctx).errorCode).toBe('dns');
  });

  it('refused names the address actually tried', () => {
    expect(classifyError(sysErr('ECONNREFUSED', 'x', { address: '127.0.0.1', port: 9 }), ctx).error).toBe('connection refused by 127.0.0.1:9');
    expect(classifyError(sysErr('ECONNREFUSED', 'x', { address: '::1', port: 9 }), ctx).error).toBe('connection refused by [::1]:9');
    expect(classifyError(sysErr('ECONNREFUSED'), ctx).error).toBe('connection refused by api.example.test:8080');
  });

  it('unwraps the AggregateError of happy eyeballs', () => {
    const agg = Object.assign(new AggregateError([sysErr('ECONNREFUSED', 'a', { address: '::1', port: 9 }), sysErr('ECONNREFUSED', 'b', { address: '127.0.0.1', port: 9 })]), {
      code: 'ECONNREFUSED',
    });
    expect(classifyError(agg, ctx)).toEqual({ errorCode: 'refused', error: 'connection refused by [::1]:9' });
    const mixed = new AggregateError([sysErr('ECONNREFUSED'), sysErr('ENETUNREACH', 'x', { address: '2001:db8::1', port: 80 })]);
    expect(classifyError(mixed, ctx)).toEqual({ errorCode: 'other', error: 'cannot reach [2001:db8::1]:80 (ENETUNREACH)' });
  });

  it('resets, parse errors, TLS and timeouts', () => {
    expect(classifyError(sysErr('ECONNRESET'), ctx)).toEqual({ errorCode: 'reset', error: 'connection reset by peer' });
    expect(classifyError(sysErr('UND_ERR_SOCKET', 'other side closed'), ctx).errorCode).toBe('reset');
    const parse = Object.assign(new Error('Expected HTTP/'), { name: 'HTTPParserError', code: 'HPE_INVALID_CONSTANT' });
    expect(classifyError(parse, ctx)).toEqual({ errorCode: 'protocol', error: 'response is not HTTP (parse error: Expected HTTP/)' });
    expect(classifyError(sysErr('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), ctx)).toEqual({
      errorCode: 'tls',
      error: 'TLS: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    });
    expect(classifyError(sysErr('CERT_HAS_EXPIRED', 'certificate has expired'), ctx).error).toBe('TLS: certificate has expired (CERT_HAS_EXPIRED)');
    expect(classifyError(sysErr('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), ctx).errorCode).toBe('tls');
    expect(classifyError(sysErr('UND_ERR_HEADERS_TIMEOUT'), ctx)).toEqual({ errorCode: 'timeout', error: 'timed out after 5000 ms' });
    expect(classifyError(sysErr('UND_ERR_CONNECT_TIMEOUT'), ctx)).toEqual({ errorCode: 'timeout', error: 'timed out connecting to api.example.test:8080' });
  });

  it('the guard error passes through unchanged', () => {
    const e = Object.assign(new Error('refused to connect to 169.254.169.254: link-local'), { code: 'EPROBEBLOCKED' });
    expect(classifyError(e, ctx)).toEqual({ errorCode: 'blocked_address', error: 'refused to connect to 169.254.169.254: link-local' });
  });

  it('anything else is "other", one line, bounded', () => {
    const c = classifyError(new Error(`weird\n${'x'.repeat(1000)}`), ctx);
    expect(c.errorCode).toBe('other');
    expect(c.error).not.toContain('\n');
    expect(c.error.length).toBeLessThanOrEqual(300);
    expect(classifyError('a string', ctx).errorCode).toBe('other');
    expect(classifyError(undefined, ctx).errorCode).toBe('other');
  });
});

describe('URL display', () => {
  it('drops credentials, query and fragment', () => {
    expect(displayUrl('https://user:secret@example.test/a/b?token=abc#x')).toBe('https://example.test/a/b?…');
    expect(displayUrl(new URL('http://example.test/a'))).toBe('http://example.test/a');
  });

  it('redacts unparsable input', () => {
    expect(redactRawUrl('http://user:pw@[bad/x?key=1')).toBe('http://[bad/x?…');
    expect(redactRawUrl('not a url')).toBe('not a url');
    expect(redactRawUrl('a\nb')).toBe('a\\nb');
  });

  it('oneLine', () => {
    expect(oneLine('a\n  b\tc')).toBe('a b c');
    expect(oneLine('x'.repeat(10), 5)).toBe('xxxx…');
  });
});
