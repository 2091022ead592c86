import { NextResponse } from 'next/server';
import { route } from '@/lib/api/route';
import { runbookVersionQuery } from '@/lib/runbooks/api-schemas';
import { getRunbook, updateRunbook } from '@/lib/runbooks/catalog';
import { runbookSchema } from '@/lib/runbooks/schema';

export const GET = route({ role: 'viewer', query: runbookVersionQuery }, async ({ params, query }) => ({ runbook: await getRunbook(params.slug, query.version) }));

// A new version when the content changed (runs keep the version they started with).
export const PUT = route({ role: 'commander', body: runbookSchema }, async ({ params, body, actor, ip }) => {
  const r = await updateRunbook(params.slug, body, actor, ip);
  return NextResponse.json({ runbook: r.runbook, changed: r.changed });
});
