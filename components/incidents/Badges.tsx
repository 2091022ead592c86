import type { IncidentStatus } from '@/lib/incidents/lifecycle';
import { STATUS_LABELS } from '@/lib/incidents/lifecycle';
import type { Severity } from '@/lib/incidents/policy';
import type { EventType } from '@/lib/incidents/types';

// Severity, status and event type, each told by colour, icon and word together.

export const SEVERITY_META: Record<Severity, { icon: string; word: string; chip: string; text: string }> = {
  P1: { icon: '▲', word: 'Critical', chip: 'border-down/50 bg-down/15 text-down', text: 'text-down' },
  P2: { icon: '◆', word: 'Major', chip: 'border-degraded/50 bg-degraded/10 text-degraded', text: 'text-degraded' },
  P3: { icon: '●', word: 'Minor', chip: 'border-accent/40 bg-accent/10 text-accent', text: 'text-accent' },
};

export function SeverityBadge({ severity, name, size = 'md' }: { severity: Severity; name?: string; size?: 'sm' | 'md' | 'lg' }) {
  const m = SEVERITY_META[severity];
  const sizing = size === 'sm' ? 'px-1.5 text-[11px]' : size === 'lg' ? 'px-2.5 py-1 text-sm' : 'px-2 py-0.5 text-xs';
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border font-semibold ${sizing} ${m.chip}`} data-severity={severity} title={`${severity}: ${name ?? m.word}`}>
      <span aria-hidden>{m.icon}</span>
      {severity}
      {size !== 'sm' ? <span className="font-normal opacity-80">{name ?? m.word}</span> : <span className="sr-only"> {name ?? m.word}</span>}
    </span>
  );
}

export const INCIDENT_STATUS_META: Record<IncidentStatus, { icon: string; text: string; chip: string }> = {
  investigating: { icon: '◎', text: 'text-down', chip: 'border-down/40 bg-down/10 text-down' },
  identified: { icon: '◉', text: 'text-degraded', chip: 'border-degraded/40 bg-degraded/10 text-degraded' },
  mitigated: { icon: '◐', text: 'text-accent', chip: 'border-accent/40 bg-accent/10 text-accent' },
  resolved: { icon: '✔', text: 'text-up', chip: 'border-up/40 bg-up/10 text-up' },
  closed: { icon: '■', text: 'text-muted', chip: 'border-line bg-panel-2 text-muted' },
};

export function IncidentStatusBadge({ status, size = 'md' }: { status: IncidentStatus; size?: 'sm' | 'md' | 'lg' }) {
  const m = INCIDENT_STATUS_META[status];
  const sizing = size === 'sm' ? 'px-1.5 text-[11px]' : size === 'lg' ? 'px-2.5 py-1 text-sm' : 'px-2 py-0.5 text-xs';
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border font-medium ${sizing} ${m.chip}`} data-incident-status={status}>
      <span aria-hidden>{m.icon}</span>
      {STATUS_LABELS[status]}
    </span>
  );
}

export const EVENT_META: Record<EventType, { icon: string; label: string; text: string }> = {
  declared: { icon: '⚑', label: 'Declared', text: 'text-accent' },
  status: { icon: '◆', label: 'Status', text: 'text-fg' },
  severity: { icon: '▲', label: 'Severity', text: 'text-degraded' },
  role: { icon: '⇄', label: 'Role', text: 'text-muted' },
  acknowledged: { icon: '✔', label: 'Acknowledged', text: 'text-up' },
  note: { icon: '✎', label: 'Note', text: 'text-muted' },
  update: { icon: '»', label: 'Status update', text: 'text-accent' },
  correction: { icon: '↺', label: 'Correction', text: 'text-muted' },
  alert_opened: { icon: '✖', label: 'Alert', text: 'text-down' },
  alert_resolved: { icon: '●', label: 'Alert resolved', text: 'text-up' },
  deploy: { icon: '⇪', label: 'Deploy', text: 'text-accent' },
  checklist: { icon: '☑', label: 'Checklist', text: 'text-up' },
  postmortem: { icon: '❏', label: 'Postmortem', text: 'text-muted' },
};
