import type { Kpis, MetricsSnapshot } from '@/lib/probes/types';
import { bucketQuantile } from './histogram';
import { leValue } from './metrics-snapshot';
import type { Sample } from './prometheus';
import { round3 } from './text';

export interface KpiOutcome {
  kpis: Kpis;
  notes: string[];
}

// Filesystems that say nothing about the disk a service can fill up.
const IGNORED_FSTYPES = new Set(['tmpfs', 'overlay', 'squashfs', 'ramfs', 'devtmpfs']);
const IGNORED_MOUNT_ROOTS = ['/run', '/proc', '/sys', '/dev'];
// process_virtual_memory_max_bytes is RLIM_INFINITY (~1.8e19) when there is no limit:
// finite in JavaScript, but a percentage of it would always read as 0 %.
const UNLIMITED_BYTES = 2 ** 60;

/** KPIs a single scrape can give: utilisation gauges. */
export function gaugeKpis(samples: Sample[]): Kpis {
  const kpis: Kpis = {};
  // Micrometer (Spring) exposes CPU as 0..1 gauges rather than counters; a counter-based
  // figure from rateKpis replaces this when there is one. Machine before process, as for node_*.
  const cpuShare = single(samples, 'system_cpu_usage') ?? single(samples, 'process_cpu_usage');
  if (cpuShare !== null && cpuShare >= 0) kpis.cpu = round3(clamp(cpuShare * 100, 0, 100));
  const memory = memoryUsedPercent(samples);
  if (memory !== null) kpis.memory = round3(memory);
  const disk = worstDiskUsedPercent(samples);
  if (disk !== null) kpis.disk = round3(disk);
  return kpis;
}

function single(samples: Sample[], name: string): number | null {
  const s = samples.find((x) => x.name === name && Number.isFinite(x.value));
  return s ? s.value : null;
}

function usedPercent(available: number, total: number): number | null {
  if (!(total > 0) || !Number.isFinite(available) || !Number.isFinite(total)) return null;
  return clamp((1 - available / total) * 100, 0, 100);
}

function memoryUsedPercent(samples: Sample[]): number | null {
  const total = single(samples, 'node_memory_MemTotal_bytes');
  if (total !== null) {
    let available = single(samples, 'node_memory_MemAvailable_bytes');
    if (available === null) {
      // Kernels before 3.14 have no MemAvailable; free + buffers + cache is the old estimate.
      const parts = ['node_memory_MemFree_bytes', 'node_memory_Buffers_bytes', 'node_memory_Cached_bytes'].map((n) => single(samples, n));
      if (parts.every((p) => p !== null)) available = (parts as number[]).reduce((a, b) => a + b, 0);
    }
    if (available !== null) return usedPercent(available, total);
  }
  const rss = single(samples, 'process_resident_memory_bytes');
  const max = single(samples, 'process_virtual_memory_max_bytes');
  if (rss !== null && max !== null && max > 0 && max < UNLIMITED_BYTES) return clamp((rss / max) * 100, 0, 100);
  return null;
}

function worstDiskUsedPercent(samples: Sample[]): number | null {
  const sizes = new Map<string, number>();
  for (const s of samples) {
    if (s.name !== 'node_filesystem_size_bytes' || !countable(s.labels)) continue;
    sizes.set(filesystemKey(s.labels), s.value);
  }
  let worst: number | null = null;
  for (const s of samples) {
    if (s.name !== 'node_filesystem_avail_bytes' || !countable(s.labels)) continue;
    const size = sizes.get(filesystemKey(s.labels));
    const used = size === undefined ? null : usedPercent(s.value, size);
    if (used !== null && (worst === null || used > worst)) worst = used;
  }
  return worst;
}

function filesystemKey(l: Record<string, string>): string {
  return `${l.device ?? ''}\u0000${l.mountpoint ?? ''}\u0000${l.fstype ?? ''}`;
}

function countable(labels: Record<string, string>): boolean {
  if (IGNORED_FSTYPES.has(labels.fstype ?? '')) return false;
  const mount = labels.mountpoint ?? '';
  return !IGNORED_MOUNT_ROOTS.some((root) => mount === root || mount.startsWith(`${root}/`));
}

