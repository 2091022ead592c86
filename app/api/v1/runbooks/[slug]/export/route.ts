import { route } from '@/lib/api/route';
import { exportQuery } from '@/lib/runbooks/api-schemas';
import { getRunbook } from '@/lib/runbooks/catalog';
import { toMarkdown, toYaml } from '@/lib/runbooks/io';
import { runbookSchema } from '@/lib/runbooks/schema';

// The runbook as a file: YAML, or Markdown with YAML front matter. Importing it gives the same runbook back.
export const GET = route({ role: 'viewer', query: exportQuery }, async ({ params, query }) => {
  const r = await getRunbook(params.slug, query.version);
  const def = runbookSchema.parse(Object.fromEntries(Object.entries(r).filter(([k]) => k in runbookSchema.shape)));
  const md = query.format !== 'yaml';
  const text = md ? toMarkdown(def) : toYaml(def);
  return new Response(text, {
    headers: {
      'content-type': md ? 'text/markdown; charset=utf-8' : 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${r.slug}-v${r.shownVersion}.${md ? 'md' : 'yaml'}"`,
    },
  });
});
