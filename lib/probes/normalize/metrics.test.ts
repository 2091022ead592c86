import { describe, expect, it } from 'vitest';
import type { HttpResponseLike, MetricsSnapshot } from '@/lib/probes/types';
import { nodeApp, nodeExporter, springApp, type AppCounters } from './__fixtures__/metrics-texts';
import { FIRST_SCRAPE_NOTE, normalizeMetrics } from './metrics';

const T0 = Date.UTC(2025, 0, 1, 3, 0, 0);
const text = (body: string, status = 200): HttpResponseLike => ({
  status,
  headers: { 'content-type': 'text/plain; version=0.0.4' },
  body,
  truncated: false,
});

const before: AppCounters = {
  ok: 1000,
  clientErrors: 50,
  serverErrors: 10,
  buckets: [['0.05', 100], ['0.1', 200], ['0.25', 300], ['0.5', 380], ['1', 395], ['+Inf', 400]],
  cpuSeconds: 10,
};
// 30 s later: +570 ok, +30 4xx, +30 5xx; latency deltas per route 300/500/800/900/980/1000.
const after: AppCounters = {
  ok: 1570,
  clientErrors: 80,
  serverErrors: 40,
  buckets: [['0.05', 400], ['0.1', 700], ['0.25', 1100], ['0.5', 1280], ['1', 1375], ['+Inf', 1400]],
  cpuSeconds: 13.3,
};

function scrape(body: string, at: number, previous?: MetricsSnapshot | null) {
  return normalizeMetrics(text(body), { now: at, previous });
}

describe('metrics: first scrape', () => {
  it('is up, stores a snapshot, and gives no rates yet', () => {
    const r = scrape(nodeApp(before), T0);
    expect(r.status).toBe('up');
    expect(r.error).toBeNull();
    expect(r.summary.format).toBe('prometheus');
    expect(r.summary.kpis).toEqual({});
    expect(r.summary.note).toBe(FIRST_SCRAPE_NOTE);
    expect(r.snapshot).toEqual({
      v: 1,
      at: T0,
      requests: { family: 'http_requests_total', total: 1060, errors5xx: 10 },
      latency: {
        family: 'http_request_duration_seconds',
        unit: 's',
        buckets: { '0.05': 200, '0.1': 400, '0.25': 600, '0.5': 760, '1': 790, '+Inf': 800 },
      },
      processCpuSeconds: 10,
      processStartTime: 1700000000,
    });
  });

  it('already gives the gauges (memory, disk)', () => {
    const r = scrape(nodeExporter({ idle: 1000, user: 300, system: 100, iowait: 0 }), T0);
    // memory: 1 − 2.5e9/1e10; disk: the worst real filesystem (/var/lib/postgresql, 85 %),
    // ignoring tmpfs, overlay and anything under /run.
    expect(r.summary.kpis).toEqual({ memory: 75, disk: 85 });
    expect(r.summary.note).toBe(FIRST_SCRAPE_NOTE);
  });

  it('keeps the snapshot small enough to store per endpoint', () => {
    const r = scrape(nodeApp(before) + nodeExporter({ idle: 1, user: 1, system: 1, iowait: 1 }), T0);
    expect(JSON.stringify(r.snapshot).length).toBeLessThan(1000);
  });
});

