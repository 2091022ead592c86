// Query keys of postmortems: everything under ['postmortems'] so one invalidation refreshes it all.
export const postmortemsKey = ['postmortems'] as const;
export const postmortemListKey = (overdue: boolean) => ['postmortems', 'list', overdue] as const;
export const postmortemKey = (id: string) => ['postmortems', 'one', id] as const;
export const incidentPostmortemKey = (incidentId: string) => ['postmortems', 'incident', incidentId] as const;
export const overdueKey = ['postmortems', 'overdue'] as const;
export const analyticsKey = (months: number, target: number) => ['postmortems', 'analytics', months, target] as const;

/** The review page refreshes every 5 s (comments, states from other reviewers). */
export const REVIEW_MS = 5_000;
