import { describe, expect, it } from 'vitest';
import { issuesFromZod } from '@/lib/api/errors';
import { createServiceSchema, resultsQuerySchema, updateServiceSchema, catalogDocumentSchema } from './schemas';

const base = { name: 'checkout', endpoints: [{ kind: 'health', url: 'https://checkout.internal/health' }] };

function issues(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, input: unknown) {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return issuesFromZod(r.error as Parameters<typeof issuesFromZod>[0]);
}
const messageAt = (list: { path: string; message: string }[], path: string) => list.find((i) => i.path === path)?.message;

describe('createServiceSchema', () => {
  it('applies defaults', () => {
    const v = createServiceSchema.parse(base);
    expect(v.environment).toBe('production');
    expect(v.endpoints[0]).toEqual({ kind: 'health', url: 'https://checkout.internal/health', intervalSeconds: 30, timeoutMs: 5000, enabled: true });
  });

  it('normalises: trims, lowercases the environment, blank team → null, dedupes tags', () => {
    const v = createServiceSchema.parse({ ...base, name: '  checkout ', environment: ' Staging ', team: '  ', tags: ['a', 'a', 'b'] });
    expect(v).toMatchObject({ name: 'checkout', environment: 'staging', team: null, tags: ['a', 'b'] });
  });

  it('names the field in every message', () => {
    const list = issues(createServiceSchema, {
      name: '',
      environment: 'Prod env',
      endpoints: [{ kind: 'ping', url: 'ftp://x', intervalSeconds: 2, timeoutMs: 50 }],
    });
    expect(messageAt(list, 'name')).toBe('name is required');
    expect(messageAt(list, 'environment')).toMatch(/^environment must be a lowercase slug/);
    expect(messageAt(list, 'endpoints.0.kind')).toMatch(/^kind must be one of health, liveness/);
    expect(messageAt(list, 'endpoints.0.url')).toBe('url must be an http or https URL');
    expect(messageAt(list, 'endpoints.0.intervalSeconds')).toBe('intervalSeconds must be at least 5');
    expect(messageAt(list, 'endpoints.0.timeoutMs')).toBe('timeoutMs must be at least 100');
  });

  it('requires at least one endpoint', () => {
    expect(messageAt(issues(createServiceSchema, { name: 'x', endpoints: [] }), 'endpoints')).toMatch(/at least one endpoint/);
  });

  it('only accepts http and https URLs without credentials', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://', 'not a url', 'gopher://x']) {
      expect(messageAt(issues(createServiceSchema, { ...base, endpoints: [{ kind: 'health', url }] }), 'endpoints.0.url')).toBe(
        'url must be an http or https URL',
      );
    }
    expect(messageAt(issues(createServiceSchema, { ...base, endpoints: [{ kind: 'health', url: 'https://u:p@x/' }] }), 'endpoints.0.url')).toMatch(
      /user name or password/,
    );
    expect(messageAt(issues(createServiceSchema, { ...base, links: [{ label: 'Runbook', url: 'ftp://x' }] }), 'links.0.url')).toBe(
      'url must be an http or https URL',
    );
  });

  it('wants the timeout below the interval, and timeouts within 100..60000', () => {
    const ep = (intervalSeconds: number, timeoutMs: number) => ({ ...base, endpoints: [{ kind: 'health', url: 'http://x/', intervalSeconds, timeoutMs }] });
    expect(messageAt(issues(createServiceSchema, ep(5, 5000)), 'endpoints.0.timeoutMs')).toBe('timeoutMs (5000 ms) must be shorter than the interval (5 s)');
    expect(messageAt(issues(createServiceSchema, ep(120, 60001)), 'endpoints.0.timeoutMs')).toBe('timeoutMs must be at most 60000');
    expect(createServiceSchema.safeParse(ep(5, 4999)).success).toBe(true);
    expect(messageAt(issues(createServiceSchema, ep(30.5, 1000)), 'endpoints.0.intervalSeconds')).toMatch(/whole number/);
  });

  it('checks header names, count and value size without echoing values', () => {
    const withHeaders = (headers: Record<string, unknown>) => ({ ...base, endpoints: [{ ...base.endpoints[0], headers }] });
    expect(createServiceSchema.safeParse(withHeaders({ 'X-Api-Key': 'k', Authorization: 'Bearer t' })).success).toBe(true);
    expect(messageAt(issues(createServiceSchema, withHeaders({ 'Bad Name': 'v' })), 'endpoints.0.headers.Bad Name')).toMatch(/not a valid HTTP header name/);
    expect(messageAt(issues(createServiceSchema, withHeaders({ 'Content-Length': '1' })), 'endpoints.0.headers.Content-Length')).toMatch(/set by the HTTP client/);
    expect(messageAt(issues(createServiceSchema, withHeaders({ 'x-a': '1', 'X-A': '2' })), 'endpoints.0.headers.X-A')).toMatch(/given twice/);
    const big = 'S'.repeat(4097);
    const tooBig = issues(createServiceSchema, withHeaders({ 'X-Big': big }));
    expect(messageAt(tooBig, 'endpoints.0.headers.X-Big')).toBe('the value of header X-Big is longer than 4 KiB');
    expect(JSON.stringify(tooBig)).not.toContain('SSSS');
    expect(messageAt(issues(createServiceSchema, withHeaders({ 'X-A': 'a\r\nInjected: 1' })), 'endpoints.0.headers.X-A')).toMatch(/single line/);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v']));
    expect(messageAt(issues(createServiceSchema, withHeaders(many)), 'endpoints.0.headers')).toBe('headers: at most 20');
    expect(messageAt(issues(createServiceSchema, withHeaders({ 'X-A': 1 })), 'endpoints.0.headers.X-A')).toBe('header values must be text');
  });

  it('is strict: an unknown field is named', () => {
    const list = issues(createServiceSchema, { ...base, nmae: 'typo' });
    expect(list[0].message).toMatch(/unknown field "nmae" in the service \(allowed: name, environment/);
    expect(messageAt(issues(createServiceSchema, { ...base, endpoints: [{ ...base.endpoints[0], interval: 5 }] }), 'endpoints.0')).toMatch(
      /unknown field "interval" in an endpoint/,
    );
  });

  it('limits tags, links and names', () => {
    expect(messageAt(issues(createServiceSchema, { ...base, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), 'tags')).toBe('tags: at most 20');
    expect(messageAt(issues(createServiceSchema, { ...base, tags: ['has space'] }), 'tags.0')).toMatch(/no spaces/);
    expect(messageAt(issues(createServiceSchema, { ...base, name: 'x'.repeat(101) }), 'name')).toBe('name must be at most 100 characters');
    expect(messageAt(issues(createServiceSchema, { ...base, name: 'a\u0000b' }), 'name')).toMatch(/control characters/);
  });

  it('takes telemetry paths for telemetry endpoints only, and checks them', () => {
    const tele = (kind: string, telemetryPaths: Record<string, string>) => ({ ...base, endpoints: [{ kind, url: 'http://x/t', telemetryPaths }] });
    expect(createServiceSchema.safeParse(tele('telemetry', { queueDepth: '$.queue.depth', busy: 'workers[0].busy' })).success).toBe(true);
    expect(messageAt(issues(createServiceSchema, tele('health', { q: '$.q' })), 'endpoints.0.telemetryPaths')).toMatch(/only applies to telemetry/);
    expect(messageAt(issues(createServiceSchema, tele('telemetry', { q: '$..[?(@)]' })), 'endpoints.0.telemetryPaths.q')).toMatch(/not a JSON path/);
    expect(messageAt(issues(createServiceSchema, tele('telemetry', { '1bad': '$.q' })), 'endpoints.0.telemetryPaths.1bad')).toMatch(/must start with a letter/);
  });

  it('validates threshold overrides with the alerts schema', () => {
    expect(createServiceSchema.safeParse({ ...base, thresholds: { p95LatencyMs: { warning: 800, critical: 1500 } } }).success).toBe(true);
    expect(createServiceSchema.safeParse({ ...base, thresholds: { errorRate: { warning: 10, critical: 5 } } }).success).toBe(false);
  });

  it('refuses two endpoints with the same kind and URL', () => {
    const list = issues(createServiceSchema, { ...base, endpoints: [base.endpoints[0], base.endpoints[0]] });
    expect(messageAt(list, 'endpoints.1.url')).toMatch(/already is a health endpoint with this URL/);
  });
});

