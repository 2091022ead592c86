import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

// Liveness: the process answers. Dependencies are /api/ready's business.
export function GET() {
  return NextResponse.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
