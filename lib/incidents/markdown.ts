import { formatDuration } from './clocks';
import { STATUS_LABELS } from './lifecycle';
import { ROLE_LABELS, type IncidentOut, type TimelineEventOut } from './types';

// The incident as a Markdown document: facts, people, pinned events and the
// whole timeline, for a postmortem draft or a ticket.

const when = (iso: string | null) => (iso ? `${iso.replace('T', ' ').slice(0, 19)} UTC` : '—');

/** Table cells: one line, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n+/g, ' ⏎ ').replace(/\|/g, '\\|').trim();
}

export const EVENT_LABELS: Record<TimelineEventOut['type'], string> = {
  declared: 'Declared',
  status: 'Status',
  severity: 'Severity',
  role: 'Role',
  acknowledged: 'Acknowledged',
  note: 'Note',
  update: 'Status update',
  correction: 'Correction',
  alert_opened: 'Alert opened',
  alert_resolved: 'Alert resolved',
  deploy: 'Deploy',
  checklist: 'Checklist',
  postmortem: 'Postmortem',
};

export function incidentMarkdown(i: IncidentOut, events: TimelineEventOut[]): string {
  const person = (p: { name: string; email: string } | null) => (p ? `${p.name} <${p.email}>` : '—');
  const lines: string[] = [
    `# Incident #${i.number}: ${i.title}`,
    '',
    `| | |`,
    `| --- | --- |`,
    `| Severity | ${i.severity} (${cell(i.policy.name)}) |`,
    `| Status | ${STATUS_LABELS[i.status]} |`,
    `| Declared | ${when(i.declaredAt)} by ${cell(i.declaredBy)} |`,
    `| Acknowledged | ${i.acknowledgedAt ? `${when(i.acknowledgedAt)} by ${cell(i.acknowledgedBy ?? '')}` : '—'} |`,
    `| Mitigated | ${when(i.mitigatedAt)} |`,
    `| Resolved | ${when(i.resolvedAt)} |`,
    `| Closed | ${when(i.closedAt)} |`,
    `| Duration | ${formatDuration(i.clocks.elapsedMs)}${i.clocks.running ? ' (ongoing)' : ''} |`,
    `| Services | ${i.services.length ? i.services.map((s) => cell(`${s.name} (${s.environment})`)).join(', ') : '—'} |`,
    `| ${ROLE_LABELS.commander} | ${cell(person(i.roles.commander))} |`,
    `| ${ROLE_LABELS.communications} | ${cell(person(i.roles.communications))} |`,
    `| ${ROLE_LABELS.scribe} | ${cell(person(i.roles.scribe))} |`,
    `| Responders | ${i.roles.responders.length ? i.roles.responders.map((p) => cell(person(p))).join(', ') : '—'} |`,
  ];
  if (i.clocks.postmortem.required) lines.push(`| Postmortem due | ${i.clocks.postmortem.dueAt ? when(i.clocks.postmortem.dueAt) : 'when resolved'} |`);
  if (i.summary) lines.push('', '## Summary', '', i.summary);

  const corrected = new Map<string, TimelineEventOut>();
  for (const e of events) if (e.correctsId) corrected.set(e.correctsId, e);
  const pinned = events.filter((e) => e.pinned);
  if (pinned.length) {
    lines.push('', '## Pinned', '');
    for (const e of pinned) lines.push(`- ${when(e.at)} — ${cell(corrected.get(e.id)?.body ?? e.body)} (${cell(e.actor)})`);
  }

  lines.push('', '## Timeline', '', '| Time (UTC) | Type | By | What |', '| --- | --- | --- | --- |');
  for (const e of events) {
    const note = corrected.has(e.id) ? ' *(corrected below)*' : e.correctsId ? ` *(corrects the entry of ${when(events.find((x) => x.id === e.correctsId)?.at ?? null)})*` : '';
    lines.push(`| ${e.at.replace('T', ' ').slice(0, 19)} | ${EVENT_LABELS[e.type]} | ${cell(e.actor)} | ${cell(e.body)}${note} |`);
  }
  lines.push('', `_Exported ${when(i.clocks.now)} from opsdeck._`, '');
  return lines.join('\n');
}
