import type { EndpointKind, Kpis, Status } from '@/lib/probes/types';
import { evaluateKpis, formatKpi, kpiLabel, SERVICE_DOWN_CRITICAL_AFTER_MS, type Thresholds } from './thresholds';

export type AlertLevel = 'warning' | 'critical';

/** An alert condition that holds for an endpoint right now. */
export interface DesiredAlert {
  key: string;
  level: AlertLevel;
  message: string;
  value: number | null;
  threshold: number | null;
}

export interface AlertInput {
  kind: EndpointKind;
  /** Debounced endpoint status (see lib/scheduler/state.ts). */
  status: Status;
  failingSince: Date | null;
  error: string | null;
  kpis: Kpis | undefined;
  thresholds: Thresholds | undefined;
  now: Date;
}

/**
 * The alerts that should be open for one endpoint given what was just seen.
 * The caller opens the missing ones, updates the rest and resolves any
 * open alert of that endpoint that is no longer in the list.
 */
export function desiredAlerts(input: AlertInput): DesiredAlert[] {
  const out: DesiredAlert[] = [];
  if (input.status === 'down') {
    const downMs = input.failingSince ? input.now.getTime() - input.failingSince.getTime() : 0;
    const critical = downMs >= SERVICE_DOWN_CRITICAL_AFTER_MS;
    out.push({
      key: 'endpoint_down',
      level: critical ? 'critical' : 'warning',
      message: `${input.kind} down${critical ? ` for ${Math.floor(downMs / 60_000)} min` : ''}: ${input.error ?? 'no detail'}`.slice(0, 500),
      value: Math.round(downMs / 1000),
      threshold: SERVICE_DOWN_CRITICAL_AFTER_MS / 1000,
    });
  } else if (input.status === 'degraded') {
    out.push({
      key: 'endpoint_degraded',
      level: 'warning',
      message: `${input.kind} degraded: ${input.error ?? 'no detail'}`.slice(0, 500),
      value: null,
      threshold: null,
    });
  }
  // KPIs are judged whatever the status: a slow, erroring service may still say "healthy".
  for (const e of evaluateKpis(input.kpis ?? {}, input.thresholds)) {
    if (e.level === 'ok') continue;
    const limit = e.level === 'critical' ? e.threshold.critical : e.threshold.warning;
    out.push({
      key: `kpi:${e.kpi}`,
      level: e.level,
      message: `${kpiLabel(e.kpi)} ${formatKpi(e.kpi, e.value)} ≥ ${e.level} ${formatKpi(e.kpi, limit)}`,
      value: e.value,
      threshold: limit,
    });
  }
  return out;
}
