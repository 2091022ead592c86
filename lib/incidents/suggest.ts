import { endpointFreshStatus } from '@/lib/catalog/status';
import { evaluateKpis, formatKpi, kpiLabel, type Thresholds } from '@/lib/alerts/thresholds';
import type { EndpointKind, ProbeSummary, Status } from '@/lib/probes/types';
import { compareSeverity, type Severity } from './policy';

// A severity suggested from what the poller sees of the affected services,
// following the policy's criteria. It only suggests: the commander decides.

/** P2 when more than this share of requests fails (percent). */
export const P2_ERROR_RATE_PERCENT = 5;
/** P2 when p95 latency is above this (ms). */
export const P2_P95_LATENCY_MS = 5000;
const RESOURCE_KPIS = new Set(['cpu', 'memory', 'disk']);

export interface SignalEndpoint {
  id: string;
  kind: EndpointKind;
  enabled: boolean;
  status: Status;
  lastCheckedAt: Date | string | null;
  intervalSeconds: number;
  lastSummary: ProbeSummary | null;
}

export interface SignalService {
  id: string;
  name: string;
  environment: string;
  thresholds?: Thresholds | null;
  endpoints: SignalEndpoint[];
}

export type SignalKind = 'all_down' | 'error_rate' | 'latency' | 'resource';

export interface Signal {
  level: Severity;
  kind: SignalKind;
  serviceId: string;
  service: string;
  /** One line: what was seen, against which limit. */
  detail: string;
  kpi?: string;
  value?: number;
  limit?: number;
}

export interface Suggestion {
  level: Severity;
  reason: string;
  /** The signal that decided the level. */
  signal: Signal;
  /** Every signal seen, most severe first. */
  signals: Signal[];
}

const label = (s: SignalService) => `${s.name} (${s.environment})`;

function signalsFor(s: SignalService, now: Date | number): Signal[] {
  const enabled = s.endpoints.filter((e) => e.enabled);
  const fresh = enabled.map((e) => ({ e, status: endpointFreshStatus(e, now) }));
  const out: Signal[] = [];
  if (fresh.length > 0 && fresh.every((f) => f.status === 'down')) {
    out.push({
      level: 'P1',
      kind: 'all_down',
      serviceId: s.id,
      service: label(s),
      detail: fresh.length === 1 ? `${label(s)}: its only enabled endpoint (${fresh[0].e.kind}) is down` : `${label(s)}: all ${fresh.length} enabled endpoints are down`,
    });
  }
  // KPIs only from endpoints with a fresh result: a stale number says nothing about now.
  for (const { e, status } of fresh) {
    const kpis = e.lastSummary?.kpis;
    if (!kpis || status === 'unknown') continue;
    const errorRate = kpis.errorRate;
    if (typeof errorRate === 'number' && errorRate > P2_ERROR_RATE_PERCENT) {
      out.push({
        level: 'P2',
        kind: 'error_rate',
        serviceId: s.id,
        service: label(s),
        kpi: 'errorRate',
        value: errorRate,
        limit: P2_ERROR_RATE_PERCENT,
        detail: `${label(s)}: error rate ${formatKpi('errorRate', errorRate)} > ${formatKpi('errorRate', P2_ERROR_RATE_PERCENT)}`,
      });
    }
    const p95 = kpis.p95LatencyMs;
    if (typeof p95 === 'number' && p95 > P2_P95_LATENCY_MS) {
      out.push({
        level: 'P2',
        kind: 'latency',
        serviceId: s.id,
        service: label(s),
        kpi: 'p95LatencyMs',
        value: p95,
        limit: P2_P95_LATENCY_MS,
        detail: `${label(s)}: p95 latency ${formatKpi('p95LatencyMs', p95)} > ${formatKpi('p95LatencyMs', P2_P95_LATENCY_MS)}`,
      });
    }
    for (const ev of evaluateKpis(kpis, s.thresholds ?? undefined)) {
      if (!RESOURCE_KPIS.has(ev.kpi) || ev.level !== 'critical') continue;
      out.push({
        level: 'P3',
        kind: 'resource',
        serviceId: s.id,
        service: label(s),
        kpi: ev.kpi,
        value: ev.value,
        limit: ev.threshold.critical,
        detail: `${label(s)}: ${kpiLabel(ev.kpi)} ${formatKpi(ev.kpi, ev.value)} ≥ critical ${formatKpi(ev.kpi, ev.threshold.critical)}`,
      });
    }
  }
  return out;
}

/** The most severe level the live signals of these services call for, or null when nothing does. */
export function suggestSeverity(services: SignalService[], now: Date | number = Date.now()): Suggestion | null {
  const signals = services.flatMap((s) => signalsFor(s, now)).sort((a, b) => compareSeverity(a.level, b.level));
  if (signals.length === 0) return null;
  const signal = signals[0];
  const more = signals.length - 1;
  return { level: signal.level, reason: `${signal.detail}${more > 0 ? ` (and ${more} more signal${more === 1 ? '' : 's'})` : ''}`, signal, signals };
}