describe('updateServiceSchema', () => {
  it('takes any subset and sets no defaults', () => {
    expect(updateServiceSchema.parse({ team: 'core' })).toEqual({ team: 'core' });
    expect(updateServiceSchema.parse({ team: null, description: '' })).toEqual({ team: null, description: null });
  });
  it('refuses an empty change', () => {
    expect(issues(updateServiceSchema, {})[0].message).toMatch(/nothing to change/);
  });
  it('needs kind and url for a new endpoint, not for a changed one', () => {
    const list = issues(updateServiceSchema, { endpoints: [{ intervalSeconds: 10 }] });
    expect(messageAt(list, 'endpoints.0.kind')).toMatch(/required for a new endpoint/);
    expect(messageAt(list, 'endpoints.0.url')).toMatch(/required for a new endpoint/);
    expect(updateServiceSchema.safeParse({ endpoints: [{ id: '7b0e6f7c-3f7e-4f0a-9d3e-2b2a8f7f1c11', intervalSeconds: 10 }] }).success).toBe(true);
  });
  it('lets null keep a stored header value, but not on a new endpoint', () => {
    const id = '7b0e6f7c-3f7e-4f0a-9d3e-2b2a8f7f1c11';
    expect(updateServiceSchema.safeParse({ endpoints: [{ id, headers: { 'X-Api-Key': null, 'X-New': 'v' } }] }).success).toBe(true);
    expect(messageAt(issues(updateServiceSchema, { endpoints: [{ kind: 'health', url: 'http://x/', headers: { 'X-Api-Key': null } }] }), 'endpoints.0.headers.X-Api-Key')).toMatch(
      /needs a value/,
    );
  });
  it('wants the full list with replaceEndpoints, and each id once', () => {
    expect(messageAt(issues(updateServiceSchema, { replaceEndpoints: true }), 'replaceEndpoints')).toMatch(/needs the full endpoints list/);
    const id = '7b0e6f7c-3f7e-4f0a-9d3e-2b2a8f7f1c11';
    expect(messageAt(issues(updateServiceSchema, { endpoints: [{ id }, { id }] }), 'endpoints.1.id')).toMatch(/already changes this endpoint/);
  });
});