describe('metrics: second scrape', () => {
  it('derives request rate, error rate, p95 latency and process CPU from the deltas', () => {
    const first = scrape(nodeApp(before), T0);
    const r = scrape(nodeApp(after), T0 + 30_000, first.snapshot);
    expect(r.summary.note).toBeUndefined();
    // 630 requests in 30 s; 30 of them 5xx.
    expect(r.summary.kpis?.requestRate).toBe(21);
    expect(r.summary.kpis?.errorRate).toBeCloseTo((30 / 630) * 100, 3);
    // Summed delta buckets: 600, 1000, 1600, 1800, 1960, 2000. Rank 0.95 × 2000 = 1900 falls in
    // (0.5, 1] which holds 160: 0.5 + 0.5 × (1900 − 1800)/160 = 0.8125 s.
    expect(r.summary.kpis?.p95LatencyMs).toBe(812.5);
    // 3.3 CPU seconds in 30 s = 11 % of one core.
    expect(r.summary.kpis?.cpu).toBe(11);
  });

  it('node_* CPU: 1 − Δidle/Δall, preferred over process CPU', () => {
    const a = scrape(nodeExporter({ idle: 1000, user: 300, system: 100, iowait: 0 }) + nodeApp(before), T0);
    const b = scrape(nodeExporter({ idle: 1045, user: 340, system: 115, iowait: 0 }) + nodeApp(after), T0 + 50_000, a.snapshot);
    // Δall = 45 + 40 + 15 = 100, Δidle = 45.
    expect(b.summary.kpis?.cpu).toBe(55);
    expect(b.summary.kpis).toMatchObject({ memory: 75, disk: 85 });
  });

  it('error rate is 0 when no request arrived in the interval', () => {
    const a = scrape(nodeApp(before), T0);
    const b = scrape(nodeApp(before), T0 + 15_000, a.snapshot);
    expect(b.summary.kpis).toMatchObject({ requestRate: 0, errorRate: 0 });
    // No observations in the interval: no latency to report rather than a made-up one.
    expect(b.summary.kpis?.p95LatencyMs).toBeUndefined();
  });

  it('Spring/Micrometer: counts from the summary, 5xx from the status label', () => {
    const a = scrape(springApp(100, 0), T0);
    const b = scrape(springApp(190, 10), T0 + 10_000, a.snapshot);
    expect(a.snapshot?.requests?.family).toBe('http_server_requests_seconds_count');
    // CPU comes from Micrometer's process_cpu_usage gauge (0..1), available from the first scrape.
    expect(a.summary.kpis).toEqual({ cpu: 1.23 });
    expect(b.summary.kpis).toEqual({ requestRate: 10, errorRate: 10, cpu: 1.23 });
  });

  it('OpenTelemetry names and status labels', () => {
    const otel = (ok: number, err: number, fast: number) =>
      [
        '# TYPE http_server_request_duration_seconds histogram',
        `http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",le="0.1"} ${fast}`,
        `http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="200",le="+Inf"} ${ok}`,
        `http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="200"} ${ok}`,
        `http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="502",le="0.1"} 0`,
        `http_server_request_duration_seconds_bucket{http_request_method="GET",http_response_status_code="502",le="+Inf"} ${err}`,
        `http_server_request_duration_seconds_count{http_request_method="GET",http_response_status_code="502"} ${err}`,
      ].join('\n');
    const a = scrape(otel(100, 0, 100), T0);
    const b = scrape(otel(280, 20, 200), T0 + 20_000, a.snapshot);
    expect(a.snapshot?.requests?.family).toBe('http_server_request_duration_seconds_count');
    // 200 requests in 20 s, 20 of them 502. Δbuckets: le 0.1 → 100, +Inf → 200: rank 190 is in +Inf.
    expect(b.summary.kpis).toMatchObject({ requestRate: 10, errorRate: 10, p95LatencyMs: 100 });
  });

  it('millisecond histograms stay in ms; the histogram _count is the request counter of last resort', () => {
    const ms = (n: number) =>
      [
        '# TYPE api_latency_milliseconds histogram',
        `api_latency_milliseconds_bucket{le="100"} ${n / 2}`,
        `api_latency_milliseconds_bucket{le="200"} ${n}`,
        `api_latency_milliseconds_bucket{le="+Inf"} ${n}`,
        `api_latency_milliseconds_count ${n}`,
      ].join('\n');
    const a = scrape(ms(100), T0);
    const b = scrape(ms(300), T0 + 10_000, a.snapshot);
    // Δ: 100 ≤ 100 ms, 200 ≤ 200 ms. Rank 190 → 100 + 100 × 90/100 = 190 ms.
    expect(b.summary.kpis).toMatchObject({ p95LatencyMs: 190, requestRate: 20 });
    // No status label anywhere: no error rate rather than a wrong 0 %.
    expect(b.summary.kpis?.errorRate).toBeUndefined();
  });
});

describe('metrics: counter resets', () => {
  // The process restarted between the scrapes: every counter starts again from 0.
  const restarted: AppCounters = {
    ok: 30,
    clientErrors: 0,
    serverErrors: 3,
    buckets: [['0.05', 5], ['0.1', 10], ['0.25', 20], ['0.5', 28], ['1', 32], ['+Inf', 33]],
    cpuSeconds: 0.6,
    startTime: 1700000500,
  };

  it('takes the current values as the increase since the restart (like rate()), never a negative or spiking rate', () => {
    const a = scrape(nodeApp(before), T0);
    const b = scrape(nodeApp(restarted), T0 + 30_000, a.snapshot);
    expect(b.status).toBe('up');
    // 33 requests since the restart over the 30 s interval.
    expect(b.summary.kpis?.requestRate).toBe(1.1);
    expect(b.summary.kpis?.errorRate).toBeCloseTo((3 / 33) * 100, 3);
    // Buckets summed over both routes: 10, 20, 40, 56, 64, 66. Rank 62.7 → 0.5 + 0.5 × 6.7/8.
    expect(b.summary.kpis?.p95LatencyMs).toBeCloseTo(918.75, 3);
    expect(b.summary.kpis?.cpu).toBe(2);
    expect(b.summary.note).toMatch(/counter reset/);
  });

  it('detects a restart from process_start_time_seconds even when counters grew past their old values', () => {
    const a = scrape(nodeApp({ ...before, ok: 10, clientErrors: 0, serverErrors: 0 }), T0);
    const b = scrape(nodeApp({ ...after, ok: 600, clientErrors: 0, serverErrors: 0, startTime: 1700000600 }), T0 + 60_000, a.snapshot);
    // Without the start time this would read (600 − 10)/60; the new process served 600.
    expect(b.summary.kpis?.requestRate).toBe(10);
    expect(b.summary.note).toMatch(/counter reset/);
  });

  it('a rebooted machine resets node CPU counters', () => {
    const a = scrape(nodeExporter({ idle: 100000, user: 30000, system: 10000, iowait: 0 }), T0);
    const b = scrape(nodeExporter({ idle: 30, user: 60, system: 10, iowait: 0 }), T0 + 30_000, a.snapshot);
    expect(b.summary.kpis?.cpu).toBe(70);
  });
});

