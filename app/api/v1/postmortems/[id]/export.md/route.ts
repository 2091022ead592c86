import { route, uuidParam } from '@/lib/api/route';
import { postmortemMarkdown } from '@/lib/postmortems/markdown';
import { getPostmortem } from '@/lib/postmortems/query';

export const GET = route({ role: 'viewer' }, async ({ params }) => {
  const pm = await getPostmortem(uuidParam(params.id, 'Postmortem'));
  return new Response(postmortemMarkdown(pm), {
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="postmortem-incident-${pm.incident.number}.md"`,
      'cache-control': 'no-store',
    },
  });
});
