// "First two minutes": what the reference runbooks look at first when a
// service is in trouble, judged from what the console already knows (each
// endpoint's latest result, the KPI thresholds, the deploy log). Pure: the
// API route and the service page both call it, with their own clock.
import { DEFAULT_THRESHOLDS, formatKpi, kpiLabel, levelFor, type Level, type Threshold } from '@/lib/alerts/thresholds';
import { FRESH_INTERVALS, endpointFreshStatus } from '@/lib/catalog/status';
import { STATUS_RANK, type ComponentStatus, type EndpointKind, type Status } from '@/lib/probes/types';
import type { CheckState, TriageCheck, TriageDeploy, TriageEndpoint, TriageResult, TriageService } from './types';

export const TRIAGE_KPIS = ['errorRate', 'p95LatencyMs', 'cpu', 'memory', 'disk'] as const;
/** A deploy this recent is the first suspect. */
export const RECENT_DEPLOY_MS = 24 * 3_600_000;

export const STATE_ICON: Record<CheckState, string> = { pass: '✔', warn: '⚠', fail: '✖', na: '–' };
export const STATE_WORD: Record<CheckState, string> = { pass: 'pass', warn: 'warn', fail: 'fail', na: 'n/a' };

const STATE_OF_STATUS: Record<Status, CheckState> = { up: 'pass', degraded: 'warn', down: 'fail', unknown: 'warn' };
const STATE_OF_LEVEL: Record<Level, CheckState> = { ok: 'pass', warning: 'warn', critical: 'fail' };

const toMs = (t: string | Date | number) => (typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime());

