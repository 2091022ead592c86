// Query keys of incidents: everything under ['incidents'] so one invalidation refreshes it all.
export type IncidentListState = 'open' | 'resolved' | 'all';

export const incidentsKey = ['incidents'] as const;
export const incidentListKey = (state: IncidentListState) => ['incidents', 'list', state] as const;
export const incidentKey = (id: string) => ['incidents', 'one', id] as const;
export const timelineKey = (id: string) => ['incidents', 'one', id, 'timeline'] as const;
export const suggestionKey = (serviceIds: string[]) => ['incidents', 'suggest', [...serviceIds].sort().join(',')] as const;
export const peopleKey = ['incidents', 'people'] as const;
export const policyKey = ['severity-policy'] as const;

/** The commander's view refreshes every 3 s; lists every 5 s. */
export const LIVE_MS = 3_000;
export const LIST_MS = 5_000;
