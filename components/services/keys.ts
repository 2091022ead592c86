// Query keys of the catalog: everything under ['services'] so one invalidation refreshes it all.
export const servicesKey = ['services'] as const;
export const serviceKey = (id: string) => ['services', id] as const;
export const resultsKey = (id: string, filter: ResultsFilter) => ['services', id, 'results', filter] as const;

/** Polling while someone watches: every 5 s, every 2 s right after "Check now". */
export const LIVE_MS = 5_000;
export const FAST_MS = 2_000;

export interface ResultsFilter {
  kind: string;
  status: string;
}
