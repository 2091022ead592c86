import { z } from 'zod';
import type { KpiName, Kpis } from '@/lib/probes/types';

/** A KPI breaches a level when its value is greater than or equal to it. */
export interface Threshold {
  warning: number;
  critical: number;
}
export type Thresholds = Partial<Record<string, Threshold>>;
export type Level = 'ok' | 'warning' | 'critical';

export type ThresholdedKpi = Exclude<KpiName, 'requestRate'>;

// From the reference runbooks (DESIGN.md, "Defaults from the reference runbooks").
// Request rate has no default: whether 0 req/s is bad depends on the service.
export const DEFAULT_THRESHOLDS: Record<ThresholdedKpi, Threshold> = {
  errorRate: { warning: 5, critical: 10 },
  p95LatencyMs: { warning: 2000, critical: 5000 },
  cpu: { warning: 70, critical: 90 },
  memory: { warning: 70, critical: 90 },
  disk: { warning: 70, critical: 85 },
};

/** Page only after this many consecutive failed checks, so one lost packet wakes nobody. */
export const DEFAULT_FAILURES_BEFORE_DOWN = 2;
/** A service down for this long is critical. */
export const SERVICE_DOWN_CRITICAL_AFTER_MS = 120_000;

export const KPI_LABELS: Record<KpiName, string> = {
  requestRate: 'Request rate',
  errorRate: 'Error rate',
  p95LatencyMs: 'p95 latency',
  cpu: 'CPU',
  memory: 'Memory',
  disk: 'Disk',
};

const KPI_ORDER: string[] = ['errorRate', 'p95LatencyMs', 'cpu', 'memory', 'disk', 'requestRate'];
// Shares of a whole: a threshold above 100 % could never be reached. CPU is not here
// because process CPU is measured against one core and may exceed 100 %.
const PERCENT_OF_WHOLE = new Set(['errorRate', 'memory', 'disk']);

export interface KpiEvaluation {
  kpi: string;
  value: number;
  level: Level;
  threshold: Threshold;
}

export function levelFor(value: number, threshold: Threshold): Level {
  if (value >= threshold.critical) return 'critical';
  if (value >= threshold.warning) return 'warning';
  return 'ok';
}

/**
 * Judge the KPIs present against the service's overrides merged over the defaults.
 * A KPI with no threshold (request rate, most telemetry) is not judged at all.
 */
export function evaluateKpis(kpis: Kpis, thresholds?: Thresholds): KpiEvaluation[] {
  // Called for every probe, most of which carry no KPIs and whose service keeps the defaults.
  if (!hasOwnKeys(kpis)) return [];
  let merged: Thresholds = DEFAULT_THRESHOLDS;
  if (hasOwnKeys(thresholds)) {
    merged = { ...DEFAULT_THRESHOLDS };
    for (const [name, t] of Object.entries(thresholds)) if (t) merged[name] = t;
  }
  const out: KpiEvaluation[] = [];
  for (const [kpi, value] of Object.entries(kpis)) {
    const threshold = Object.hasOwn(merged, kpi) ? merged[kpi] : undefined;
    if (!threshold || typeof value !== 'number' || !Number.isFinite(value)) continue;
    out.push({ kpi, value, level: levelFor(value, threshold), threshold });
  }
  return out.length > 1 ? out.sort(byKpiOrder) : out;
}

function hasOwnKeys(o: object | null | undefined): o is object {
  if (o === null || o === undefined) return false;
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

function kpiRank(k: string): number {
  const i = KPI_ORDER.indexOf(k);
  return i === -1 ? KPI_ORDER.length : i;
}

function byKpiOrder(a: KpiEvaluation, b: KpiEvaluation): number {
  return kpiRank(a.kpi) - kpiRank(b.kpi) || a.kpi.localeCompare(b.kpi);
}

export function kpiLabel(name: string): string {
  return Object.hasOwn(KPI_LABELS, name) ? KPI_LABELS[name as KpiName] : name;
}

const thresholdShape = z.strictObject({ warning: z.number(), critical: z.number() });

/**
 * Per-service overrides, e.g. `{ "p95LatencyMs": { "warning": 800, "critical": 1500 } }`.
 * Every message starts with the KPI's name, so a form can show it next to the right field.
 */
export const thresholdsSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'KPI names start with a letter and use letters, digits, _ . : -'),
    z.unknown(),
  )
  .superRefine((record, ctx) => {
    for (const [kpi, value] of Object.entries(record)) {
      const label = kpiLabel(kpi) === kpi ? kpi : `${kpiLabel(kpi)} (${kpi})`;
      const parsed = thresholdShape.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: 'custom', path: [kpi, ...issue.path], message: `${label}: ${issue.message}` });
        }
        continue;
      }
      const { warning, critical } = parsed.data;
      if (warning < 0 || critical < 0) {
        ctx.addIssue({ code: 'custom', path: [kpi], message: `${label}: thresholds cannot be negative` });
      }
      if (warning >= critical) {
        ctx.addIssue({
          code: 'custom',
          path: [kpi],
          message: `${label}: the warning level (${warning}) must be below the critical level (${critical})`,
        });
      }
      if (PERCENT_OF_WHOLE.has(kpi) && critical > 100) {
        ctx.addIssue({ code: 'custom', path: [kpi], message: `${label}: a percentage threshold cannot exceed 100` });
      }
    }
  })
  .transform((record) => record as Thresholds);

function trimNumber(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
}

/** '7.5 %', '2.3 s', '812 ms', '120 req/s'; locale-independent so server and client agree. */
export function formatKpi(name: string, value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  switch (name) {
    case 'errorRate':
    case 'cpu':
    case 'memory':
    case 'disk':
      return `${trimNumber(value, 1)} %`;
    case 'p95LatencyMs':
      return Math.abs(Math.round(value)) >= 1000 ? `${trimNumber(value / 1000, 1)} s` : `${Math.round(value)} ms`;
    case 'requestRate':
      return `${Math.abs(value) >= 10 ? Math.round(value) : trimNumber(value, 2)} req/s`;
    default:
      return trimNumber(value, 2);
  }
}
