import { created, route } from '@/lib/api/route';
import { deploySchema, deploysQuerySchema, listDeploys, recordDeploy } from '@/lib/changes/deploys';

export const GET = route({ role: 'viewer', query: deploysQuerySchema }, async ({ query }) => ({ deploys: await listDeploys(query) }));

// Called by CI pipelines with a bearer token (responder or above).
export const POST = route({ role: 'responder', body: deploySchema }, async ({ body, actor, ip }) =>
  created({ deploy: await recordDeploy(body, actor, ip) }),
);
