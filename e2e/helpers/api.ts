import { expect, type APIRequestContext, type Page } from '@playwright/test';

// Small helpers for e2e tests that set data up through the public API, as automation would.

/** The bearer header of the server's ADMIN_API_KEY (set by scripts/e2e.ts). */
export function adminHeaders(): Record<string, string> {
  const key = process.env.ADMIN_API_KEY;
  if (!key) throw new Error('ADMIN_API_KEY is not set: run the e2e tests with `npm run test:e2e`');
  return { authorization: `Bearer ${key}` };
}

export interface EndpointInput {
  kind: 'health' | 'liveness' | 'readiness' | 'migration' | 'metrics' | 'telemetry';
  url: string;
  intervalSeconds?: number;
  timeoutMs?: number;
}
export interface ServiceInput {
  name: string;
  environment?: string;
  team?: string;
  tags?: string[];
  endpoints: EndpointInput[];
}
export interface CreatedService {
  id: string;
  name: string;
  environment: string;
}

export async function createService(api: APIRequestContext, body: ServiceInput): Promise<CreatedService> {
  const res = await api.post('/api/v1/services', { headers: adminHeaders(), data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).service as CreatedService;
}

export async function listServices(api: APIRequestContext): Promise<CreatedService[]> {
  const res = await api.get('/api/v1/services', { headers: adminHeaders() });
  expect(res.status()).toBe(200);
  return (await res.json()).services as CreatedService[];
}

/** Deletes quietly: cleanup must not fail a run because something is already gone. */
export async function deleteService(api: APIRequestContext, id: string): Promise<void> {
  await api.delete(`/api/v1/services/${id}`, { headers: adminHeaders() }).catch(() => undefined);
}

export async function recordDeploy(api: APIRequestContext, body: { service: string; environment?: string; version: string; description?: string }) {
  const res = await api.post('/api/v1/deploys', { headers: adminHeaders(), data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).deploy as { id: string; at: string };
}

/**
 * Marks the current document; `expectNoReload` then proves a change arrived live
 * (polling), not through a navigation or a reload.
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __e2eMark: boolean }).__e2eMark = true));
}
export async function expectNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __e2eMark?: boolean }).__e2eMark === true)).toBe(true);
}
