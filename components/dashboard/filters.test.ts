import { describe, expect, it } from 'vitest';
import type { Tile } from '@/lib/dashboard/summary';
import { filterTiles, filtersToQuery, isFiltered, NO_FILTERS, parseFilters } from './filters';

function tile(p: Partial<Tile>): Tile {
  return {
    id: p.name ?? 'x',
    name: 'x',
    environment: 'production',
    team: null,
    tags: [],
    status: 'up',
    since: null,
    lastCheckedAt: null,
    stale: false,
    staleSince: null,
    failing: [],
    migration: null,
    breaches: [],
    alerts: { open: 0, critical: 0 },
    incidents: [],
    endpoints: { total: 1, up: 1, degraded: 0, down: 0, unknown: 0 },
    ...p,
  };
}

const tiles = [
  tile({ name: 'checkout', team: 'payments', status: 'down', tags: ['tier-1'], failing: [{ endpointId: 'e1', kind: 'health', status: 'down', reason: 'HTTP 503 Service Unavailable' }] }),
  tile({ name: 'search', environment: 'staging', team: 'discovery', status: 'degraded' }),
  tile({ name: 'billing', team: 'payments', status: 'up' }),
];

describe('URL filters', () => {
  it('round-trips through the query string in one canonical order', () => {
    const f = parseFilters(new URLSearchParams('status=down,bogus,degraded&env=staging&q=checkout 503'));
    expect(f).toEqual({ env: 'staging', team: '', status: ['degraded', 'down'], q: 'checkout 503' });
    expect(filtersToQuery(f)).toBe('env=staging&status=degraded,down&q=checkout+503');
    expect(parseFilters(new URLSearchParams(filtersToQuery(f)))).toEqual(f);
  });

  it('is empty when nothing is filtered', () => {
    expect(filtersToQuery(NO_FILTERS)).toBe('');
    expect(isFiltered(parseFilters(new URLSearchParams('q=%20%20')))).toBe(false);
  });
});

describe('filterTiles', () => {
  const names = (f: Partial<typeof NO_FILTERS>) => filterTiles(tiles, { ...NO_FILTERS, ...f }).map((t) => t.name);

  it('filters by environment, team and several statuses', () => {
    expect(names({ env: 'staging' })).toEqual(['search']);
    expect(names({ team: 'payments' })).toEqual(['checkout', 'billing']);
    expect(names({ status: ['down', 'degraded'] })).toEqual(['checkout', 'search']);
  });

  it('searches name, team, tags and failure reasons, every word', () => {
    expect(names({ q: 'PAYMENTS' })).toEqual(['checkout', 'billing']);
    expect(names({ q: 'tier-1' })).toEqual(['checkout']);
    expect(names({ q: '503' })).toEqual(['checkout']);
    expect(names({ q: 'payments 503' })).toEqual(['checkout']);
    expect(names({ q: 'payments nothing' })).toEqual([]);
  });
});
