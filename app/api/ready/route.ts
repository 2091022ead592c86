import { NextResponse } from 'next/server';
import { readiness } from '@/lib/db/readiness';

export const dynamic = 'force-dynamic';

export async function GET() {
  const r = await readiness();
  return NextResponse.json(r.ok ? { status: 'ready', migrations: r.migrations } : { status: 'not_ready', reason: r.reason }, {
    status: r.ok ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
