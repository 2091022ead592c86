/**
 * The demo's service catalog and its registration through the public API
 * (POST /api/v1/services with the admin API key), the way automation would do it.
 */
import { SIM_ENDPOINTS, SIM_NAMES, type SimEndpoint, type SimName } from './sim';

export const DEMO_ENVIRONMENT = 'production';
export const CONSOLE_SERVICE = 'opsdeck';

export interface DemoEndpoint {
  kind: SimEndpoint['kind'];
  url: string;
  intervalSeconds: number;
  timeoutMs?: number;
  telemetryPaths?: Record<string, string>;
}

export interface DemoService {
  name: string;
  environment: string;
  team: string;
  description: string;
  tags: string[];
  endpoints: DemoEndpoint[];
}

const ABOUT: Record<SimName | typeof CONSOLE_SERVICE, { team: string; description: string; tags: string[] }> = {
  'payments-api': { team: 'Payments', description: 'Card authorisations, captures and refunds (simulated: healthy).', tags: ['demo', 'tier-1', 'spring'] },
  search: { team: 'Discovery', description: 'Product search and suggestions (simulated: its cluster fails for 45 s every 90 s).', tags: ['demo', 'tier-2'] },
  'billing-worker': { team: 'Billing', description: 'Invoice and credit-note jobs (simulated: database 3 migrations behind).', tags: ['demo', 'worker', 'dotnet'] },
  checkout: { team: 'Storefront', description: 'Cart and order placement (simulated: 5xx share climbs from 1 % to 15 % over 5 minutes).', tags: ['demo', 'tier-1'] },
  reports: { team: 'Data', description: 'Scheduled and on-demand reports (simulated: p95 latency 3 to 6 s).', tags: ['demo', 'tier-3'] },
  opsdeck: { team: 'Platform', description: 'This console, watching itself.', tags: ['demo', 'internal'] },
};

/** What the demo registers: the simulated services at `simUrls` and the console at `consoleUrl`. */
export function demoCatalog(simUrls: Record<SimName, string>, consoleUrl: string): DemoService[] {
  const services: DemoService[] = SIM_NAMES.map((name) => ({
    name,
    environment: DEMO_ENVIRONMENT,
    ...ABOUT[name],
    endpoints: SIM_ENDPOINTS[name].map((e) => ({
      kind: e.kind,
      url: `${simUrls[name]}${e.path}`,
      intervalSeconds: e.intervalSeconds,
      ...(e.telemetryPaths ? { telemetryPaths: e.telemetryPaths } : {}),
    })),
  }));
  services.push({
    name: CONSOLE_SERVICE,
    environment: DEMO_ENVIRONMENT,
    ...ABOUT[CONSOLE_SERVICE],
    endpoints: [
      { kind: 'health', url: `${consoleUrl}/api/health`, intervalSeconds: 15 },
      { kind: 'readiness', url: `${consoleUrl}/api/ready`, intervalSeconds: 15 },
      { kind: 'metrics', url: `${consoleUrl}/api/metrics`, intervalSeconds: 15 },
    ],
  });
  return services;
}

/** Deploys the demo records for services it has just created. */
export const DEMO_DEPLOYS: { service: string; version: string; description: string }[] = [
  { service: 'checkout', version: '2.14.0', description: 'Retry card authorisation on gateway timeouts (PR #812)' },
  { service: 'billing-worker', version: '4.2.0', description: 'Invoice currencies; needs migrations 0042 to 0044' },
];

// ---------------------------------------------------------------------------
// API client

