/**
 * The simulation behind `npm run demo`: its curves are pure functions of time, its
 * counters never go down, and each simulated server answers what the poller's
 * normaliser turns into the designed story (payments up, billing behind by 3,
 * search flapping, checkout's error rate crossing 5 % and 10 %, reports slow).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalize } from '@/lib/probes/normalize';
import { parsePrometheusText } from '@/lib/probes/normalize/prometheus';
import type { EndpointKind, HttpResponseLike, MetricsSnapshot, NormalizedResult } from '@/lib/probes/types';
import { createServiceSchema } from '@/lib/catalog/schemas';
import { PeriodicCurve } from '../../scripts/demo/curves';
import { demoCatalog, endpointRepairs } from '../../scripts/demo/catalog';
import {
  CHECKOUT_CYCLE_S,
  CHECKOUT_RAMP_S,
  FLAP_PERIOD_S,
  FLAP_UP_S,
  SIM_ENDPOINTS,
  SIM_NAMES,
  errorShareAt,
  flapStateAt,
  metricsText,
  reportsHealthDelayMs,
  startSims,
  type SimName,
  type SimSet,
} from '../../scripts/demo/sim';

describe('PeriodicCurve', () => {
  const ramp = new PeriodicCurve(
    [
      { t: 0, v: 1 },
      { t: 10, v: 3 },
    ],
    15,
  );

  it('interpolates, holds after the last point and starts over each period', () => {
    expect(ramp.at(0)).toBe(1);
    expect(ramp.at(5)).toBe(2);
    expect(ramp.at(12)).toBe(3);
    expect(ramp.at(15)).toBe(1);
    expect(ramp.at(20)).toBe(2);
    expect(ramp.at(-4)).toBe(1);
  });

  it('integrates exactly, across periods', () => {
    // one period: ramp 1→3 over 10 s (area 20) + hold 3 for 5 s (15)
    expect(ramp.integral(15)).toBeCloseTo(35, 9);
    expect(ramp.integral(5)).toBeCloseTo(7.5, 9);
    expect(ramp.integral(35)).toBeCloseTo(70 + 7.5, 9);
    expect(ramp.integral(0)).toBe(0);
    // against a numeric sum
    let sum = 0;
    const dt = 0.001;
    for (let t = dt / 2; t < 47; t += dt) sum += ramp.at(t) * dt;
    expect(ramp.integral(47)).toBeCloseTo(sum, 2);
  });

  it('supports steps', () => {
    const step = new PeriodicCurve(
      [
        { t: 0, v: 0 },
        { t: 4, v: 0 },
        { t: 4, v: 10 },
      ],
      8,
    );
    expect(step.at(3.9)).toBe(0);
    expect(step.at(4)).toBe(10);
    expect(step.integral(8)).toBeCloseTo(40, 9);
  });
});

describe('the story as functions of time', () => {
  it('search flaps: up for 40–60 s, then down for 40–60 s, over and over', () => {
    expect(FLAP_UP_S).toBeGreaterThanOrEqual(40);
    expect(FLAP_UP_S).toBeLessThanOrEqual(60);
    expect(FLAP_PERIOD_S - FLAP_UP_S).toBeGreaterThanOrEqual(40);
    expect(FLAP_PERIOD_S - FLAP_UP_S).toBeLessThanOrEqual(60);
    expect(flapStateAt(0)).toBe('up');
    expect(flapStateAt(FLAP_UP_S - 0.1)).toBe('up');
    expect(flapStateAt(FLAP_UP_S)).toBe('down');
    expect(flapStateAt(FLAP_PERIOD_S - 0.1)).toBe('down');
    expect(flapStateAt(FLAP_PERIOD_S)).toBe('up');
    expect(flapStateAt(3 * FLAP_PERIOD_S + FLAP_UP_S + 1)).toBe('down');
  });

  it("checkout's 5xx share climbs from 1 % to 15 % over 5 minutes, crossing 5 % and 10 %, then resets", () => {
    expect(CHECKOUT_RAMP_S).toBe(300);
    expect(errorShareAt('checkout', 0)).toBeCloseTo(1, 9);
    expect(errorShareAt('checkout', 80)).toBeLessThan(5);
    expect(errorShareAt('checkout', 90)).toBeGreaterThan(5);
    expect(errorShareAt('checkout', 190)).toBeLessThan(10);
    expect(errorShareAt('checkout', 195)).toBeGreaterThan(10);
    expect(errorShareAt('checkout', 300)).toBeCloseTo(15, 9);
    expect(errorShareAt('checkout', CHECKOUT_CYCLE_S - 1)).toBeCloseTo(15, 9);
    expect(errorShareAt('checkout', CHECKOUT_CYCLE_S)).toBeCloseTo(1, 9);
    for (let t = 0; t < CHECKOUT_RAMP_S; t += 10) expect(errorShareAt('checkout', t + 10)).toBeGreaterThan(errorShareAt('checkout', t));
  });

  it('the healthy and the slow services keep a low error share; search fails while its health fails', () => {
    for (let t = 0; t < 1000; t += 13) {
      expect(errorShareAt('payments-api', t)).toBeLessThan(1);
      expect(errorShareAt('reports', t)).toBeLessThan(1);
      expect(errorShareAt('search', t) > 5).toBe(flapStateAt(t) === 'down');
    }
  });

  it('reports health answers in about 1.5 s', () => {
    for (let t = 0; t < 600; t += 7) {
      expect(reportsHealthDelayMs(t)).toBeGreaterThanOrEqual(1300);
      expect(reportsHealthDelayMs(t)).toBeLessThanOrEqual(1700);
    }
  });

  it('every counter and histogram bucket is monotonic, and the output is a pure function of t', () => {
    const T0 = Date.UTC(2026, 0, 1);
    for (const name of SIM_NAMES) {
      let previous = new Map<string, number>();
      for (let t = 0; t <= 900; t += 7.3) {
        const text = metricsText(name, t, T0 + t * 1000);
        expect(metricsText(name, t, T0 + t * 1000)).toBe(text);
        const parsed = parsePrometheusText(text);
        if (!parsed.ok) throw new Error(parsed.error);
        const current = new Map<string, number>();
        for (const s of parsed.samples) {
          if (!/_total$|_bucket$|_count$|_sum$/.test(s.name)) continue;
          const key = `${s.name}${JSON.stringify(s.labels)}`;
          current.set(key, s.value);
          const before = previous.get(key);
          if (before !== undefined && s.value < before) throw new Error(`${name}: ${key} went down at t=${t}: ${before} → ${s.value}`);
        }
        previous = current;
      }
    }
  });
});

describe('the demo catalog', () => {
  const urls = Object.fromEntries(SIM_NAMES.map((n, i) => [n, `http://127.0.0.1:${4001 + i}`])) as Record<SimName, string>;
  const catalog = demoCatalog(urls, 'http://127.0.0.1:3000');

  it('is valid input for POST /api/v1/services, with intervals of 10–15 s', () => {
    expect(catalog.map((s) => s.name)).toEqual([...SIM_NAMES, 'opsdeck']);
    for (const s of catalog) {
      const parsed = createServiceSchema.safeParse(s);
      expect(parsed.error?.issues ?? []).toEqual([]);
      for (const e of s.endpoints) {
        expect(e.intervalSeconds).toBeGreaterThanOrEqual(10);
        expect(e.intervalSeconds).toBeLessThanOrEqual(15);
      }
    }
    expect(catalog.find((s) => s.name === 'opsdeck')!.endpoints.map((e) => e.url)).toEqual([
      'http://127.0.0.1:3000/api/health',
      'http://127.0.0.1:3000/api/ready',
      'http://127.0.0.1:3000/api/metrics',
    ]);
  });

  it('re-points endpoints whose port moved, keeping their ids, and changes nothing otherwise', () => {
    const wanted = catalog.find((s) => s.name === 'search')!;
    const stored = { endpoints: wanted.endpoints.map((e, i) => ({ id: `id-${i}`, kind: e.kind, url: e.url, status: 'up', lastCheckedAt: null })) };
    expect(endpointRepairs(stored, wanted)).toEqual([]);
    const moved = { endpoints: stored.endpoints.map((e) => ({ ...e, url: e.url.replace(':4002', ':4999') })) };
    expect(endpointRepairs(moved, wanted)).toEqual(wanted.endpoints.map((e, i) => ({ id: `id-${i}`, url: e.url })));
  });
});

describe('the simulated servers, as the poller reads them', () => {
  const T0 = Date.UTC(2026, 0, 1, 12);
  let nowMs = T0;
  let sims: SimSet;
  const at = (t: number) => {
    nowMs = T0 + t * 1000;
  };

  beforeAll(async () => {
    sims = await startSims({ clock: () => nowMs, startedAtMs: T0 });
  });
  afterAll(async () => {
    await sims?.close();
  });

  async function get(service: SimName, path: string): Promise<HttpResponseLike & { ms: number }> {
    const started = performance.now();
    const res = await fetch(`${sims.urls[service]}${path}`);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    return { status: res.status, headers, body: await res.text(), truncated: false, ms: performance.now() - started };
  }

  const pathOf = (service: SimName, kind: EndpointKind) => SIM_ENDPOINTS[service].find((e) => e.kind === kind)!.path;

  async function probe(service: SimName, kind: EndpointKind, t: number, previous?: MetricsSnapshot | null): Promise<NormalizedResult> {
    at(t);
    const ep = SIM_ENDPOINTS[service].find((e) => e.kind === kind)!;
    const res = await get(service, ep.path);
    return normalize(kind, res, { now: nowMs, previous, telemetryPaths: ep.telemetryPaths });
  }

  /** Two scrapes, `gap` seconds apart, ending at t: the KPIs the poller would compute. */
  async function kpisAt(service: SimName, t: number, gap = 10) {
    const first = await probe(service, 'metrics', t - gap);
    expect(first.status).toBe('up');
    const second = await probe(service, 'metrics', t, first.snapshot);
    expect(second.status).toBe('up');
    return second.summary.kpis ?? {};
  }

  it('payments-api is up on every endpoint, with low error rate, fast p95 and its telemetry KPIs', async () => {
    const health = await probe('payments-api', 'health', 30);
    expect(health).toMatchObject({ status: 'up', error: null, summary: { format: 'spring-actuator' } });
    expect(health.summary.components?.map((c) => c.name)).toEqual(expect.arrayContaining(['db', 'diskSpace', 'ping']));
    expect((await probe('payments-api', 'readiness', 30)).status).toBe('up');
    expect((await probe('payments-api', 'liveness', 30)).status).toBe('up');
    const migration = await probe('payments-api', 'migration', 30);
    expect(migration).toMatchObject({ status: 'up', summary: { format: 'flyway', migration: { current: '0027', head: '0027', atHead: true } } });
    const telemetry = await probe('payments-api', 'telemetry', 30);
    expect(telemetry.status).toBe('up');
    expect(Object.keys(telemetry.summary.kpis ?? {}).sort()).toEqual(['authorizedPerMinute', 'busyWorkers', 'declineRate', 'queueDepth']);
    const kpis = await kpisAt('payments-api', 120);
    expect(kpis.requestRate).toBeGreaterThan(50);
    expect(kpis.errorRate).toBeLessThan(1);
    expect(kpis.p95LatencyMs).toBeLessThan(200);
    expect(kpis.cpu).toBeGreaterThan(10);
    expect(kpis.cpu).toBeLessThan(40);
    expect(kpis.memory).toBeGreaterThan(30);
    expect(kpis.disk).toBeGreaterThan(30);
  });

  it('billing-worker is healthy but its migrations are degraded: behind by 3', async () => {
    expect(await probe('billing-worker', 'health', 20)).toMatchObject({ status: 'up', summary: { format: 'aspnetcore' } });
    expect((await probe('billing-worker', 'readiness', 20)).status).toBe('up');
    const migration = await probe('billing-worker', 'migration', 20);
    expect(migration.status).toBe('degraded');
    expect(migration.error).toContain('behind by 3');
    expect(migration.summary.migration).toMatchObject({ current: '0041', head: '0044', pending: 3, atHead: false });
  });

  it('search passes its health checks, then fails them (503, IETF fail), then passes again', async () => {
    const up = await probe('search', 'health', 10);
    expect(up).toMatchObject({ status: 'up', summary: { format: 'health+json' } });
    at(FLAP_UP_S + 5);
    expect((await get('search', pathOf('search', 'health'))).status).toBe(503);
    const down = await probe('search', 'health', FLAP_UP_S + 5);
    expect(down.status).toBe('down');
    expect(down.error).toMatch(/^HTTP 503.*elasticsearch.*primary shards unassigned/);
    expect((await probe('search', 'health', FLAP_PERIOD_S + 5)).status).toBe('up');
    expect((await probe('search', 'liveness', FLAP_UP_S + 5)).status).toBe('up');
  });

  it("checkout's error rate rises past 5 % and then past 10 % at the designed times", async () => {
    const early = await kpisAt('checkout', 30);
    expect(early.errorRate).toBeLessThan(5);
    const warning = await kpisAt('checkout', 140, 15);
    expect(warning.errorRate).toBeGreaterThan(5);
    expect(warning.errorRate).toBeLessThan(10);
    const critical = await kpisAt('checkout', 215, 15);
    expect(critical.errorRate).toBeGreaterThan(10);
    expect(critical.errorRate).toBeLessThan(16);
    expect(critical.p95LatencyMs).toBeLessThan(2000);
    expect((await probe('checkout', 'health', 215)).status).toBe('up');
    expect((await probe('checkout', 'readiness', 215)).status).toBe('up');
    // After the cycle the share starts over.
    const reset = await kpisAt('checkout', CHECKOUT_CYCLE_S + 25);
    expect(reset.errorRate).toBeLessThan(5);
  });

  it('reports is slow: p95 above the 2 s warning all along, and health takes ~1.5 s', async () => {
    for (const t of [30, 90, 150, 210]) {
      const kpis = await kpisAt('reports', t);
      expect(kpis.p95LatencyMs).toBeGreaterThan(2000);
      expect(kpis.p95LatencyMs).toBeLessThan(7000);
    }
    at(40);
    const res = await get('reports', pathOf('reports', 'health'));
    expect(res.ms).toBeGreaterThan(1200);
    expect(normalize('health', res, { now: nowMs }).status).toBe('up');
  });

  it('answers 404 to unknown paths and 405 to writes', async () => {
    expect((await get('checkout', '/nope')).status).toBe(404);
    expect((await fetch(`${sims.urls.checkout}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});
