import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath, toKpiNumber } from './json-path';

const doc = { queue: { depth: 12, 'odd key': 3 }, workers: [{ busy: 4 }, { busy: 6 }], 'a.b': 1 };

describe('parseJsonPath', () => {
  it.each([
    ['$.queue.depth', ['queue', 'depth']],
    ['queue.depth', ['queue', 'depth']],
    ['workers[0].busy', ['workers', 0, 'busy']],
    ['$.workers[1].busy', ['workers', 1, 'busy']],
    ["$['queue']['odd key']", ['queue', 'odd key']],
    ['$["a.b"]', ['a.b']],
    ['[0]', [0]],
  ])('%s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each(['', '$', '$..x', 'a[*]', 'a[', 'a..b', '$.a[?(@.x)]'])('rejects %j', (path) => {
    expect(parseJsonPath(path)).toBeNull();
  });
});

describe('readJsonPath', () => {
  it('reads nested values and array items', () => {
    expect(readJsonPath(doc, '$.queue.depth')).toEqual({ found: true, value: 12 });
    expect(readJsonPath(doc, 'workers[1].busy')).toEqual({ found: true, value: 6 });
    expect(readJsonPath(doc, 'workers.0.busy')).toEqual({ found: true, value: 4 });
    expect(readJsonPath(doc, "$['queue']['odd key']")).toEqual({ found: true, value: 3 });
  });

  it('reports missing paths and never reaches the prototype', () => {
    for (const path of ['queue.size', 'workers[5].busy', 'queue.depth.x', 'constructor', '__proto__.polluted', 'toString']) {
      expect(readJsonPath(doc, path)).toEqual({ found: false });
    }
    expect(readJsonPath(null, 'a')).toEqual({ found: false });
  });
});

describe('toKpiNumber', () => {
  it('accepts numbers and numeric strings only', () => {
    expect(toKpiNumber(3.5)).toBe(3.5);
    expect(toKpiNumber(' 42 ')).toBe(42);
    expect(toKpiNumber('1e3')).toBe(1000);
    for (const v of ['', '12ms', 'NaN', NaN, Infinity, true, null, {}, [1]]) expect(toKpiNumber(v)).toBeNull();
  });
});
