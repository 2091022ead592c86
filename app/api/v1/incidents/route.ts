import { NextResponse } from 'next/server';
import { created, route } from '@/lib/api/route';
import { declareIncident, duplicateMessage } from '@/lib/incidents/declare';
import { listIncidents } from '@/lib/incidents/query';
import { declareSchema, listQuerySchema } from '@/lib/incidents/schemas';

export const GET = route({ role: 'viewer', query: listQuerySchema }, async ({ query }) => ({ incidents: await listIncidents(query) }));

export const POST = route({ role: 'commander', body: declareSchema }, async ({ body, actor, ip }) => {
  const r = await declareIncident(body, actor, ip);
  if (r.kind === 'duplicate') {
    // 409 with what already covers the services, so the client can offer to join it.
    return NextResponse.json({ error: duplicateMessage(r.existing), issues: [], existing: r.existing }, { status: 409 });
  }
  // A replay of the same idempotency key answers 200 with the incident it created.
  return r.kind === 'created' ? created({ incident: r.incident }) : NextResponse.json({ incident: r.incident, replayed: true });
});
