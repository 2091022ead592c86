import { describe, expect, it } from 'vitest';
import { springApp } from './__fixtures__/metrics-texts';
import { parsePrometheusText, parseSampleValue, parseWithLibrary } from './prometheus';

function parsed(text: string) {
  const r = parsePrometheusText(text);
  if (!r.ok) throw new Error(r.error);
  return r.samples;
}

describe('parsePrometheusText', () => {
  it('returns every sample with its labels and numeric value', () => {
    const samples = parsed('# TYPE up gauge\nup 1\nhttp_requests_total{code="200",method="GET"} 1027 1395066363000\n');
    expect(samples).toEqual([
      { name: 'up', labels: {}, value: 1 },
      { name: 'http_requests_total', labels: { code: '200', method: 'GET' }, value: 1027 },
    ]);
  });

  it('keeps the last line even without a trailing newline', () => {
    expect(parsed('a 1\nb 2').map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('keeps every label set of a labelled histogram (the library alone would merge them)', () => {
    const text = [
      '# TYPE rpc_duration_seconds histogram',
      'rpc_duration_seconds_bucket{method="a",le="0.1"} 1',
      'rpc_duration_seconds_bucket{method="a",le="+Inf"} 2',
      'rpc_duration_seconds_count{method="a"} 2',
      'rpc_duration_seconds_bucket{method="b",le="0.1"} 5',
      'rpc_duration_seconds_bucket{method="b",le="+Inf"} 7',
      'rpc_duration_seconds_count{method="b"} 7',
    ].join('\n');
    const samples = parsed(text);
    expect(samples.filter((s) => s.name === 'rpc_duration_seconds_bucket').map((s) => s.value)).toEqual([1, 2, 5, 7]);
    expect(samples.filter((s) => s.name === 'rpc_duration_seconds_count').map((s) => s.value)).toEqual([2, 7]);
  });

  it('accepts Micrometer output: empty HELP, trailing comma in labels, labelled summary counts', () => {
    const samples = parsed(springApp(100, 3));
    expect(samples.filter((s) => s.name === 'http_server_requests_seconds_count').map((s) => s.value)).toEqual([100, 3]);
  });

  it('accepts special values, OpenMetrics EOF and CRLF line endings', () => {
    const samples = parsed('a NaN\r\nb +Inf\r\nc -Inf\r\nd 1.5e3\r\n# EOF\r\n');
    expect(samples.map((s) => s.value)).toEqual([NaN, Infinity, -Infinity, 1500]);
  });

  it('an empty exposition parses to no samples', () => {
    expect(parsed('')).toEqual([]);
    expect(parsed('# just a comment\n')).toEqual([]);
  });

  it.each([
    ['<!DOCTYPE html>\n<html><body>Login</body></html>', /invalid/],
    ['{"status":"ok"}', /no valid samples/],
    ['x{a=1} 2', /invalid line/i],
    ['x{a="1} 2', /invalid value/],
    ['hello world', /invalid value "world"/],
    ['# TYPE broken\n', /invalid line/i],
  ])('rejects %j', (text, message) => {
    const r = parsePrometheusText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('parseSampleValue', () => {
  it.each([
    ['1', 1], ['-2.5', -2.5], ['1e-3', 0.001], ['+Inf', Infinity], ['-Inf', -Infinity], ['.5', 0.5],
  ])('%s → %d', (raw, v) => {
    expect(parseSampleValue(raw)).toBe(v);
  });

  it.each(['', 'abc', '1,5', '0x', undefined])('%j is not a value', (raw) => {
    expect(parseSampleValue(raw)).toBeNull();
  });
});

describe('the one-pass parser for well-formed expositions', () => {
  it('gives exactly what the library path gives, on real expositions and thousands of damaged ones', () => {
    const bases = [
      springApp(100, 3),
      '# HELP up Up.\n# TYPE up gauge\nup 1\nhttp_requests_total{code="200",method="GET"} 1027 1395066363000\n',
      'a 1\na 2\na{x="1"} 3\na{x="1"} 4\n# TYPE b gauge\na 5\n# comment\nx{} 1\nx 2\nfoo{a="1",} 2\n',
      '# TYPE h histogram\nh_bucket{le="0.1"} 1\nh_bucket{le="+Inf"} 2\nh_count 2\nh_sum 0.3\nv NaN\nw -Inf\n',
    ];
    const chars = [' ', '\t', '{', '}', '"', ',', '=', '#', '\n', 'a', '1', '.', '-', '\\', 'e', '+', 'I', '\r', 'H', 'T', '_', ':'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let fast = 0;
    for (const base of bases) {
      for (let i = 0; i < 1500; i++) {
        let t = base;
        if (i > 0) {
          for (let k = 1 + rnd(3); k > 0; k--) {
            const p = rnd(t.length + 1);
            t = rnd(2) ? t.slice(0, p) + t.slice(p + 1) : t.slice(0, p) + chars[rnd(chars.length)] + t.slice(p);
          }
        }
        const got = parsePrometheusText(t);
        expect(got).toEqual(parseWithLibrary(t));
        if (got.ok && got.samples.length > 0) fast++;
      }
    }
    expect(fast).toBeGreaterThan(1000);
  });
});
