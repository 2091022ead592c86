import { z } from 'zod';
import type { MetricsSnapshot } from '@/lib/probes/types';
import type { Sample } from './prometheus';
import { parseSampleValue } from './prometheus';

// Request counters, most specific first. Frameworks differ: Spring/Micrometer
// (http_server_requests_seconds_count), OpenTelemetry semantic conventions
// (http_server_request_duration_seconds_count), prometheus client defaults and
// instrumentation libraries (http_requests_total, http_request_duration_seconds_count).
export const REQUEST_FAMILIES = [
  'http_requests_total',
  'http_server_requests_total',
  'http_server_requests_seconds_count',
  'http_server_request_duration_seconds_count',
  'http_request_duration_seconds_count',
] as const;

// Label names that carry the HTTP status, by framework; Micrometer also has outcome.
export const STATUS_LABELS = ['code', 'status', 'status_code', 'http_status_code', 'http_response_status_code', 'outcome'] as const;

// Latency histograms by name; `http` ones are preferred when a service exposes several
// (a database client histogram is not the request latency).
const LATENCY_BUCKET = /^(.*_(?:duration|requests|latency))_(seconds|milliseconds|ms)_bucket$/;
const PREFERRED_LATENCY = [
  'http_server_request_duration_seconds',
  'http_server_requests_seconds',
  'http_request_duration_seconds',
  'http_server_duration_milliseconds',
];

export function buildSnapshot(samples: Sample[], at: number): MetricsSnapshot {
  const snapshot: MetricsSnapshot = { v: 1, at };
  const latency = readLatency(samples);
  if (latency) snapshot.latency = latency;
  const requests = readRequests(samples, latency ? `${latency.family}_count` : null);
  if (requests) snapshot.requests = requests;

  const processCpu = sumOf(samples, 'process_cpu_seconds_total');
  if (processCpu !== null) snapshot.processCpuSeconds = processCpu;
  const startTime = sumOf(samples, 'process_start_time_seconds');
  if (startTime !== null) snapshot.processStartTime = startTime;

  const modes: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== 'node_cpu_seconds_total' || !Number.isFinite(s.value)) continue;
    const mode = s.labels.mode ?? 'unknown';
    modes[mode] = (modes[mode] ?? 0) + s.value;
  }
  if (Object.keys(modes).length > 0) snapshot.nodeCpuSeconds = modes;
  return snapshot;
}

function sumOf(samples: Sample[], name: string): number | null {
  let total: number | null = null;
  for (const s of samples) if (s.name === name && Number.isFinite(s.value)) total = (total ?? 0) + s.value;
  return total;
}

export function isServerError(labels: Record<string, string>): boolean | null {
  for (const key of STATUS_LABELS) {
    const v = labels[key];
    if (v === undefined) continue;
    if (key === 'outcome') return v.toUpperCase() === 'SERVER_ERROR';
    return /^5(\d\d|xx)$/i.test(v.trim());
  }
  return null;
}

function readRequests(samples: Sample[], histogramCount: string | null): MetricsSnapshot['requests'] | null {
  const candidates = histogramCount ? [...REQUEST_FAMILIES, histogramCount] : [...REQUEST_FAMILIES];
  for (const family of candidates) {
    const series = samples.filter((s) => s.name === family && Number.isFinite(s.value));
    if (series.length === 0) continue;
    let total = 0;
    let errors = 0;
    let labelled = false;
    for (const s of series) {
      total += s.value;
      const serverError = isServerError(s.labels);
      if (serverError !== null) labelled = true;
      if (serverError) errors += s.value;
    }
    return { family, total, errors5xx: labelled ? errors : null };
  }
  return null;
}

function readLatency(samples: Sample[]): MetricsSnapshot['latency'] | null {
  const bases = new Map<string, 's' | 'ms'>();
  for (const s of samples) {
    if (!s.name.endsWith('_bucket')) continue;
    const m = LATENCY_BUCKET.exec(s.name);
    if (m) bases.set(`${m[1]}_${m[2]}`, m[2] === 'seconds' ? 's' : 'ms');
  }
  if (bases.size === 0) return null;
  const names = [...bases.keys()].sort();
  const family =
    PREFERRED_LATENCY.find((p) => bases.has(p)) ?? names.find((n) => n.startsWith('http')) ?? names.find((n) => n.includes('http')) ?? names[0];
  const buckets: Record<string, number> = {};
  const bucketName = `${family}_bucket`;
  for (const s of samples) {
    if (s.name !== bucketName || !Number.isFinite(s.value)) continue;
    const le = canonicalLe(s.labels.le);
    if (le !== null) buckets[le] = (buckets[le] ?? 0) + s.value;
  }
  return Object.keys(buckets).length === 0 ? null : { family, unit: bases.get(family) ?? 's', buckets };
}

/** "1", "1.0" and "1e0" are one bucket; Prometheus clients disagree on the spelling. */
export function canonicalLe(raw: string | undefined): string | null {
  const v = parseSampleValue(raw);
  if (v === null || Number.isNaN(v)) return null;
  return v === Infinity ? '+Inf' : String(v);
}

export function leValue(key: string): number {
  return key === '+Inf' ? Infinity : Number(key);
}

// A stored snapshot comes back from the database as arbitrary JSON (possibly from an
// older build), so it is checked before any arithmetic is done with it.
const count = z.number().refine(Number.isFinite);
export const metricsSnapshotSchema = z.object({
  v: z.literal(1),
  at: count,
  requests: z.object({ family: z.string(), total: count, errors5xx: count.nullable() }).optional(),
  latency: z.object({ family: z.string(), unit: z.enum(['s', 'ms']), buckets: z.record(z.string(), count) }).optional(),
  processCpuSeconds: count.optional(),
  nodeCpuSeconds: z.record(z.string(), count).optional(),
  processStartTime: count.optional(),
}) satisfies z.ZodType<MetricsSnapshot>;

export function readStoredSnapshot(value: unknown): MetricsSnapshot | null {
  const parsed = metricsSnapshotSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
