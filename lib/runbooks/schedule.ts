import type { Schedule } from './schema';

// Scheduled checklists (daily, weekly, monthly; periods in UTC, weeks ISO from
// Monday). A run started for a scheduled runbook covers the current period.
// A checklist is due while its period has no completed run, and overdue when
// the previous period also went without one (it was missed).

export interface Period {
  /** 2026-11-24 · 2026-W48 · 2026-11 */
  key: string;
  start: Date;
  end: Date;
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

function isoWeek(d: Date): { year: number; week: number; monday: Date } {
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
  const thursday = new Date(monday.getTime() + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1 = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY);
  return { year, week: Math.round((monday.getTime() - week1.getTime()) / (7 * DAY)) + 1, monday };
}

export function periodOf(schedule: Schedule, at: Date | number): Period {
  const d = new Date(at);
  if (schedule === 'daily') {
    const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    return { key: `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-${pad(start.getUTCDate())}`, start, end: new Date(start.getTime() + DAY) };
  }
  if (schedule === 'weekly') {
    const w = isoWeek(d);
    return { key: `${w.year}-W${pad(w.week)}`, start: w.monday, end: new Date(w.monday.getTime() + 7 * DAY) };
  }
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  return { key: `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}`, start, end: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)) };
}

export function previousPeriod(schedule: Schedule, p: Period): Period {
  return periodOf(schedule, p.start.getTime() - 1);
}

export interface ScheduledRunLite {
  id: string;
  occurrence: string | null;
  startedAt: Date | string;
  completedAt: Date | string | null;
}

export type ScheduleState = 'done' | 'in_progress' | 'due' | 'overdue';

export interface ScheduleStatus {
  schedule: Schedule;
  period: Period;
  state: ScheduleState;
  /** The period that went without a completed run, when overdue. */
  missed: string | null;
  /** The run of the current period, if one was started. */
  runId: string | null;
  lastCompletedAt: string | null;
}

export function scheduleStatus(schedule: Schedule, since: Date | string, runs: ScheduledRunLite[], now: Date | number = Date.now()): ScheduleStatus {
  const period = periodOf(schedule, now);
  const prev = previousPeriod(schedule, period);
  const mine = runs.filter((r) => r.occurrence === period.key);
  const doneRun = mine.find((r) => r.completedAt);
  const openRun = mine.find((r) => !r.completedAt);
  const last = runs.filter((r) => r.completedAt).map((r) => new Date(r.completedAt!).getTime()).sort((a, b) => b - a)[0];
  const base = { schedule, period, runId: (doneRun ?? openRun)?.id ?? null, lastCompletedAt: last ? new Date(last).toISOString() : null, missed: null };
  if (doneRun) return { ...base, state: 'done' };
  // Missed last time: it existed during the whole previous period and nothing completed for it.
  const existedBefore = new Date(since).getTime() <= prev.start.getTime();
  const prevDone = runs.some((r) => r.occurrence === prev.key && r.completedAt);
  if (existedBefore && !prevDone) return { ...base, state: 'overdue', missed: prev.key };
  return { ...base, state: openRun ? 'in_progress' : 'due' };
}
