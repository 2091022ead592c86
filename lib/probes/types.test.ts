import { describe, expect, it } from 'vitest';
import { ENDPOINT_KINDS, isEndpointKind, isStatus, STATUS_RANK, STATUSES, worstStatus } from './types';

describe('worstStatus', () => {
  it('is unknown when nothing is known', () => {
    expect(worstStatus([])).toBe('unknown');
  });

  it('ranks down > degraded > unknown > up', () => {
    expect(worstStatus(['up', 'down', 'degraded'])).toBe('down');
    expect(worstStatus(['up', 'degraded', 'unknown'])).toBe('degraded');
    expect(worstStatus(['up', 'unknown'])).toBe('unknown');
    expect(worstStatus(['up', 'up'])).toBe('up');
  });

  it('ignores values that are not statuses', () => {
    expect(worstStatus(['up', 'bogus' as never])).toBe('up');
  });
});

describe('vocabulary', () => {
  it('has a rank for every status and a guard for kinds', () => {
    expect(STATUSES.map((s) => STATUS_RANK[s])).toEqual([0, 2, 3, 1]);
    expect(ENDPOINT_KINDS.every(isEndpointKind)).toBe(true);
    expect(isEndpointKind('graphql')).toBe(false);
    expect(isStatus('down')).toBe(true);
    expect(isStatus('DOWN')).toBe(false);
  });
});