/**
 * KPIs that need two scrapes: request rate, error rate, p95 latency, CPU.
 *
 * Counter resets: when a counter went down, or process_start_time_seconds changed, the
 * process restarted, and like Prometheus' rate() we take the current value as the increase
 * since the restart (the counter started again from 0). This never produces a negative
 * rate or a spike from the difference; at worst it undercounts the requests served before
 * the restart inside this interval. A histogram is treated as reset as a whole when any of
 * its buckets went down, so its buckets stay consistent with each other.
 */
export function rateKpis(previous: MetricsSnapshot, current: MetricsSnapshot): KpiOutcome {
  const kpis: Kpis = {};
  const notes: string[] = [];
  const seconds = (current.at - previous.at) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0.001) {
    notes.push(seconds < 0 ? 'clock went backwards since the last scrape: no rates' : 'scrapes too close together: no rates');
    return { kpis, notes };
  }
  const restarted =
    previous.processStartTime !== undefined &&
    current.processStartTime !== undefined &&
    previous.processStartTime !== current.processStartTime;
  let resetSeen = restarted;

  const pr = previous.requests;
  const cr = current.requests;
  if (pr && cr && pr.family === cr.family) {
    const reset =
      restarted || cr.total < pr.total || (pr.errors5xx !== null && cr.errors5xx !== null && cr.errors5xx < pr.errors5xx);
    resetSeen ||= reset;
    const requests = reset ? cr.total : cr.total - pr.total;
    kpis.requestRate = round3(requests / seconds);
    if (pr.errors5xx !== null && cr.errors5xx !== null) {
      const errors = reset ? cr.errors5xx : cr.errors5xx - pr.errors5xx;
      kpis.errorRate = requests > 0 ? round3(clamp((errors / requests) * 100, 0, 100)) : 0;
    }
  }

  const pl = previous.latency;
  const cl = current.latency;
  if (pl && cl && pl.family === cl.family && pl.unit === cl.unit) {
    const les = Object.keys(cl.buckets);
    const sameLayout = les.length === Object.keys(pl.buckets).length && les.every((le) => le in pl.buckets);
    if (!sameLayout) {
      notes.push('latency buckets changed since the last scrape: no p95 this time');
    } else {
      const reset = restarted || les.some((le) => cl.buckets[le] < pl.buckets[le]);
      resetSeen ||= reset;
      const deltas = les.map((le) => ({ upperBound: leValue(le), count: reset ? cl.buckets[le] : cl.buckets[le] - pl.buckets[le] }));
      const p95 = bucketQuantile(0.95, deltas);
      if (Number.isFinite(p95)) kpis.p95LatencyMs = round3(cl.unit === 's' ? p95 * 1000 : p95);
    }
  }

  const cpu = cpuPercent(previous, current, seconds, restarted);
  if (cpu.reset) resetSeen = true;
  if (cpu.value !== null) kpis.cpu = round3(cpu.value);

  if (resetSeen) notes.push('counter reset (restart) detected: rates count from the restart');
  return { kpis, notes };
}

function cpuPercent(previous: MetricsSnapshot, current: MetricsSnapshot, seconds: number, restarted: boolean) {
  // node_* describes the whole machine, which is what a capacity threshold is about.
  const pn = previous.nodeCpuSeconds;
  const cn = current.nodeCpuSeconds;
  if (pn && cn) {
    const modes = Object.keys(cn);
    // The machine rebooted when its CPU counters went down; an exporter restart does not reset them.
    const reset = modes.some((m) => cn[m] < (pn[m] ?? 0));
    let all = 0;
    for (const m of modes) all += reset ? cn[m] : cn[m] - (pn[m] ?? 0);
    const idle = reset ? (cn.idle ?? 0) : (cn.idle ?? 0) - (pn.idle ?? 0);
    return { value: all > 0 ? clamp((1 - idle / all) * 100, 0, 100) : null, reset };
  }
  const pp = previous.processCpuSeconds;
  const cp = current.processCpuSeconds;
  if (pp !== undefined && cp !== undefined) {
    const reset = restarted || cp < pp;
    const used = reset ? cp : cp - pp;
    // Percent of one core: a busy multi-threaded process may show more than 100.
    return { value: Math.max(0, (used / seconds) * 100), reset };
  }
  return { value: null, reset: false };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
