import { route } from '@/lib/api/route';
import { auditJsonlStream, auditQuerySchema, listAudit } from '@/lib/audit/query';

export const GET = route({ role: 'admin', query: auditQuerySchema }, async ({ query }) => {
  if (query.format === 'jsonl') {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return new Response(auditJsonlStream(query), {
      headers: {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="opsdeck-audit-${stamp}.jsonl"`,
      },
    });
  }
  return listAudit(query);
});
