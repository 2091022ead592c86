/**
 * The prober against misbehaving targets. No database needed.
 * Every fault must come back as ok:false (or truncated) with a clear message, within timeoutMs + 1 s.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTarget, startTlsFakeTarget, type FakeTarget } from '../../../tests/fake-targets/server';
import { createProber, type FetchOutcome, type Prober } from './fetch';

const MARGIN_MS = 1000;
const figures: Record<string, string> = {};

async function timed(prober: Prober, url: string, timeoutMs: number, headers?: Record<string, string>) {
  const t0 = performance.now();
  const outcome = await prober.probe({ url, timeoutMs, headers });
  const elapsed = Math.round(performance.now() - t0);
  return { outcome, elapsed };
}

function failure(o: FetchOutcome) {
  if (o.ok) throw new Error(`expected a failure, got HTTP ${o.response.status}`);
  return o;
}

function success(o: FetchOutcome) {
  if (!o.ok) throw new Error(`expected success, got ${o.errorCode}: ${o.error}`);
  return o;
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function waitFor(cond: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
}

let target: FakeTarget;
let other: FakeTarget;
let prober: Prober;

beforeAll(async () => {
  [target, other] = await Promise.all([startFakeTarget(), startFakeTarget()]);
  prober = createProber();
});

afterAll(async () => {
  await prober?.close();
  await Promise.all([target?.close(), other?.close()]);
  console.log(
    'prober figures:\n' +
      Object.entries(figures)
        .map(([k, v]) => `  ${k.padEnd(34)} ${v}`)
        .join('\n'),
  );
});

describe('healthy targets', () => {
  it('returns status, lower-cased headers, the body and the latency', async () => {
    const { outcome } = await timed(prober, `${target.url}/health`, 1000);
    const o = success(outcome);
    expect(o.response.status).toBe(200);
    expect(o.response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(o.response.body)).toMatchObject({ status: 'healthy' });
    expect(o.response.truncated).toBe(false);
    expect(o.redirects).toBe(0);
    expect(o.finalUrl).toBe(`${target.url}/health`);
    expect(o.latencyMs).toBeGreaterThanOrEqual(0);
    expect(o.latencyMs).toBeLessThan(1000);
  });

  it('sends our user-agent and accept unless overridden, and the caller headers', async () => {
    success((await timed(prober, `${target.url}/echo-headers`, 1000, { 'X-Api-Key': 'k-123' })).outcome);
    const h = target.lastHeaders('/echo-headers')!;
    expect(h['user-agent']).toBe('opsdeck-probe/0.1');
    expect(h.accept).toBe('application/json, text/plain;q=0.9, */*;q=0.5');
    expect(h['x-api-key']).toBe('k-123');
    success((await timed(prober, `${target.url}/echo-headers`, 1000, { Accept: 'text/plain', 'User-Agent': 'custom/1' })).outcome);
    expect(target.lastHeaders('/echo-headers')).toMatchObject({ accept: 'text/plain', 'user-agent': 'custom/1' });
  });

  it('a non-2xx status is a response, not an error', async () => {
    const o = success((await timed(prober, `${target.url}/status/503`, 1000)).outcome);
    expect(o.response.status).toBe(503);
  });

  it('decodes invalid UTF-8 with replacement characters', async () => {
    const o = success((await timed(prober, `${target.url}/bad-utf8`, 1000)).outcome);
    expect(o.response.body).toMatch(/^status: ok \uFFFD+ end$/);
  });

  it('a path flips between up and down with setMode', async () => {
    target.setMode('/health', 'down');
    const down = success((await timed(prober, `${target.url}/health`, 1000)).outcome);
    expect(down.response.status).toBe(503);
    expect(JSON.parse(down.response.body)).toMatchObject({ status: 'unhealthy' });
    target.setMode('/health', 'up');
    const up = success((await timed(prober, `${target.url}/health`, 1000)).outcome);
    expect(up.response.status).toBe(200);
  });

  it('follows a few redirects and says so', async () => {
    const o = success((await timed(prober, `${target.url}/redirect/3`, 1000)).outcome);
    expect(o.redirects).toBe(4);
    expect(o.finalUrl).toBe(`${target.url}/health`);
    expect(o.response.status).toBe(200);
  });

  it('keep-alive: 50 sequential probes reuse at most 2 connections', async () => {
    const t = await startFakeTarget();
    const p = createProber();
    try {
      for (let i = 0; i < 50; i++) success((await timed(p, `${t.url}/health`, 1000)).outcome);
      const { connections, requests } = t.stats();
      figures['keep-alive: 50 sequential probes'] = `${connections} connection(s) for ${requests} requests`;
      expect(requests).toBe(50);
      expect(connections).toBeLessThanOrEqual(2);
    } finally {
      await p.close();
      await t.close();
    }
  });
});

