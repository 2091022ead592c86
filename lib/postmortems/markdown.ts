import { cell, EVENT_LABELS } from '@/lib/incidents/markdown';
import { formatSeconds } from './measurements';
import { ACTION_ITEM_STATUS_LABELS, POSTMORTEM_STATUS_LABELS, SECTIONS } from './states';
import type { PostmortemOut } from './types';

// The postmortem as a Markdown document: facts, measurements, impact, the
// written sections, action items and the key timeline. Pure.

const when = (iso: string | null) => (iso ? `${iso.replace('T', ' ').slice(0, 16)} UTC` : '—');
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`);

export function postmortemMarkdown(pm: PostmortemOut, now = new Date()): string {
  const d = pm.draft;
  const m = pm.metrics;
  const lines: string[] = [
    `# Postmortem: incident #${pm.incident.number} — ${pm.incident.title}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Severity | ${pm.incident.severity} |`,
    `| Status | ${POSTMORTEM_STATUS_LABELS[pm.status]}${pm.approvedBy ? ` by ${cell(pm.approvedBy)} at ${when(pm.approvedAt)}` : ''} |`,
    `| Due | ${when(pm.dueAt)}${pm.overdue ? ' — **overdue**' : ''} |`,
    `| Declared | ${when(m.declaredAt)} by ${cell(d.incident.declaredBy)} |`,
    `| Commander | ${cell(d.incident.commander ?? '—')} |`,
    `| Resolved | ${when(m.resolvedAt)}${m.reopened ? ` (reopened ${m.reopenCount}×)` : ''} |`,
    '',
    '## Response measurements',
    '',
    '| Measure | Time | From → to |',
    '| --- | --- | --- |',
    `| Time to detect | ${formatSeconds(m.timeToDetectSeconds)} | ${m.detectedAt ? `first failing ${m.detectedBy ?? 'signal'} ${when(m.detectedAt)} → declared` : 'nothing failing was seen before declaring'} |`,
    `| Time to acknowledge | ${formatSeconds(m.timeToAcknowledgeSeconds)} | ${m.acknowledgedAt ? `declared → acknowledged ${when(m.acknowledgedAt)}` : 'never acknowledged'} |`,
    `| Time to mitigate | ${formatSeconds(m.timeToMitigateSeconds)} | declared → mitigated ${when(m.mitigatedAt)} |`,
    `| Time to resolve | ${formatSeconds(m.timeToResolveSeconds)} | declared → resolved ${when(m.resolvedAt)}${m.reopened ? ' (final resolution)' : ''} |`,
    '',
    '## Impact',
    '',
  ];
  if (d.impact.length === 0) lines.push('No services were attached to the incident.');
  else {
    lines.push('| Service | Downtime | Availability | Error rate (mean / peak) | Checks (failed) |', '| --- | --- | --- | --- | --- |');
    for (const s of d.impact) {
      lines.push(`| ${cell(`${s.name} (${s.environment})`)} | ${formatSeconds(s.downtimeSeconds)} | ${pct(s.availabilityPercent)} | ${s.errorRateAvg === null ? '—' : `${pct(s.errorRateAvg)} / ${pct(s.errorRateMax)}`} | ${s.checks} (${s.failedChecks}) |`);
    }
    lines.push('', `_Measured from ${when(d.impact[0].from)} to ${when(d.impact[0].to)}${d.impact.some((s) => s.source === 'rollups') ? ', partly from per-minute rollups (the raw results had aged out)' : ''}._`);
  }
  for (const s of SECTIONS) {
    lines.push('', `## ${s.label}`, '', pm.sections[s.key].trim() || '_Not written yet._');
  }
  lines.push('', '## Action items', '');
  if (pm.actionItems.length === 0) lines.push('None.');
  else {
    lines.push('| Action | Owner | Due | Status | Link |', '| --- | --- | --- | --- | --- |');
    for (const a of pm.actionItems) {
      lines.push(`| ${cell(a.title)} | ${cell(a.owner ? a.owner.name : '—')} | ${a.dueDate ?? '—'}${a.overdue ? ' (overdue)' : ''} | ${ACTION_ITEM_STATUS_LABELS[a.status]} | ${a.link ? cell(a.link) : '—'} |`);
    }
  }
  lines.push('', '## Checklists run', '');
  if (d.checklists.length === 0) lines.push('No checklists were run.');
  else
    for (const c of d.checklists) {
      lines.push(`- ${cell(c.runbookTitle)}${c.version ? ` (v${c.version})` : ''}: ${c.done}/${c.total} done, ${c.skipped} skipped, ${c.failed} failed (${when(c.startedAt)} → ${when(c.completedAt)})`);
      for (const dec of c.decisions ?? []) lines.push(`  - decision: ${cell(dec)}`);
    }
  lines.push('', '## Key timeline', '', '| Time (UTC) | Type | By | What |', '| --- | --- | --- | --- |');
  for (const e of d.keyEvents) lines.push(`| ${e.at.replace('T', ' ').slice(0, 19)} | ${EVENT_LABELS[e.type]} | ${cell(e.actor)} | ${cell(e.body)} |`);
  lines.push('', `_Exported ${when(now.toISOString())} from opsdeck; measured ${when(d.draftedAt)}._`, '');
  return lines.join('\n');
}
