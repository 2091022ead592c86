// Response analytics, pure: incidents by month, severity and service; mean
// times to detect, acknowledge and resolve per month; availability and error
// budget per service against an SLO target; action items opened vs closed.
// Months are calendar months in UTC, `YYYY-MM`.
import { SEVERITIES, type Severity } from '@/lib/incidents/policy';

export interface IncidentFact {
  severity: Severity;
  declaredAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  services: { id: string; name: string }[];
  /** From the incident's postmortem, when it has one. */
  timeToDetectSeconds: number | null;
}

export interface ActionItemFact {
  createdAt: Date;
  closedAt: Date | null;
}

export interface ServiceChecks {
  serviceId: string;
  name: string;
  environment: string;
  checks: number;
  failures: number;
}

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** The `count` months ending with the month of `now`, oldest first. */
export function monthsBack(now: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  return out;
}

/** Start of the first of those months. */
export const windowStart = (now: Date, count: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1), 1));

export type SeverityCounts = Record<Severity, number> & { total: number };
const zero = (): SeverityCounts => ({ P1: 0, P2: 0, P3: 0, total: 0 });

export function incidentsByMonth(facts: IncidentFact[], months: string[]): ({ month: string } & SeverityCounts)[] {
  const rows = new Map(months.map((m) => [m, { month: m, ...zero() }]));
  for (const f of facts) {
    const r = rows.get(monthOf(f.declaredAt));
    if (!r) continue;
    r[f.severity]++;
    r.total++;
  }
  return [...rows.values()];
}

/** Per service, most incidents first; an incident counts once for each service it touched. */
export function incidentsByService(facts: IncidentFact[]): ({ service: string } & SeverityCounts)[] {
  const rows = new Map<string, { service: string } & SeverityCounts>();
  for (const f of facts) {
    const services = f.services.length ? f.services : [{ id: '-', name: '(no service)' }];
    for (const s of services) {
      const r = rows.get(s.id) ?? { service: s.name, ...zero() };
      r[f.severity]++;
      r.total++;
      rows.set(s.id, r);
    }
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || SEVERITIES.reduce((acc, l) => acc || b[l] - a[l], 0) || a.service.localeCompare(b.service));
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
const minutes = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 60_000);

export interface ResponseRow {
  month: string;
  incidents: number;
  /** Mean minutes declared → acknowledged over the acknowledged ones; null when none was. */
  mttaMinutes: number | null;
  acknowledged: number;
  /** Mean minutes declared → resolved over the resolved ones. */
  mttrMinutes: number | null;
  resolved: number;
  /** Mean minutes first failure → declared over those with a measured detection. */
  mttdMinutes: number | null;
  detected: number;
}

export function responseTrend(facts: IncidentFact[], months: string[]): ResponseRow[] {
  return months.map((month) => {
    const inMonth = facts.filter((f) => monthOf(f.declaredAt) === month);
    const ack = inMonth.filter((f) => f.acknowledgedAt).map((f) => minutes(f.declaredAt, f.acknowledgedAt!));
    const res = inMonth.filter((f) => f.resolvedAt).map((f) => minutes(f.declaredAt, f.resolvedAt!));
    const det = inMonth.filter((f) => f.timeToDetectSeconds !== null).map((f) => f.timeToDetectSeconds! / 60);
    return { month, incidents: inMonth.length, mttaMinutes: mean(ack), acknowledged: ack.length, mttrMinutes: mean(res), resolved: res.length, mttdMinutes: mean(det), detected: det.length };
  });
}

export interface AvailabilityRow {
  serviceId: string;
  service: string;
  environment: string;
  checks: number;
  failedChecks: number;
  /** Share of checks that did not fail; null without checks. */
  availabilityPercent: number | null;
  targetPercent: number;
  /** Availability at or above the target; null without checks. */
  met: boolean | null;
  /** Minutes of failure the target allows over the window. */
  budgetMinutes: number;
  /** Minutes of that budget used (failed share × window). */
  spentMinutes: number | null;
  /** Share of the budget left, percent; negative when overspent; null without checks. */
  budgetRemainingPercent: number | null;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** SLO attainment and error budget per service, over a window of `days` days. */
export function availability(rows: ServiceChecks[], targetPercent: number, days = 30): AvailabilityRow[] {
  const windowMinutes = days * 24 * 60;
  const allowed = 1 - targetPercent / 100;
  return rows
    .map((r) => {
      const failedShare = r.checks > 0 ? r.failures / r.checks : null;
      const availabilityPercent = failedShare === null ? null : round((1 - failedShare) * 100, 3);
      return {
        serviceId: r.serviceId,
        service: r.name,
        environment: r.environment,
        checks: r.checks,
        failedChecks: r.failures,
        availabilityPercent,
        targetPercent,
        met: availabilityPercent === null ? null : (1 - failedShare!) * 100 >= targetPercent - 1e-9,
        budgetMinutes: round(allowed * windowMinutes, 1),
        spentMinutes: failedShare === null ? null : round(failedShare * windowMinutes, 1),
        budgetRemainingPercent: failedShare === null ? null : allowed <= 0 ? (failedShare === 0 ? 100 : -100) : round((1 - failedShare / allowed) * 100, 1),
      };
    })
    .sort((a, b) => (a.budgetRemainingPercent ?? Infinity) - (b.budgetRemainingPercent ?? Infinity) || a.service.localeCompare(b.service));
}

export interface ActionFlowRow {
  month: string;
  opened: number;
  closed: number;
  /** Items open at the end of the month (created by then, not closed by then). */
  openAtEnd: number;
}

export function actionItemsFlow(items: ActionItemFact[], months: string[]): ActionFlowRow[] {
  return months.map((month) => {
    const [y, m] = month.split('-').map(Number);
    const end = Date.UTC(y, m, 1); // first instant of the next month
    return {
      month,
      opened: items.filter((i) => monthOf(i.createdAt) === month).length,
      closed: items.filter((i) => i.closedAt && monthOf(i.closedAt) === month).length,
      openAtEnd: items.filter((i) => i.createdAt.getTime() < end && (!i.closedAt || i.closedAt.getTime() >= end)).length,
    };
  });
}

export interface CsvColumn<T> {
  label: string;
  value: (row: T) => string | number | boolean | null;
}

/**
 * RFC 4180 CSV: a header line, then one line per row, CRLF-terminated; quotes
 * where needed. Text that a spreadsheet would run as a formula (=, +, -, @) gets
 * a leading apostrophe; numbers are written as they are.
 */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const field = (v: string | number | boolean | null) => {
    if (v === null) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => field(c.label)), ...rows.map((r) => columns.map((c) => field(c.value(r))))].map((l) => l.join(',')).join('\r\n') + '\r\n';
}
