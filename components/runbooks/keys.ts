// Query keys of runbooks and checklist runs.
export const runbooksKey = ['runbooks'] as const;
export const runbookKey = (slug: string, version?: number) => ['runbooks', 'one', slug, version ?? 'current'] as const;
export const runKey = (id: string) => ['checklists', 'one', id] as const;
export const runsKey = ['checklists'] as const;
export const incidentChecklistsKey = (incidentId: string) => ['checklists', 'incident', incidentId] as const;
export const schedulesKey = ['checklists', 'schedules'] as const;

/** A run refreshes every 3 s: two people ticking steps see each other within 5 s. */
export const RUN_LIVE_MS = 3_000;
export const LIST_MS = 5_000;
