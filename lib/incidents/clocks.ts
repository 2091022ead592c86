import { isOpen, type IncidentStatus } from './lifecycle';
import type { SeverityLevel } from './policy';
import { addBusinessDays } from '@/lib/postmortems/business-days';

// One implementation of the business-day maths, kept with the postmortems.
export { addBusinessDays };

// The incident's clocks, computed from its timestamps and its level of the
// policy. Pure: the API returns them, and the browser recomputes them every
// second from the same inputs so the countdowns tick between refetches.
//
// Both the response and the escalation clock start when the incident got its
// current severity (declaration, or the last severity change): a P3 raised
// to P1 after an hour gets the P1 targets from that moment on.

export type ClockState = 'none' | 'running' | 'overdue' | 'met' | 'missed';

export interface ClockInput {
  status: IncidentStatus;
  declaredAt: Date | string;
  severitySetAt: Date | string;
  acknowledgedAt: Date | string | null;
  mitigatedAt: Date | string | null;
  resolvedAt: Date | string | null;
}

export interface Clock {
  /** The target, in minutes; null when the level has none. */
  targetMinutes: number | null;
  startedAt: string;
  dueAt: string | null;
  /** When the clock stopped (acknowledged / mitigated), if it did. */
  stoppedAt: string | null;
  state: ClockState;
  /** Until dueAt from now (negative once overdue); null when stopped or without a target. */
  remainingMs: number | null;
}

export interface Clocks {
  now: string;
  /** Time since declaration; stops at resolution. */
  elapsedMs: number;
  running: boolean;
  response: Clock & { text: string };
  escalation: Clock;
  postmortem: { required: boolean; dueAt: string | null; businessDays: number | null };
  /** A running clock is past its target. */
  overdue: boolean;
}

const ms = (d: Date | string) => (typeof d === 'string' ? Date.parse(d) : d.getTime());
const iso = (t: number) => new Date(t).toISOString();

function clock(startedAt: number, targetMinutes: number | null, stoppedAt: number | null, now: number): Clock {
  const dueAt = targetMinutes === null ? null : startedAt + targetMinutes * 60_000;
  let state: ClockState;
  if (dueAt === null) state = 'none';
  else if (stoppedAt !== null) state = stoppedAt <= dueAt ? 'met' : 'missed';
  else state = now > dueAt ? 'overdue' : 'running';
  return {
    targetMinutes,
    startedAt: iso(startedAt),
    dueAt: dueAt === null ? null : iso(dueAt),
    stoppedAt: stoppedAt === null ? null : iso(stoppedAt),
    state,
    remainingMs: dueAt === null || stoppedAt !== null ? null : dueAt - now,
  };
}

export function computeClocks(i: ClockInput, level: SeverityLevel, now: Date | number = Date.now()): Clocks {
  const t = typeof now === 'number' ? now : now.getTime();
  const declared = ms(i.declaredAt);
  const start = Math.max(ms(i.severitySetAt), declared);
  const open = isOpen(i.status);
  const resolved = i.resolvedAt && !open ? ms(i.resolvedAt) : null;

  // Acknowledging stops the response clock; so does a resolution nobody acknowledged.
  const responseStop = i.acknowledgedAt ? ms(i.acknowledgedAt) : resolved;
  // Mitigation stops the escalation clock: the impact is over.
  const mitigated = i.mitigatedAt && i.status !== 'investigating' && i.status !== 'identified' ? ms(i.mitigatedAt) : null;
  const escalationStop = mitigated ?? resolved;

  const response = { ...clock(start, level.responseMinutes, responseStop, t), text: level.responseText };
  const escalation = clock(start, level.escalateAfterMinutes, escalationStop, t);
  const pmDays = level.postmortemRequired ? level.postmortemDueBusinessDays : null;
  return {
    now: iso(t),
    elapsedMs: (resolved ?? t) - declared,
    running: resolved === null,
    response,
    escalation,
    postmortem: {
      required: level.postmortemRequired,
      businessDays: pmDays,
      dueAt: pmDays !== null && resolved !== null ? addBusinessDays(new Date(resolved), pmDays).toISOString() : null,
    },
    overdue: response.state === 'overdue' || escalation.state === 'overdue',
  };
}

/** "45 s", "12 min", "2 h 05 min", "3 d 4 h": a duration for people. */
export function formatDuration(msValue: number): string {
  const s = Math.floor(Math.abs(msValue) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "12:04" style countdown with seconds, for clocks under an hour; formatDuration above. */
export function formatCountdown(msValue: number): string {
  const s = Math.floor(Math.abs(msValue) / 1000);
  if (s >= 3600) return formatDuration(msValue);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
