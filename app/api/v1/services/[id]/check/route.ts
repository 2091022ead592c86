import { NextResponse } from 'next/server';
import { route, uuidParam } from '@/lib/api/route';
import { requestCheck } from '@/lib/catalog/services';

// 202: the poller does the checking; watch the service or its results for the outcome.
export const POST = route({ role: 'responder' }, async ({ params, actor, ip }) =>
  NextResponse.json(await requestCheck(uuidParam(params.id, 'Service'), actor, ip), { status: 202 }),
);
