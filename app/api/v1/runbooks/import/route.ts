import { NextResponse } from 'next/server';
import { ApiError } from '@/lib/api/errors';
import { created, route } from '@/lib/api/route';
import { importSchema } from '@/lib/runbooks/api-schemas';
import { createRunbook, findRunbookRow, updateRunbook } from '@/lib/runbooks/catalog';
import { formatIssue, parseRunbookText } from '@/lib/runbooks/io';

// Import a YAML or Markdown runbook file: a new runbook, or a new version of the one with its slug.
// A bad file is refused with each problem's line and reason (issues[].line).
export const POST = route({ role: 'commander', body: importSchema }, async ({ body, actor, ip }) => {
  const parsed = parseRunbookText(body.content, body.format);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    throw new ApiError(400, `The file is not a valid runbook: ${formatIssue(first)}${parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : ''}`, parsed.issues);
  }
  const existing = await findRunbookRow(parsed.def.slug);
  if (body.dryRun) return NextResponse.json({ dryRun: true, action: existing ? 'new-version' : 'create', runbook: parsed.def });
  if (!existing) return created({ action: 'create', runbook: await createRunbook(parsed.def, actor, ip) });
  const r = await updateRunbook(existing.id, parsed.def, actor, ip);
  return NextResponse.json({ action: r.changed ? 'new-version' : 'unchanged', runbook: r.runbook });
});
