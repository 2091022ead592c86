// The dashboard's query key and its polling rhythm.
export const dashboardKey = ['dashboard'] as const;

/** Poll every 3 s: a change reaches every open screen within ~5 s (poll + request + render). */
export const DASHBOARD_MS = 3_000;

/** A request that has not answered by then counts as failed, so a hung server shows as one. */
export const DASHBOARD_TIMEOUT_MS = 8_000;

/** Data older than this is flagged even without an error (a stalled request, a sleeping laptop). */
export const DASHBOARD_LATE_MS = 10_000;

/** Rows rendered at first, and added per step as the end of the list comes near. */
export const ROWS_PAGE = 60;