describe('faults come back as failures within timeoutMs + 1 s', () => {
  it('hang: accepts, never answers', async () => {
    const timeoutMs = 1000;
    const { outcome, elapsed } = await timed(prober, `${target.url}/hang`, timeoutMs);
    figures.hang = `${elapsed} ms (timeout ${timeoutMs})`;
    const o = failure(outcome);
    expect(o.errorCode).toBe('timeout');
    expect(o.error).toBe('timed out after 1000 ms');
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 5);
    expect(elapsed).toBeLessThan(timeoutMs + MARGIN_MS);
  });

  it('reset: the target destroys the socket', async () => {
    const { outcome, elapsed } = await timed(prober, `${target.url}/reset`, 1000);
    figures.reset = `${elapsed} ms`;
    const o = failure(outcome);
    expect(o.errorCode).toBe('reset');
    expect(o.error).toMatch(/^connection (reset by peer|closed by peer)/);
    expect(elapsed).toBeLessThan(1000 + MARGIN_MS);
  });

  it('garbage: non-HTTP bytes', async () => {
    const { outcome, elapsed } = await timed(prober, `${target.url}/garbage`, 1000);
    figures.garbage = `${elapsed} ms`;
    const o = failure(outcome);
    expect(o.errorCode).toBe('protocol');
    expect(o.error).toMatch(/^response is not HTTP \(parse error: .+\)$/);
    expect(elapsed).toBeLessThan(1000 + MARGIN_MS);
  });

  it('10 MB body: cut at 1 MiB, truncated, fast', async () => {
    const { outcome, elapsed } = await timed(prober, `${target.url}/huge`, 2000);
    figures['huge (10 MB)'] = `${elapsed} ms, kept 1 MiB, truncated`;
    const o = success(outcome);
    expect(o.response.status).toBe(200);
    expect(o.response.truncated).toBe(true);
    expect(Buffer.byteLength(o.response.body)).toBe(1024 * 1024);
    expect(elapsed).toBeLessThan(1000);
    // The rest was not read: the connection was dropped rather than drained.
    expect(await waitFor(() => target.stats().openConnections <= 6)).toBe(true);
  });

  it('a body exactly at the cap is not truncated; one byte more is', async () => {
    const exact = success((await timed(prober, `${target.url}/huge?bytes=${1024 * 1024}`, 2000)).outcome);
    expect(exact.response.truncated).toBe(false);
    const over = success((await timed(prober, `${target.url}/huge?bytes=${1024 * 1024 + 1}`, 2000)).outcome);
    expect(over.response.truncated).toBe(true);
    const small = createProber({ bodyLimitBytes: 10 });
    try {
      const o = success((await timed(small, `${target.url}/health`, 1000)).outcome);
      expect(o.response.body).toHaveLength(10);
      expect(o.response.truncated).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('trickle: headers then 1 byte per second', async () => {
    const timeoutMs = 1500;
    const { outcome, elapsed } = await timed(prober, `${target.url}/trickle`, timeoutMs);
    figures.trickle = `${elapsed} ms (timeout ${timeoutMs})`;
    const o = failure(outcome);
    expect(o.errorCode).toBe('timeout');
    expect(o.error).toMatch(/^timed out after 1500 ms \(response body incomplete, \d+ bytes received\)$/);
    expect(o.httpStatus).toBe(200);
    expect(elapsed).toBeLessThan(timeoutMs + MARGIN_MS);
  });

  it('redirect loop: to itself, and a → b → a', async () => {
    for (const path of ['/loop', '/loop/a']) {
      const { outcome, elapsed } = await timed(prober, `${target.url}${path}`, 1000);
      figures[`redirect loop ${path}`] = `${elapsed} ms`;
      const o = failure(outcome);
      expect(o.errorCode).toBe('too_many_redirects');
      expect(o.error).toMatch(new RegExp(`^more than 5 redirects \\(last: ${target.url}/loop(/a|/b)?\\)$`));
      expect(o.httpStatus).toBe(302);
      expect(elapsed).toBeLessThan(1000 + MARGIN_MS);
    }
  });

  it('bad TLS certificate', async () => {
    const tls = await startTlsFakeTarget();
    try {
      const { outcome, elapsed } = await timed(prober, `${tls.url}/health`, 1000);
      figures['bad TLS (self-signed)'] = `${elapsed} ms`;
      const o = failure(outcome);
      expect(o.errorCode).toBe('tls');
      expect(o.error).toBe('TLS: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)');
      expect(elapsed).toBeLessThan(1000 + MARGIN_MS);
    } finally {
      await tls.close();
    }
  });

  it('unresolvable name', async () => {
    const { outcome, elapsed } = await timed(prober, 'http://nonexistent.invalid/', 2000);
    figures['unresolvable name'] = `${elapsed} ms`;
    const o = failure(outcome);
    // A resolver that cannot answer at all says EAI_AGAIN, or we hit the deadline.
    expect(['dns', 'timeout']).toContain(o.errorCode);
    if (o.errorCode === 'dns') expect(o.error).toMatch(/^could not resolve host nonexistent\.invalid \((ENOTFOUND|EAI_AGAIN|EAI_FAIL|ENODATA)\)$/);
    expect(elapsed).toBeLessThan(2000 + MARGIN_MS);
  });

  it('never accepts / resolver never answers: the deadline still holds', async () => {
    const p = createProber({ resolve: () => new Promise(() => undefined) });
    try {
      const timeoutMs = 1000;
      const { outcome, elapsed } = await timed(p, 'http://blackhole.test/', timeoutMs);
      figures['never connects (stuck lookup)'] = `${elapsed} ms (timeout ${timeoutMs})`;
      const o = failure(outcome);
      expect(o.errorCode).toBe('timeout');
      expect(o.error).toBe('timed out after 1000 ms');
      expect(elapsed).toBeLessThan(timeoutMs + MARGIN_MS);
    } finally {
      await p.close();
    }
  });

  it('connection refused', async () => {
    const port = await closedPort();
    const { outcome, elapsed } = await timed(prober, `http://127.0.0.1:${port}/health`, 1000);
    figures['connection refused'] = `${elapsed} ms`;
    const o = failure(outcome);
    expect(o.errorCode).toBe('refused');
    expect(o.error).toBe(`connection refused by 127.0.0.1:${port}`);
    expect(elapsed).toBeLessThan(1000 + MARGIN_MS);
  });

  it('invalid and non-http URLs', async () => {
    for (const url of ['not a url', '', 'ftp://example.test/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const o = failure((await timed(prober, url, 1000)).outcome);
      expect(o.errorCode).toBe('invalid_url');
      expect(o.error).toMatch(/^invalid URL: /);
    }
  });
});

describe('address guard', () => {
  it('refuses 169.254.169.254 before connecting', async () => {
    const { outcome, elapsed } = await timed(prober, 'http://169.254.169.254/latest/meta-data/', 2000);
    figures['blocked 169.254.169.254'] = `${elapsed} ms`;
    const o = failure(outcome);
    expect(o.errorCode).toBe('blocked_address');
    expect(o.error).toContain('169.254.169.254');
    // No connection attempt: an unroutable address would otherwise take until the deadline.
    expect(elapsed).toBeLessThan(200);
  });

  it('refuses the other metadata and link-local forms', async () => {
    for (const url of [
      'http://100.100.100.200/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://[fe80::1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://0xa9fea9fe/', // the URL parser turns this into 169.254.169.254
      'http://2852039166/',
    ]) {
      const o = failure((await timed(prober, url, 1000)).outcome);
      expect(o.errorCode, url).toBe('blocked_address');
      expect(o.error, url).toMatch(/169\.254\.169\.254|100\.100\.100\.200|fd00:ec2::254|fe80::1/);
    }
  });

  it('checks the addresses a host name resolves to, inside the connect path', async () => {
    const seen: string[] = [];
    const p = createProber({
      resolve: async (hostname) => {
        seen.push(hostname);
        if (hostname === 'metadata.test') return [{ address: '169.254.169.254', family: 4 }];
        if (hostname === 'mapped.test') return [{ address: '::ffff:169.254.169.254', family: 6 }];
        if (hostname === 'mixed.test') return [{ address: '127.0.0.1', family: 4 }, { address: 'fe80::1', family: 6 }];
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    try {
      const blocked = failure((await timed(p, `http://metadata.test:${target.port}/health`, 1000)).outcome);
      expect(blocked).toMatchObject({ errorCode: 'blocked_address' });
      expect(blocked.error).toBe(
        'refused to connect to 169.254.169.254 (resolved from metadata.test): link-local / cloud metadata address; add it to PROBE_ALLOWLIST to allow',
      );
      const mapped = failure((await timed(p, `http://mapped.test:${target.port}/health`, 1000)).outcome);
      expect(mapped.errorCode).toBe('blocked_address');
      expect(mapped.error).toContain('169.254.169.254');
      expect(failure((await timed(p, `http://mixed.test:${target.port}/health`, 1000)).outcome).errorCode).toBe('blocked_address');
      // The TLS path resolves through the same guarded lookup.
      expect(failure((await timed(p, 'https://metadata.test/', 1000)).outcome).errorCode).toBe('blocked_address');
      // A name resolving to loopback is fine: internal services are monitored.
      const ok = success((await timed(p, `http://internal.test:${target.port}/health`, 1000)).outcome);
      expect(ok.response.status).toBe(200);
      expect(seen).toEqual(expect.arrayContaining(['metadata.test', 'mapped.test', 'mixed.test', 'internal.test']));
    } finally {
      await p.close();
    }
  });

  it('re-checks every redirect hop', async () => {
    const { outcome, elapsed } = await timed(prober, `${target.url}/redirect-to?url=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`, 1000);
    const o = failure(outcome);
    expect(o.errorCode).toBe('blocked_address');
    expect(elapsed).toBeLessThan(200);
  });

  // fe80::1 without a zone id cannot be connected to (EINVAL): the attempt never leaves this host,
  // which is what we want from a test that must get past the guard without reaching anything.
  it('an allowlisted link-local address passes the guard (and then fails to connect, here)', async () => {
    const p = createProber({ allowlist: '127.0.0.1, fe80::/10' });
    try {
      const timeoutMs = 1000;
      const { outcome, elapsed } = await timed(p, 'http://[fe80::1]:9/', timeoutMs);
      const o = failure(outcome);
      figures['allowlisted fe80::1'] = `${elapsed} ms, ${o.errorCode}: ${o.error}`;
      expect(o.errorCode).not.toBe('blocked_address');
      expect(elapsed).toBeLessThan(timeoutMs + MARGIN_MS);
      // Without the allowlist, the same URL is refused by the guard.
      expect(failure((await timed(prober, 'http://[fe80::1]:9/', timeoutMs)).outcome).errorCode).toBe('blocked_address');
    } finally {
      await p.close();
    }
  });

  it('a name resolving to an allowlisted link-local address passes the lookup guard too', async () => {
    const resolve = async () => [{ address: 'fe80::1', family: 6 }];
    const allowed = createProber({ allowlist: 'fe80::1', resolve });
    const guarded = createProber({ resolve });
    try {
      expect(failure((await timed(allowed, 'http://svc.test:9/', 1000)).outcome).errorCode).not.toBe('blocked_address');
      expect(failure((await timed(guarded, 'http://svc.test:9/', 1000)).outcome).errorCode).toBe('blocked_address');
    } finally {
      await Promise.all([allowed.close(), guarded.close()]);
    }
  });

  it('an invalid PROBE_ALLOWLIST entry stops createProber, naming it', () => {
    expect(() => createProber({ allowlist: '10.0.0.0/8, 169.254.0.0/33' })).toThrow(/"169\.254\.0\.0\/33"/);
  });
});

describe('headers and secrets', () => {
  it('custom headers are not forwarded to another origin on redirect, but are on the same origin', async () => {
    const secret = 'super-secret-key-42';
    const cross = `${target.url}/redirect-to?url=${encodeURIComponent(`${other.url}/echo-headers`)}`;
    const o = success((await timed(prober, cross, 1000, { 'x-api-key': secret, authorization: `Bearer ${secret}` })).outcome);
    expect(o.redirects).toBe(1);
    expect(o.finalUrl).toBe(`${other.url}/echo-headers`);
    const h = other.lastHeaders('/echo-headers')!;
    expect(h['x-api-key']).toBeUndefined();
    expect(h.authorization).toBeUndefined();
    expect(h['user-agent']).toBe('opsdeck-probe/0.1');

    const same = `${target.url}/redirect-to?url=${encodeURIComponent('/echo-headers')}`;
    success((await timed(prober, same, 1000, { 'x-api-key': secret })).outcome);
    expect(target.lastHeaders('/echo-headers')!['x-api-key']).toBe(secret);
  });

  it('never puts header values or URL secrets in error messages', async () => {
    const secret = 'super-secret-key-42';
    const outcomes = await Promise.all([
      prober.probe({ url: `${target.url}/hang`, timeoutMs: 300, headers: { 'x-api-key': secret } }),
      prober.probe({ url: `${target.url}/garbage`, timeoutMs: 1000, headers: { 'x-api-key': secret } }),
      prober.probe({ url: `${target.url}/health`, timeoutMs: 1000, headers: { 'x-api-key': `bad\r\nvalue ${secret}` } }),
      prober.probe({ url: `http://user:${secret}@[bad-url/`, timeoutMs: 1000 }),
      prober.probe({ url: `${target.url}/loop?token=${secret}`, timeoutMs: 1000 }),
    ]);
    for (const o of outcomes) {
      const f = failure(o);
      expect(f.error).not.toContain(secret);
    }
    expect(failure(outcomes[2]).error).toBe('invalid request: invalid x-api-key header');
  });

  it('basic-auth credentials in the URL are sent as a header, never echoed', async () => {
    const o = success((await timed(prober, `http://user:pa%20ss@127.0.0.1:${target.port}/echo-headers`, 1000)).outcome);
    expect(o.finalUrl).toBe(`${target.url}/echo-headers`);
    expect(target.lastHeaders('/echo-headers')!.authorization).toBe(`Basic ${Buffer.from('user:pa ss').toString('base64')}`);
  });
});

describe('the poller keeps its pace', () => {
  it('200 healthy probes complete quickly while 20 requests hang on another target', async () => {
    const hangTimeout = 2000;
    const t0 = performance.now();
    const hanging = Array.from({ length: 20 }, () => prober.probe({ url: `${target.url}/hang`, timeoutMs: hangTimeout }));
    const healthy = await Promise.all(Array.from({ length: 200 }, () => prober.probe({ url: `${other.url}/health`, timeoutMs: hangTimeout })));
    const healthyDone = Math.round(performance.now() - t0);
    for (const o of healthy) expect(success(o).response.status).toBe(200);
    expect(healthyDone).toBeLessThan(hangTimeout / 2);

    const hung = await Promise.all(hanging);
    const allDone = Math.round(performance.now() - t0);
    for (const o of hung) expect(failure(o).errorCode).toBe('timeout');
    expect(allDone).toBeLessThan(hangTimeout + MARGIN_MS);
    figures['200 healthy beside 20 hangs'] = `healthy all done at ${healthyDone} ms; hangs timed out by ${allDone} ms (timeout ${hangTimeout})`;

    // Timed-out requests leave no socket behind on the hanging target.
    expect(await waitFor(() => target.stats().openConnections === 0)).toBe(true);
  });
});

describe('never throws', () => {
  it('odd input, and after close', async () => {
    const p = createProber();
    // @ts-expect-error deliberately wrong input
    expect(failure(await p.probe(undefined)).errorCode).toBe('invalid_url');
    // @ts-expect-error deliberately wrong input
    expect(failure(await p.probe({ url: 42, timeoutMs: 'x' })).errorCode).toBe('invalid_url');
    const o = success(await p.probe({ url: `${target.url}/health`, timeoutMs: Number.NaN }));
    expect(o.response.status).toBe(200);
    await p.close();
    await p.close();
    expect(failure(await p.probe({ url: `${target.url}/health`, timeoutMs: 1000 })).error).toBe('the prober was closed');
  });

  it('close() while probes are in flight settles them', async () => {
    const p = createProber();
    const pending = p.probe({ url: `${target.url}/hang`, timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await p.close();
    const o = failure(await pending);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(o.error).toBe('the prober was closed');
  });
});
