import { describe, expect, it } from 'vitest';
import { httpLabel, isSuccess, statusFromHttp } from './http';
import { describeValue, joinNotes, oneLine, parseJson, round3 } from './text';

describe('text helpers', () => {
  it('oneLine flattens whitespace and caps with an ellipsis', () => {
    expect(oneLine('a\n  b\tc')).toBe('a b c');
    const long = oneLine('x'.repeat(400));
    expect(long.length).toBe(300);
    expect(long.endsWith('…')).toBe(true);
  });

  it('joinNotes skips empty parts and returns undefined for nothing', () => {
    expect(joinNotes(['a', undefined, '', null, 'b'])).toBe('a; b');
    expect(joinNotes([undefined])).toBeUndefined();
  });

  it('parseJson never throws', () => {
    expect(parseJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJson('{').ok).toBe(false);
    expect(parseJson('').ok).toBe(false);
    expect(parseJson(undefined as never).ok).toBe(false);
  });

  it('parseJson agrees with JSON.parse on what parses, without trying text that cannot', () => {
    const bodies = ['ok', 'Healthy', 'not ready', 'null', ' null ', 'nul', 'true\n', 'false', 'tru', '\t[1]', '\r\n{"a":1}', '"ok"', '-1', '42',
      '\ufeff{"a":1}', '\u00a0{}', 'null\u00a0', '<html></html>', '{"status":"UP"} trailing', '.5', '+1'];
    for (const body of bodies) {
      let expected: { ok: true; value: unknown } | { ok: false } = { ok: false };
      try {
        expected = { ok: true, value: JSON.parse(body) };
      } catch {
        // not JSON
      }
      const got = parseJson(body);
      expect(got.ok, JSON.stringify(body)).toBe(expected.ok && body.trim() !== '');
      if (got.ok && expected.ok) expect(got.value).toEqual(expected.value);
    }
  });

  it('oneLine leaves one-line text as it is and flattens the rest', () => {
    for (const t of ['a b c', 'x', 'a  b', ' a', 'a ', 'a\tb', 'a\u00a0b', 'a\u2028b', '']) expect(oneLine(t)).toBe(t.replace(/\s+/g, ' ').trim());
  });

  it('describeValue prints anything briefly', () => {
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
    expect(describeValue(5)).toBe('5');
    expect(describeValue(undefined)).toBe('undefined');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('(unprintable)');
  });

  it('round3 keeps three decimals', () => {
    expect(round3(4.76190476)).toBe(4.762);
  });
});

describe('http helpers', () => {
  it('labels codes for error texts', () => {
    expect(httpLabel(503)).toBe('HTTP 503 Service Unavailable');
    expect(httpLabel(418)).toBe('HTTP 418');
    expect(httpLabel(0)).toBe('no valid HTTP status');
  });

  it('only 2xx is success; 429 is degraded; everything else is down', () => {
    expect([200, 299, 300, 199].map(isSuccess)).toEqual([true, true, false, false]);
    expect([204, 429, 404, 500, 301, 0].map(statusFromHttp)).toEqual(['up', 'degraded', 'down', 'down', 'down', 'down']);
  });
});
