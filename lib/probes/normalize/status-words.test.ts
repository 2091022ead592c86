import { describe, expect, it } from 'vitest';
import { statusFromWord } from './status-words';

describe('statusFromWord', () => {
  it.each([
    ['UP', 'up'], ['ok', 'up'], ['pass', 'up'], ['Healthy', 'up'], ['ready', 'up'], ['SERVING', 'up'],
    ['warn', 'degraded'], ['Degraded', 'degraded'],
    ['DOWN', 'down'], ['OUT_OF_SERVICE', 'down'], ['fail', 'down'], ['error', 'down'], ['Unhealthy', 'down'],
    ['not_ready', 'down'], ['not-ready', 'down'], ['Not Ready', 'down'], ['NOT_SERVING', 'down'],
    ['UNKNOWN', 'unknown'],
  ])('%s → %s', (word, expected) => {
    expect(statusFromWord(word)).toBe(expected);
  });

  it('reads booleans as up/down and rejects everything else', () => {
    expect(statusFromWord(true)).toBe('up');
    expect(statusFromWord(false)).toBe('down');
    for (const v of [5, null, undefined, {}, [], 'banana', '', 'constructor', '__proto__', 'x'.repeat(100)]) {
      expect(statusFromWord(v)).toBeNull();
    }
  });
});
