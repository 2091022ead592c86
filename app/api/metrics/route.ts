import { registry } from '@/lib/metrics/registry';

export const dynamic = 'force-dynamic';

// Prometheus scrape endpoint. Like most exporters it is unauthenticated: it
// carries counts and timings, never names, URLs or secrets.
export async function GET() {
  const r = registry();
  return new Response(await r.metrics(), { headers: { 'content-type': r.contentType, 'cache-control': 'no-store' } });
}
