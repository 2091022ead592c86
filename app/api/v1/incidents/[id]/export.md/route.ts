import { route, uuidParam } from '@/lib/api/route';
import { exportMarkdown } from '@/lib/incidents/evidence';

export const GET = route({ role: 'viewer' }, async ({ params }) => {
  const { filename, text } = await exportMarkdown(uuidParam(params.id, 'Incident'));
  return new Response(text, {
    headers: { 'content-type': 'text/markdown; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
  });
});
