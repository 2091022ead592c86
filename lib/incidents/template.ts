import type { IncidentStatus } from './lifecycle';
import { STATUS_LABELS } from './lifecycle';
import type { Severity } from './policy';

// The status update template: what is affected, what we are doing, when the
// next update comes, and a workaround if there is one.

export interface StatusUpdateFields {
  affected: string;
  doing: string;
  /** Minutes to the next update; null: "when there is news". */
  nextUpdateMinutes: number | null;
  workaround?: string | null;
}

export interface StatusUpdateContext {
  number: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  now: Date;
}

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

/** Missing fields are named, so a half-filled form shows what it still needs. */
export function missingUpdateFields(f: Partial<StatusUpdateFields>): (keyof StatusUpdateFields)[] {
  const missing: (keyof StatusUpdateFields)[] = [];
  if (!f.affected?.trim()) missing.push('affected');
  if (!f.doing?.trim()) missing.push('doing');
  return missing;
}

export function fillStatusUpdate(f: StatusUpdateFields, ctx: StatusUpdateContext): string {
  const lines = [
    `Incident #${ctx.number} · ${ctx.severity} · ${STATUS_LABELS[ctx.status]}: ${ctx.title.trim()}`,
    `Affected: ${f.affected.trim()}`,
    `What we are doing: ${f.doing.trim()}`,
  ];
  const workaround = f.workaround?.trim();
  if (workaround) lines.push(`Workaround: ${workaround}`);
  if (f.nextUpdateMinutes === null) lines.push('Next update: as soon as there is news.');
  else {
    const at = new Date(ctx.now.getTime() + f.nextUpdateMinutes * 60_000);
    lines.push(`Next update: in ${f.nextUpdateMinutes} min (by ${hhmm(at)} UTC).`);
  }
  return lines.join('\n');
}
