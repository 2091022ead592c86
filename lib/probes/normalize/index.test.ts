import { describe, expect, it } from 'vitest';
import type { EndpointKind, HttpResponseLike, NormalizedResult } from '@/lib/probes/types';
import { ENDPOINT_KINDS, isStatus } from '@/lib/probes/types';
import { response, springDown } from './__fixtures__/health-bodies';
import { nodeApp } from './__fixtures__/metrics-texts';
import { normalize, sanitize } from './index';

const ctx = { now: Date.UTC(2025, 0, 1) };

function expectWellFormed(r: NormalizedResult) {
  expect(isStatus(r.status)).toBe(true);
  expect(r.summary).toBeTypeOf('object');
  if (r.error !== null) {
    expect(typeof r.error).toBe('string');
    expect(r.error.length).toBeLessThanOrEqual(300);
    expect(r.error).not.toMatch(/[\n\r]/);
  }
  expect(() => JSON.stringify(r)).not.toThrow();
}

describe('normalize: dispatch', () => {
  it('routes each kind to its reader', () => {
    expect(normalize('health', response(503, springDown), ctx).summary.format).toBe('spring-actuator');
    expect(normalize('readiness', response(200, 'ready'), ctx).status).toBe('up');
    expect(normalize('liveness', response(500, ''), ctx).status).toBe('down');
    expect(normalize('migration', response(200, { current: '1', head: '3' }), ctx).error).toBe('behind by 2 migrations (current 1, head 3)');
    expect(normalize('metrics', response(200, 'up 1\n'), ctx).snapshot).toBeDefined();
    expect(normalize('telemetry', response(200, { a: 1 }), { ...ctx, telemetryPaths: { a: 'a' } }).summary.kpis).toEqual({ a: 1 });
  });

  it('an unknown kind is unknown, not a crash', () => {
    expect(normalize('graphql' as EndpointKind, response(200, 'ok'), ctx)).toEqual({
      status: 'unknown',
      error: 'unknown endpoint kind "graphql"',
      summary: {},
    });
  });
});

describe('normalize: truncated bodies (1 MiB cap)', () => {
  const cut = (status: number): HttpResponseLike => ({ status, headers: {}, body: '{"status":"UP","comp', truncated: true });

  it.each(['health', 'readiness', 'liveness'] as const)('%s: the HTTP status decides, with a note', (kind) => {
    expect(normalize(kind, cut(200), ctx)).toMatchObject({ status: 'up', error: null, summary: { note: 'body truncated at 1 MiB' } });
    expect(normalize(kind, cut(503), ctx)).toMatchObject({ status: 'down', summary: { note: 'body truncated at 1 MiB' } });
  });

  it.each(['metrics', 'telemetry', 'migration'] as const)('%s: down', (kind) => {
    expect(normalize(kind, cut(200), ctx)).toEqual({ status: 'down', error: 'response body larger than 1 MiB', summary: {} });
  });
});

describe('normalize: never throws', () => {
  // A small deterministic generator, so a failure can be replayed.
  function rng(seed: number) {
    return () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
  }
  const next = rng(42);
  const pick = <T,>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const randomString = (n: number) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(next() * 0x2fff))).join('');
  const nested = (depth: number): unknown => (depth === 0 ? { status: 'DOWN' } : { status: 'UP', components: { x: nested(depth - 1) } });
  const deepArray = '['.repeat(5000) + ']'.repeat(5000);

  const bodies: string[] = [
    '', ' ', 'null', '[]', '"x"', '0', 'true', '{}', '{"status":5}', '{"status":null}', '{"status":{}}', '{"status":[]}',
    '{"checks":null}', '{"checks":[null,1,"x",{}]}', '{"components":{"a":null,"b":[],"c":{"components":"x"}}}',
    '{"entries":{"a":{"status":7}}}', '{"current":{},"head":[]}', '{"heads":[null,{}]}', '{"pending":-3}', '{"pending":"many"}',
    '{"contexts":{"a":{"flywayBeans":{"b":{"migrations":[null,{}]}}}}}', '{"__proto__":{"status":"UP"}}',
    '{"status":"UP","components":{"constructor":{"status":"DOWN"}}}', '# TYPE x histogram\nx_bucket{le="abc"} 1\n',
    'x_bucket{le="+Inf"} NaN\n', 'node_cpu_seconds_total{mode="idle"} -5\n', '\u0000\uffff', deepArray,
    JSON.stringify(nested(200)), JSON.stringify({ checks: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`c${i}`, 'down'])) }),
    nodeApp({ ok: 1, clientErrors: 1, serverErrors: 1, buckets: [['+Inf', 1]], cpuSeconds: 1 }),
  ];
  for (let i = 0; i < 150; i++) bodies.push(randomString(Math.floor(next() * 200)));
  for (let i = 0; i < 50; i++) {
    bodies.push(JSON.stringify({ status: pick(['UP', 'pass', 'warn', 'x', 1, null, true]), checks: { [randomString(5)]: pick(['ok', 1, null, {}, []]) } }));
  }

  it('returns a well-formed result for every kind and any body', () => {
    const previous = pick([null, undefined, { v: 1, at: 0 }, { v: 1, at: 'x' }]) as never;
    for (const body of bodies) {
      for (const kind of ENDPOINT_KINDS) {
        for (const status of [200, 503]) {
          const r = normalize(kind, { status, headers: { 'content-type': 'application/health+json' }, body, truncated: false }, {
            now: ctx.now,
            previous,
            telemetryPaths: { a: '$.status', b: 'checks[0]', c: '[' },
          });
          expectWellFormed(r);
        }
      }
    }
  });

  it('survives a malformed response object and context', () => {
    const garbage = [null, undefined, 5, 'x', [], {}, { status: 'x', headers: 5, body: 7 }, { status: NaN, headers: { A: 1 }, body: null }];
    for (const res of garbage) {
      for (const kind of ENDPOINT_KINDS) {
        expectWellFormed(normalize(kind, res as never, null as never));
        expectWellFormed(normalize(kind, res as never, { now: 'soon', previous: 'x', telemetryPaths: 5 } as never));
      }
    }
  });

  it('keeps a long error to one line of at most 300 characters', () => {
    const body = { status: 'DOWN', components: { [`db\n${'x'.repeat(500)}`]: { status: 'DOWN', details: { error: 'y'.repeat(500) } } } };
    const r = normalize('health', response(503, body), ctx);
    expectWellFormed(r);
    // Component names and details are capped before they are joined.
    expect(r.error).toMatch(/^HTTP 503 Service Unavailable: db x+…: DOWN \(y+…\)$/);
  });
});

describe('sanitize', () => {
  it('lower-cases header names and drops non-string values', () => {
    expect(sanitize({ status: 200.7, headers: { 'Content-Type': 'text/plain', 'X-N': 5 }, body: 'ok', truncated: 'yes' })).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: 'ok',
      truncated: false,
    });
  });
});
