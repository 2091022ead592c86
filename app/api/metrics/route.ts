import { registry } from '@/lib/metrics/registry';
import { bearerFrom, safeEqual } from '@/lib/auth/tokens';

export const dynamic = 'force-dynamic';

// Prometheus scrape endpoint: counts and timings, never names, URLs or
// secrets. Open like most exporters unless METRICS_TOKEN is set, then the
// scraper must send it as a bearer token.
export async function GET(req: Request) {
  const required = process.env.METRICS_TOKEN;
  if (required) {
    const given = bearerFrom(req.headers.get('authorization'));
    if (!given || !safeEqual(given, required)) {
      return Response.json({ error: 'Authentication required: Authorization: Bearer <METRICS_TOKEN>', issues: [] }, { status: 401 });
    }
  }
  const r = registry();
  return new Response(await r.metrics(), { headers: { 'content-type': r.contentType, 'cache-control': 'no-store' } });
}