export interface ApiEndpoint {
  id: string;
  kind: string;
  url: string;
  status: string;
  lastCheckedAt: string | null;
  error?: string | null;
  summary?: { kpis?: Record<string, number>; migration?: unknown; note?: string } | null;
}
export interface ApiService {
  id: string;
  name: string;
  environment: string;
  status: string;
  endpoints: ApiEndpoint[];
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /**
   * One API call. Answers of 500 and above, and network errors, are retried a few times:
   * a console that just started (and the embedded database under the poller's first
   * burst of work) may fail a request now and then; a retried create meets 409 at worst.
   */
  async request(method: string, path: string, body?: unknown, retries = 4): Promise<{ status: number; data: unknown }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const textBody = await res.text();
        let data: unknown = textBody;
        try {
          data = JSON.parse(textBody);
        } catch {
          // not JSON: keep the text for the message
        }
        if (res.status < 500 || attempt >= retries) return { status: res.status, data };
      } catch (e) {
        if (attempt >= retries) throw e;
      }
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }

  async listServices(): Promise<ApiService[]> {
    const r = await this.request('GET', '/api/v1/services');
    if (r.status !== 200) throw new Error(`GET /api/v1/services answered ${r.status}: ${describe(r.data)}`);
    return (r.data as { services: ApiService[] }).services;
  }
}

function describe(data: unknown): string {
  if (data && typeof data === 'object' && 'error' in data) return String((data as { error: unknown }).error);
  return String(data).slice(0, 200);
}

export interface RegisterOutcome {
  name: string;
  id: string;
  outcome: 'created' | 'exists' | 'updated';
}

/**
 * Registers every service; idempotent. A service that already exists (409) is left
 * alone, except that endpoints whose URL moved (the simulation got other ports this
 * time) are pointed at the new URL, matched by kind and path so their history stays.
 */
export async function registerCatalog(api: ApiClient, services: DemoService[]): Promise<RegisterOutcome[]> {
  const out: RegisterOutcome[] = [];
  let existing: ApiService[] | null = null;
  for (const s of services) {
    const r = await api.request('POST', '/api/v1/services', s);
    if (r.status === 201) {
      out.push({ name: s.name, id: (r.data as { service: ApiService }).service.id, outcome: 'created' });
      continue;
    }
    if (r.status !== 409) throw new Error(`registering ${s.name}: POST /api/v1/services answered ${r.status}: ${describe(r.data)}`);
    existing ??= await api.listServices();
    const stored = existing.find((e) => e.name === s.name && e.environment === s.environment);
    if (!stored) throw new Error(`registering ${s.name}: the API says it exists, but it is not in the list`);
    const patch = endpointRepairs(stored, s);
    if (patch.length === 0) {
      out.push({ name: s.name, id: stored.id, outcome: 'exists' });
      continue;
    }
    const u = await api.request('PATCH', `/api/v1/services/${stored.id}`, { endpoints: patch });
    if (u.status !== 200) throw new Error(`updating ${s.name}: PATCH answered ${u.status}: ${describe(u.data)}`);
    out.push({ name: s.name, id: stored.id, outcome: 'updated' });
  }
  return out;
}

/** Endpoint changes that bring a stored service's URLs in line with the demo's. */
export function endpointRepairs(stored: Pick<ApiService, 'endpoints'>, wanted: DemoService): Record<string, unknown>[] {
  const changes: Record<string, unknown>[] = [];
  const used = new Set<string>();
  for (const w of wanted.endpoints) {
    const same = stored.endpoints.find((e) => e.kind === w.kind && e.url === w.url);
    if (same) {
      used.add(same.id);
      continue;
    }
    const path = new URL(w.url).pathname;
    const moved = stored.endpoints.find((e) => !used.has(e.id) && e.kind === w.kind && safePath(e.url) === path);
    if (moved) {
      used.add(moved.id);
      changes.push({ id: moved.id, url: w.url });
    } else {
      changes.push({ ...w });
    }
  }
  return changes;
}

function safePath(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/**
 * Records the demo deploys of the services created in this run. A console without
 * the deploys API (404) is skipped silently; other failures are reported, not fatal.
 */
export async function recordDeploys(api: ApiClient, created: Set<string>, warn: (msg: string) => void): Promise<number> {
  let recorded = 0;
  for (const d of DEMO_DEPLOYS) {
    if (!created.has(d.service)) continue;
    const r = await api.request('POST', '/api/v1/deploys', { ...d, environment: DEMO_ENVIRONMENT });
    if (r.status === 404) return recorded;
    if (r.status === 201 || r.status === 200) recorded++;
    else warn(`could not record the ${d.service} ${d.version} deploy: ${r.status} ${describe(r.data)}`);
  }
  return recorded;
}
