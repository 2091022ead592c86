// The numbers behind each analytics chart, as columns: the "Show numbers"
// tables and the CSV downloads use the same definitions. Pure.
import type { ActionFlowRow, AvailabilityRow, CsvColumn, ResponseRow, SeverityCounts } from './analytics';

export interface AnalyticsOut {
  generatedAt: string;
  months: string[];
  /** SLO target, percent. */
  targetPercent: number;
  /** Days the availability is measured over. */
  windowDays: number;
  incidentsByMonth: ({ month: string } & SeverityCounts)[];
  incidentsByService: ({ service: string } & SeverityCounts)[];
  responseTrend: ResponseRow[];
  availability: AvailabilityRow[];
  actionItems: ActionFlowRow[];
}

type Table<T> = { title: string; rows: (a: AnalyticsOut) => T[]; columns: CsvColumn<T>[] };

const sev = <T extends SeverityCounts>(): CsvColumn<T>[] => [
  { label: 'P1', value: (r) => r.P1 },
  { label: 'P2', value: (r) => r.P2 },
  { label: 'P3', value: (r) => r.P3 },
  { label: 'Total', value: (r) => r.total },
];

const byMonth: Table<{ month: string } & SeverityCounts> = {
  title: 'Incidents by severity per month',
  rows: (a) => a.incidentsByMonth,
  columns: [{ label: 'Month', value: (r) => r.month }, ...sev()],
};
const byService: Table<{ service: string } & SeverityCounts> = {
  title: 'Incidents by service',
  rows: (a) => a.incidentsByService,
  columns: [{ label: 'Service', value: (r) => r.service }, ...sev()],
};
const response: Table<ResponseRow> = {
  title: 'Mean time to acknowledge, resolve and detect per month',
  rows: (a) => a.responseTrend,
  columns: [
    { label: 'Month', value: (r) => r.month },
    { label: 'Incidents', value: (r) => r.incidents },
    { label: 'MTTA (min)', value: (r) => r.mttaMinutes },
    { label: 'Acknowledged', value: (r) => r.acknowledged },
    { label: 'MTTR (min)', value: (r) => r.mttrMinutes },
    { label: 'Resolved', value: (r) => r.resolved },
    { label: 'Mean time to detect (min)', value: (r) => r.mttdMinutes },
    { label: 'Detection measured', value: (r) => r.detected },
  ],
};
const slo: Table<AvailabilityRow> = {
  title: 'Availability and error budget per service',
  rows: (a) => a.availability,
  columns: [
    { label: 'Service', value: (r) => r.service },
    { label: 'Environment', value: (r) => r.environment },
    { label: 'Checks', value: (r) => r.checks },
    { label: 'Failed checks', value: (r) => r.failedChecks },
    { label: 'Availability (%)', value: (r) => r.availabilityPercent },
    { label: 'Target (%)', value: (r) => r.targetPercent },
    { label: 'Target met', value: (r) => (r.met === null ? null : r.met ? 'yes' : 'no') },
    { label: 'Budget (min)', value: (r) => r.budgetMinutes },
    { label: 'Budget used (min)', value: (r) => r.spentMinutes },
    { label: 'Budget left (%)', value: (r) => r.budgetRemainingPercent },
  ],
};
const actions: Table<ActionFlowRow> = {
  title: 'Action items opened vs closed',
  rows: (a) => a.actionItems,
  columns: [
    { label: 'Month', value: (r) => r.month },
    { label: 'Opened', value: (r) => r.opened },
    { label: 'Closed', value: (r) => r.closed },
    { label: 'Open at month end', value: (r) => r.openAtEnd },
  ],
};

export const ANALYTICS_TABLES = {
  'incidents-by-month': byMonth,
  'incidents-by-service': byService,
  'response-times': response,
  availability: slo,
  'action-items': actions,
} as const;
export type AnalyticsTableName = keyof typeof ANALYTICS_TABLES;
export const ANALYTICS_TABLE_NAMES = Object.keys(ANALYTICS_TABLES) as AnalyticsTableName[];

/** Rows and columns of one table, untyped for generic renderers. */
export function tableOf(name: AnalyticsTableName, a: AnalyticsOut): { title: string; columns: CsvColumn<unknown>[]; rows: unknown[] } {
  const t = ANALYTICS_TABLES[name] as unknown as Table<unknown>;
  return { title: t.title, columns: t.columns, rows: t.rows(a) };
}