describe('metrics: what blocks rates', () => {
  it('a clock going backwards or scrapes under 1 ms apart give no rates', () => {
    const a = scrape(nodeApp(before), T0);
    const back = scrape(nodeApp(after), T0 - 1_000, a.snapshot);
    expect(back.summary.kpis).toEqual({});
    expect(back.summary.note).toMatch(/clock went backwards/);
    const close = scrape(nodeApp(after), T0 + 0.5, a.snapshot);
    expect(close.summary.kpis).toEqual({});
    expect(close.summary.note).toMatch(/too close/);
  });

  it('a stored snapshot that is not ours (old shape, garbage) counts as a first scrape', () => {
    for (const previous of [{ v: 2, at: T0 }, { at: 'yesterday' }, 'x', 42, []]) {
      const r = normalizeMetrics(text(nodeApp(after)), { now: T0, previous: previous as never });
      expect(r.summary.note).toBe(FIRST_SCRAPE_NOTE);
      expect(r.summary.kpis).toEqual({});
    }
  });

  it('an invalid clock reading returns no snapshot, so the stored one is kept', () => {
    const a = scrape(nodeApp(before), T0);
    const r = scrape(nodeApp(after), NaN, a.snapshot);
    expect(r.status).toBe('up');
    expect(r.snapshot).toBeUndefined();
    expect(r.summary.note).toBe('no valid scrape time: rates skipped');
  });

  it('a changed bucket layout skips p95 for one scrape', () => {
    const a = scrape(nodeApp(before), T0);
    const b = scrape(nodeApp({ ...after, buckets: [['0.1', 700], ['1', 1375], ['+Inf', 1400]] }), T0 + 30_000, a.snapshot);
    expect(b.summary.kpis?.p95LatencyMs).toBeUndefined();
    expect(b.summary.kpis?.requestRate).toBe(21);
    expect(b.summary.note).toMatch(/latency buckets changed/);
  });
});

describe('metrics: memory sources', () => {
  const proc = (max: string) => `process_resident_memory_bytes 2.5e8\nprocess_virtual_memory_max_bytes ${max}\n`;

  it('uses the process against its virtual memory limit only when that limit is real', () => {
    expect(scrape(proc('1e9'), T0).summary.kpis).toEqual({ memory: 25 });
    expect(scrape(proc('-1'), T0).summary.kpis).toEqual({});
    expect(scrape(proc('1.8446744073709552e+19'), T0).summary.kpis).toEqual({});
    expect(scrape(proc('+Inf'), T0).summary.kpis).toEqual({});
  });
});

describe('metrics: failures', () => {
  it('non-2xx → down', () => {
    expect(normalizeMetrics(text('up 1', 401), { now: T0 })).toMatchObject({ status: 'down', error: 'HTTP 401 Unauthorized' });
  });

  it('unparsable text → down with the parser message', () => {
    const r = normalizeMetrics(text('<html><head><title>Sign in</title></head></html>'), { now: T0 });
    expect(r.status).toBe('down');
    expect(r.error).toMatch(/^metrics: could not parse Prometheus text: /);
    expect(r.snapshot).toBeUndefined();
  });

  it('a truncated body → down', () => {
    const r = normalizeMetrics({ ...text(nodeApp(before)), truncated: true }, { now: T0 });
    expect(r).toEqual({ status: 'down', error: 'response body larger than 1 MiB', summary: {} });
  });

  it('records OpenMetrics when the content type says so', () => {
    const r = normalizeMetrics({ ...text('up 1\n# EOF\n'), headers: { 'content-type': 'application/openmetrics-text; version=1.0.0' } }, { now: T0 });
    expect(r.summary.format).toBe('openmetrics');
  });
});
