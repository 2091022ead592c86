import { z } from 'zod';
import { route } from '@/lib/api/route';
import { ApiError, validationError } from '@/lib/api/errors';
import { applyCatalogYaml, exportCatalogYaml } from '@/lib/catalog/yaml';

const MAX_BYTES = 1024 * 1024;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

const querySchema = z.strictObject({
  dryRun: z.enum(['true', 'false', '1', '0'], { error: 'dryRun must be true or false' }).optional(),
});
const jsonBodySchema = z.strictObject({
  yaml: z.string({ error: 'yaml must be the catalog document as text' }),
  dryRun: z.boolean({ error: 'dryRun must be true or false' }).optional(),
});

export const GET = route({ role: 'viewer' }, async () => {
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(await exportCatalogYaml(), {
    headers: {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `inline; filename="opsdeck-catalog-${stamp}.yaml"`,
      'cache-control': 'no-store',
    },
  });
});

/** Body: the YAML itself (application/yaml, text/yaml, text/plain), or JSON {yaml, dryRun}. */
export const PUT = route({ role: 'admin', query: querySchema }, async ({ req, query, actor, ip }) => {
  const type = (req.headers.get('content-type') ?? 'application/yaml').split(';')[0].trim().toLowerCase();
  const raw = await req.text();
  if (Buffer.byteLength(raw, 'utf8') > MAX_BYTES) throw new ApiError(413, 'Catalog document larger than 1 MiB');
  let text = raw;
  let dryRun = query.dryRun === 'true' || query.dryRun === '1';
  if (type === 'application/json') {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ApiError(400, 'Request body is not valid JSON', [{ path: '(root)', message: 'expected {"yaml": "…", "dryRun": true|false}' }]);
    }
    const parsed = jsonBodySchema.safeParse(json);
    if (!parsed.success) throw validationError(parsed.error);
    text = parsed.data.yaml;
    dryRun ||= parsed.data.dryRun === true;
  } else if (!YAML_TYPES.includes(type)) {
    throw new ApiError(415, `Send the catalog as application/yaml (or text/plain, or JSON {yaml, dryRun}), not ${type}`);
  }
  return applyCatalogYaml(text, { dryRun, actor, ip });
});
