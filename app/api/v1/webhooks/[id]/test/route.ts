import { NextResponse } from 'next/server';
import { route, uuidParam } from '@/lib/api/route';
import { sendTest } from '@/lib/webhooks/manage';

// Queues the test event: the dispatcher sends it within seconds; its result shows in the delivery log.
export const POST = route({ role: 'admin' }, async ({ actor, ip, params }) =>
  NextResponse.json({ queued: true, ...(await sendTest(uuidParam(params.id, 'Webhook'), actor, ip)) }, { status: 202 }),
);