/** "45 s", "12 min", "3 h", "2 d". */
export function span(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** "2026-11-23 12:04 UTC". */
export function utc(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

function isFresh(ep: TriageEndpoint, now: number): boolean {
  if (!ep.enabled || !ep.lastCheckedAt) return false;
  const age = now - toMs(ep.lastCheckedAt);
  return Number.isFinite(age) && age <= FRESH_INTERVALS * ep.intervalSeconds * 1000;
}

function staleness(ep: TriageEndpoint, now: number): string {
  if (!ep.lastCheckedAt) return 'Not checked yet';
  return `No result for ${span(now - toMs(ep.lastCheckedAt))} (expected every ${ep.intervalSeconds} s)`;
}

const enabledOf = (endpoints: TriageEndpoint[], kinds: EndpointKind[]) => endpoints.filter((e) => e.enabled && kinds.includes(e.kind));

/** The endpoint of a kind in the worst fresh state, with that state. */
function worstOf(eps: TriageEndpoint[], now: number): { ep: TriageEndpoint; status: Status } {
  let worst = { ep: eps[0], status: endpointFreshStatus(eps[0], now) };
  for (const ep of eps.slice(1)) {
    const status = endpointFreshStatus(ep, now);
    if (STATUS_RANK[status] > STATUS_RANK[worst.status]) worst = { ep, status };
  }
  return worst;
}

/** Is the endpoint answering: health, liveness, readiness. */
function endpointCheck(id: string, label: string, kind: EndpointKind, endpoints: TriageEndpoint[], now: number): TriageCheck {
  const eps = enabledOf(endpoints, [kind]);
  if (eps.length === 0) return { id, label, state: 'na', value: null, threshold: null, detail: `No ${kind} endpoint is configured` };
  const { ep, status } = worstOf(eps, now);
  const http = ep.httpStatus ? ` (HTTP ${ep.httpStatus})` : '';
  let value: string = status;
  let detail: string | null = null;
  if (status === 'unknown' && !isFresh(ep, now)) {
    value = 'no recent result';
    detail = staleness(ep, now);
  } else if (status === 'down') {
    value = `down${http}`;
    const since = ep.failingSince ? `failing for ${span(now - toMs(ep.failingSince))}` : null;
    detail = [ep.error, since].filter(Boolean).join(' · ') || null;
  } else if (status !== 'up') {
    value = `${status}${http}`;
    detail = ep.error ?? null;
  } else if (eps.length > 1) {
    detail = `All ${eps.length} ${kind} endpoints up`;
  }
  return { id, label, state: STATE_OF_STATUS[status], value, threshold: 'up', detail };
}

/** Which parts of the service its health endpoint says are failing. */
function componentsCheck(endpoints: TriageEndpoint[], now: number): TriageCheck {
  const base = { id: 'components', label: 'Health components', threshold: 'all up' };
  const eps = enabledOf(endpoints, ['health']);
  if (eps.length === 0) return { ...base, state: 'na', value: null, threshold: null, detail: 'No health endpoint is configured' };
  const fresh = eps.filter((e) => isFresh(e, now));
  if (fresh.length === 0) return { ...base, state: 'na', value: null, detail: 'No fresh health result to read components from' };
  const components: ComponentStatus[] = fresh.flatMap((e) => e.summary?.components ?? []);
  if (components.length === 0) return { ...base, state: 'na', value: null, threshold: null, detail: 'The health endpoint lists no components' };
  const down = components.filter((c) => c.status === 'down');
  const shaky = components.filter((c) => c.status === 'degraded' || c.status === 'unknown');
  const name = (c: ComponentStatus) => `${c.name} (${c.raw || c.status})`;
  if (down.length > 0) {
    return { ...base, state: 'fail', value: `${down.length} of ${components.length} down`, detail: [...down, ...shaky].map(name).join(', ') };
  }
  if (shaky.length > 0) {
    return { ...base, state: 'warn', value: `${shaky.length} of ${components.length} not up`, detail: shaky.map(name).join(', ') };
  }
  return { ...base, state: 'pass', value: `all ${components.length} up`, detail: null };
}

function migrationCheck(endpoints: TriageEndpoint[], now: number): TriageCheck {
  const base = { id: 'migration', label: 'Migrations', threshold: 'at head' };
  const eps = enabledOf(endpoints, ['migration']);
  if (eps.length === 0) return { ...base, state: 'na', value: null, threshold: null, detail: 'No migration endpoint is configured' };
  const { ep, status } = worstOf(eps, now);
  if (!isFresh(ep, now)) return { ...base, state: 'warn', value: 'no recent result', detail: staleness(ep, now) };
  const m = ep.summary?.migration;
  if (m?.atHead === true) return { ...base, state: 'pass', value: 'at head', detail: m.current ? `Revision ${m.current}` : null };
  if (m?.atHead === false) {
    return {
      ...base,
      state: 'warn',
      value: m.pending != null ? `behind by ${m.pending}` : 'behind',
      detail: `Revision ${m.current ?? '?'}, head ${m.head ?? '?'}`,
    };
  }
  return {
    ...base,
    state: status === 'down' ? 'fail' : 'warn',
    value: 'cannot tell',
    detail: ep.error ?? 'The service does not say whether its schema is at head',
  };
}

function kpiCheck(kpi: (typeof TRIAGE_KPIS)[number], endpoints: TriageEndpoint[], thresholds: TriageService['thresholds'], now: number): TriageCheck {
  const label = kpiLabel(kpi);
  const sources = enabledOf(endpoints, ['metrics', 'telemetry']);
  const override = thresholds && Object.hasOwn(thresholds, kpi) ? thresholds[kpi] : undefined;
  const t: Threshold = override ?? DEFAULT_THRESHOLDS[kpi];
  const threshold = `warning ${formatKpi(kpi, t.warning)} · critical ${formatKpi(kpi, t.critical)}`;
  if (sources.length === 0) return { id: kpi, label, state: 'na', value: null, threshold, detail: 'No metrics or telemetry endpoint is configured' };

  const valueOf = (e: TriageEndpoint) => {
    const v = e.summary?.kpis?.[kpi];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const fresh = sources.filter((e) => isFresh(e, now) && valueOf(e) !== null);
  if (fresh.length > 0) {
    const value = Math.max(...fresh.map((e) => valueOf(e)!));
    const level = levelFor(value, t);
    const detail =
      level === 'critical' ? 'At or above the critical level' : level === 'warning' ? 'At or above the warning level' : fresh.length > 1 ? `Highest of ${fresh.length} endpoints` : null;
    return { id: kpi, label, state: STATE_OF_LEVEL[level], value: formatKpi(kpi, value), threshold, detail };
  }
  const stale = sources.filter((e) => valueOf(e) !== null && e.lastCheckedAt);
  if (stale.length > 0) {
    const last = stale.reduce((a, b) => (toMs(a.lastCheckedAt!) >= toMs(b.lastCheckedAt!) ? a : b));
    return { id: kpi, label, state: 'warn', value: formatKpi(kpi, valueOf(last)!), threshold, detail: `Stale: last reported ${span(now - toMs(last.lastCheckedAt!))} ago` };
  }
  const failing = sources.find((e) => endpointFreshStatus(e, now) !== 'up');
  if (failing) {
    const why = isFresh(failing, now) ? `the ${failing.kind} endpoint is ${endpointFreshStatus(failing, now)}` : `the ${failing.kind} endpoint has no recent result`;
    return { id: kpi, label, state: 'warn', value: null, threshold, detail: `No value: ${why}` };
  }
  return { id: kpi, label, state: 'na', value: null, threshold, detail: 'Not reported by the metrics or telemetry endpoints' };
}

function deploysCheck(deploys: TriageDeploy[], now: number): TriageCheck {
  const base = { id: 'deploys', label: 'Recent deploys', threshold: 'none in the last 24 h' };
  const sorted = deploys
    .map((d) => ({ d, at: toMs(d.at) }))
    .filter((x) => Number.isFinite(x.at))
    .sort((a, b) => b.at - a.at);
  const recent = sorted.filter((x) => now - x.at <= RECENT_DEPLOY_MS);
  const describe = (x: { d: TriageDeploy; at: number }) =>
    `${x.d.version} to ${x.d.environment} by ${x.d.actor} at ${utc(x.at)}${x.d.description ? ` (${x.d.description})` : ''}`;
  if (recent.length > 0) {
    const latest = recent[0];
    return {
      ...base,
      state: 'warn',
      value: `${latest.d.version}, ${span(now - latest.at)} ago`,
      detail: `${recent.length === 1 ? '1 deploy' : `${recent.length} deploys`} in the last 24 h; latest ${describe(latest)}`,
    };
  }
  const last = sorted[0];
  return {
    ...base,
    state: 'pass',
    value: 'none in 24 h',
    detail: last ? `Last deploy ${span(now - last.at)} ago: ${describe(last)}` : 'No deploy recorded',
  };
}

/** The checks in the order a runbook takes them, and the same as chat text. */
export function triage(service: TriageService, endpoints: TriageEndpoint[], deploys: TriageDeploy[], now: Date | number): TriageResult {
  const t = toMs(now);
  const checks: TriageCheck[] = [
    endpointCheck('health', 'Health', 'health', endpoints, t),
    componentsCheck(endpoints, t),
    endpointCheck('liveness', 'Liveness', 'liveness', endpoints, t),
    endpointCheck('readiness', 'Readiness', 'readiness', endpoints, t),
    migrationCheck(endpoints, t),
    ...TRIAGE_KPIS.map((k) => kpiCheck(k, endpoints, service.thresholds, t)),
    deploysCheck(deploys, t),
  ];
  return { checks, text: triageText(service, checks, t) };
}

const KPI_IDS = new Set<string>(TRIAGE_KPIS);

function line(c: TriageCheck): string {
  let s = `${STATE_ICON[c.state]} ${c.label}: ${c.value ?? 'n/a'}`;
  if (c.threshold && c.state !== 'na') {
    if (KPI_IDS.has(c.id)) s += ` (${c.threshold})`;
    else if (c.state !== 'pass') s += ` (expected ${c.threshold})`;
  }
  if (c.detail && c.state !== 'pass') s += ` — ${c.detail}`;
  return s;
}

/**
 * Plain text for a chat channel: service, environment and time; one line per
 * check with ✔ ⚠ ✖ (– for n/a); the deploy line last.
 */
export function triageText(service: TriageService, checks: TriageCheck[], now: number): string {
  const counts = { fail: 0, warn: 0 };
  for (const c of checks) if (c.state === 'fail' || c.state === 'warn') counts[c.state]++;
  const measured = checks.some((c) => c.id !== 'deploys' && c.state !== 'na');
  const tally =
    counts.fail + counts.warn > 0
      ? [counts.fail ? `${counts.fail} failing` : null, counts.warn ? `${counts.warn} to watch` : null].filter(Boolean).join(', ')
      : measured
        ? 'all clear'
        : 'nothing measured yet';
  const deploy = checks.find((c) => c.id === 'deploys');
  const lines = [
    `Triage: ${service.name} (${service.environment}) at ${utc(now)} — ${tally}`,
    ...checks.filter((c) => c.id !== 'deploys').map(line),
  ];
  if (deploy) lines.push(`${STATE_ICON[deploy.state]} Deploys: ${deploy.state === 'warn' ? deploy.detail : `${deploy.value}${deploy.detail ? ` — ${deploy.detail}` : ''}`}`);
  return lines.join('\n');
}
