// The incident lifecycle as a state machine: which status may follow which,
// and which timestamps a move sets or clears. Pure, shared by API and UI.

export const INCIDENT_STATUSES = ['investigating', 'identified', 'mitigated', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const OPEN_STATUSES: readonly IncidentStatus[] = ['investigating', 'identified', 'mitigated'];

/**
 * Forward moves may skip steps (a fault can be mitigated before its cause is
 * known; a false alarm is resolved at once). Backward moves among the open
 * statuses say a hypothesis or a mitigation did not hold. A resolved incident
 * may be reopened (back to investigating) or closed; closed is final.
 */
export const TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  investigating: ['identified', 'mitigated', 'resolved'],
  identified: ['investigating', 'mitigated', 'resolved'],
  mitigated: ['investigating', 'identified', 'resolved'],
  resolved: ['investigating', 'closed'],
  closed: [],
};

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** What the button for a move says. */
export function transitionLabel(from: IncidentStatus, to: IncidentStatus): string {
  if (from === 'resolved' && to === 'investigating') return 'Reopen';
  switch (to) {
    case 'investigating':
      return 'Back to investigating';
    case 'identified':
      return 'Cause identified';
    case 'mitigated':
      return 'Mitigated';
    case 'resolved':
      return 'Resolve';
    case 'closed':
      return 'Close';
  }
}

export function isIncidentStatus(v: unknown): v is IncidentStatus {
  return typeof v === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(v);
}

export function isOpen(status: IncidentStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return TRANSITIONS[from];
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function checkTransition(from: IncidentStatus, to: IncidentStatus): TransitionCheck {
  if (from === to) return { ok: false, reason: `The incident is already ${to}` };
  if (TRANSITIONS[from].includes(to)) return { ok: true };
  if (from === 'closed') return { ok: false, reason: 'A closed incident cannot change status' };
  const options = TRANSITIONS[from];
  return { ok: false, reason: `An incident that is ${from} cannot become ${to}; it can become ${options.join(' or ')}` };
}

export interface LifecycleStamps {
  identifiedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/**
 * The timestamps after a move, so that they always describe the current state:
 * mitigatedAt is set exactly while the impact is over (mitigated, resolved,
 * closed; resolving unmitigated counts as mitigating then), resolvedAt while
 * resolved or closed; going back clears what no longer holds.
 */
export function stampsAfter(current: LifecycleStamps, to: IncidentStatus, now: Date): LifecycleStamps {
  // Only the four stamps, whatever else the caller's object carries.
  const s: LifecycleStamps = { identifiedAt: current.identifiedAt, mitigatedAt: current.mitigatedAt, resolvedAt: current.resolvedAt, closedAt: current.closedAt };
  switch (to) {
    case 'investigating':
      return { identifiedAt: null, mitigatedAt: null, resolvedAt: null, closedAt: null };
    case 'identified':
      return { ...s, identifiedAt: s.identifiedAt ?? now, mitigatedAt: null, resolvedAt: null, closedAt: null };
    case 'mitigated':
      return { ...s, mitigatedAt: now, resolvedAt: null, closedAt: null };
    case 'resolved':
      return { ...s, mitigatedAt: s.mitigatedAt ?? now, resolvedAt: now, closedAt: null };
    case 'closed':
      return { ...s, closedAt: now };
  }
}
