import type { HandoffDraftData } from './types';

// The hand-off note as markdown: a starting point the outgoing on-call edits.

const line = (s: string) => s.replace(/\s+/g, ' ').trim();
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function handoffTitle(d: Pick<HandoffDraftData, 'from' | 'to' | 'team'>): string {
  return `On-call hand-off${d.team ? ` (${d.team})` : ''}: ${utc(d.from)} → ${utc(d.to)}`;
}

export function renderHandoffMarkdown(d: HandoffDraftData): string {
  const out: string[] = [`# ${handoffTitle(d)}`, ''];
  out.push(`**Escalation contact:** ${d.escalationContact ? line(d.escalationContact) : '_(fill in: who to call when it gets worse)_'}`, '');

  out.push('## Open incidents', '');
  if (!d.openIncidents.length) out.push('None.');
  for (const i of d.openIncidents) out.push(`- **#${i.number}** ${line(i.title)} — ${i.severity}, ${i.status}; commander: ${i.commander ?? 'nobody'}`);
  out.push('');

  out.push('## Services', '');
  if (!d.services.length) out.push('No services.');
  for (const s of d.services) out.push(`- ${s.name} (${s.environment})${s.team ? ` [${s.team}]` : ''}: **${s.status}**`);
  out.push('');

  out.push('## Known risks: open alerts', '');
  if (!d.openAlerts.length) out.push('None.');
  for (const a of d.openAlerts) out.push(`- ${a.level} on ${a.service} (${a.environment}) since ${utc(a.openedAt)}: ${line(a.message)}`);
  out.push('');

  out.push('## Deploys in this shift', '');
  if (!d.deploys.length) out.push('None.');
  for (const c of d.deploys) out.push(`- ${utc(c.at)} ${c.kind} ${c.version} of ${c.service} (${c.environment}) by ${c.actor}${c.description ? `: ${line(c.description)}` : ''}`);
  out.push('');

  out.push('## Resolved in this shift', '');
  if (!d.resolvedIncidents.length) out.push('None.');
  for (const i of d.resolvedIncidents) out.push(`- **#${i.number}** ${line(i.title)} (${i.severity}), resolved ${utc(i.resolvedAt)}`);
  out.push('');

  out.push('## Notes for the next shift', '', '- ', '');
  return out.join('\n');
}