describe('resultsQuerySchema', () => {
  it('defaults and bounds the limit', () => {
    expect(resultsQuerySchema.parse({}).limit).toBe(100);
    expect(resultsQuerySchema.parse({ limit: '1000' }).limit).toBe(1000);
    expect(messageAt(issues(resultsQuerySchema, { limit: '1001' }), 'limit')).toBe('limit must be at most 1000');
    expect(messageAt(issues(resultsQuerySchema, { since: 'yesterday' }), 'since')).toMatch(/ISO date-time/);
  });
});

describe('catalogDocumentSchema', () => {
  it('refuses the same service twice', () => {
    const svc = { name: 'a', endpoints: [] };
    const list = issues(catalogDocumentSchema, { services: [svc, { ...svc, environment: 'production' }] });
    expect(messageAt(list, 'services.1.name')).toMatch(/listed twice \(also services\[0\]\)/);
  });
  it('refuses headerNames that disagree with headers', () => {
    const list = issues(catalogDocumentSchema, {
      services: [{ name: 'a', endpoints: [{ kind: 'health', url: 'http://a/', headerNames: ['X-A'], headers: { 'X-B': 'v' } }] }],
    });
    expect(messageAt(list, 'services.0.endpoints.0.headerNames')).toMatch(/disagree/);
  });
});
