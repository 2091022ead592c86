import { route, uuidParam } from '@/lib/api/route';
import { evidenceStream } from '@/lib/incidents/evidence';

export const GET = route({ role: 'viewer' }, async ({ params }) => {
  const { filename, stream } = await evidenceStream(uuidParam(params.id, 'Incident'));
  return new Response(stream, {
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
  });
});
