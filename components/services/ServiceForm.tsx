'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiClientError, type ApiIssue } from '@/components/api/client';
import { FieldError, FormError } from '@/components/ui/FieldError';
import { DEFAULT_THRESHOLDS, kpiLabel, type ThresholdedKpi } from '@/lib/alerts/thresholds';
import { ENDPOINT_KINDS, type EndpointKind } from '@/lib/probes/types';
import type { ServiceOut } from '@/lib/catalog/types';
import { servicesKey } from './keys';

// One form for adding and editing a service. Everything typed lives in state
// until the server accepts it, so an error never costs a keystroke; the API's
// issues (paths like `endpoints.0.url`) are shown next to the field they name.

interface HeaderRow { key: string; name: string; value: string; stored: boolean }
interface PathRow { key: string; name: string; path: string }
interface LinkRow { key: string; label: string; url: string }
interface EndpointRow {
  key: string;
  id?: string;
  kind: EndpointKind;
  url: string;
  intervalSeconds: string;
  timeoutMs: string;
  enabled: boolean;
  headers: HeaderRow[];
  telemetry: PathRow[];
}
interface FormState {
  name: string;
  environment: string;
  team: string;
  description: string;
  tags: string;
  failuresBeforeDown: string;
  links: LinkRow[];
  thresholds: Record<string, { warning: string; critical: string }>;
  endpoints: EndpointRow[];
}

const KPIS = Object.keys(DEFAULT_THRESHOLDS) as ThresholdedKpi[];
const KPI_UNITS: Record<ThresholdedKpi, string> = { errorRate: '%', p95LatencyMs: 'ms', cpu: '%', memory: '%', disk: '%' };
const KIND_HINTS: Record<EndpointKind, string> = {
  health: 'JSON or text health document',
  liveness: 'is the process alive',
  readiness: 'can it take traffic',
  migration: 'current vs head schema revision',
  metrics: 'Prometheus text format',
  telemetry: 'JSON; numbers at paths become KPIs',
};

let seq = 0;
const nextKey = () => `r${++seq}`;

function emptyEndpoint(kind: EndpointKind = 'health'): EndpointRow {
  return { key: nextKey(), kind, url: '', intervalSeconds: '30', timeoutMs: '5000', enabled: true, headers: [], telemetry: [] };
}

function initialState(s?: ServiceOut): FormState {
  if (!s) {
    return {
      name: '',
      environment: 'production',
      team: '',
      description: '',
      tags: '',
      failuresBeforeDown: '2',
      links: [],
      thresholds: {},
      endpoints: [emptyEndpoint()],
    };
  }
  return {
    name: s.name,
    environment: s.environment,
    team: s.team ?? '',
    description: s.description ?? '',
    tags: s.tags.join(', '),
    failuresBeforeDown: String(s.failuresBeforeDown),
    links: s.links.map((l) => ({ key: nextKey(), ...l })),
    thresholds: Object.fromEntries(
      Object.entries(s.thresholds).map(([k, t]) => [k, { warning: String(t.warning), critical: String(t.critical) }]),
    ),
    endpoints: s.endpoints.map((e) => ({
      key: nextKey(),
      id: e.id,
      kind: e.kind,
      url: e.url,
      intervalSeconds: String(e.intervalSeconds),
      timeoutMs: String(e.timeoutMs),
      enabled: e.enabled,
      headers: e.headerNames.map((name) => ({ key: nextKey(), name, value: '', stored: true })),
      telemetry: Object.entries(e.telemetryPaths).map(([name, path]) => ({ key: nextKey(), name, path })),
    })),
  };
}

/** A number when it looks like one; otherwise the text as typed, so the server names the field. */
function num(v: string): number | string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

interface Built {
  body: Record<string, unknown>;
  /** Row index → index in the submitted links array (blank rows are left out). */
  linkIndex: (number | null)[];
  localIssues: ApiIssue[];
}

function build(state: FormState, editing: boolean): Built {
  const localIssues: ApiIssue[] = [];
  const linkIndex: (number | null)[] = [];
  const links: { label: string; url: string }[] = [];
  state.links.forEach((l) => {
    if (l.label.trim() === '' && l.url.trim() === '') {
      linkIndex.push(null);
      return;
    }
    linkIndex.push(links.length);
    links.push({ label: l.label, url: l.url });
  });

  const thresholds: Record<string, { warning: unknown; critical: unknown }> = {};
  for (const kpi of KPIS) {
    const t = state.thresholds[kpi];
    if (!t || (t.warning.trim() === '' && t.critical.trim() === '')) continue;
    thresholds[kpi] = { warning: num(t.warning) ?? DEFAULT_THRESHOLDS[kpi].warning, critical: num(t.critical) ?? DEFAULT_THRESHOLDS[kpi].critical };
  }

  const endpoints = state.endpoints.map((e, i) => {
    const headers: Record<string, string | null> = {};
    const seen = new Set<string>();
    for (const h of e.headers) {
      const name = h.name.trim();
      if (!h.stored && name === '' && h.value === '') continue;
      if (seen.has(name.toLowerCase())) {
        localIssues.push({ path: `endpoints.${i}.headers`, message: `header ${name} is listed twice` });
      }
      seen.add(name.toLowerCase());
      // A stored value left empty is kept as it is (null); a typed one replaces it.
      headers[name] = h.stored && h.value === '' ? null : h.value;
    }
    const telemetryPaths: Record<string, string> = {};
    if (e.kind === 'telemetry') {
      for (const p of e.telemetry) {
        if (p.name.trim() === '' && p.path.trim() === '') continue;
        telemetryPaths[p.name.trim()] = p.path.trim();
      }
    }
    const out: Record<string, unknown> = {
      kind: e.kind,
      url: e.url,
      intervalSeconds: num(e.intervalSeconds),
      timeoutMs: num(e.timeoutMs),
      enabled: e.enabled,
    };
    if (e.id) out.id = e.id;
    if (e.id || Object.keys(headers).length > 0) out.headers = headers;
    if (e.kind === 'telemetry') out.telemetryPaths = telemetryPaths;
    return out;
  });

  const body: Record<string, unknown> = {
    name: state.name,
    environment: state.environment,
    team: state.team.trim() === '' ? null : state.team,
    description: state.description.trim() === '' ? null : state.description,
    tags: state.tags.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean),
    links,
    thresholds,
    failuresBeforeDown: num(state.failuresBeforeDown),
    endpoints,
  };
  if (editing) body.replaceEndpoints = true;
  return { body, linkIndex, localIssues };
}

function ids(prefix: string) {
  return { input: prefix, err: `${prefix}-err` };
}

export function ServiceForm({ service }: { service?: ServiceOut }) {
  const editing = !!service;
  const router = useRouter();
  const qc = useQueryClient();
  const [state, setState] = useState<FormState>(() => initialState(service));
  const [error, setError] = useState<ApiClientError | null>(null);
  const [linkIndex, setLinkIndex] = useState<(number | null)[]>([]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing
        ? api<{ service: ServiceOut }>(`/api/v1/services/${service!.id}`, { method: 'PATCH', body })
        : api<{ service: ServiceOut }>('/api/v1/services', { method: 'POST', body }),
    onSuccess: async (r) => {
      setError(null);
      await qc.invalidateQueries({ queryKey: servicesKey });
      router.push(`/services/${r.service.id}`);
    },
    onError: (e) => setError(e instanceof ApiClientError ? e : new ApiClientError(0, 'Network error: the change was not saved', [])),
  });

  const field = (path: string) => error?.field(path);
  const patch = (p: Partial<FormState>) => setState((s) => ({ ...s, ...p }));
  const patchEndpoint = (i: number, p: Partial<EndpointRow>) =>
    setState((s) => ({ ...s, endpoints: s.endpoints.map((e, j) => (j === i ? { ...e, ...p } : e)) }));
  const text = (k: 'name' | 'environment' | 'team' | 'description' | 'tags' | 'failuresBeforeDown') => ({
    value: state[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => patch({ [k]: e.target.value } as Partial<FormState>),
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const built = build(state, editing);
    setLinkIndex(built.linkIndex);
    if (built.localIssues.length > 0) {
      setError(new ApiClientError(400, built.localIssues[0].message, built.localIssues));
      return;
    }
    save.mutate(built.body);
  }

  const top = ['name', 'environment', 'team', 'description', 'tags', 'failuresBeforeDown'] as const;
  const topLabels: Record<(typeof top)[number], string> = {
    name: 'Name',
    environment: 'Environment',
    team: 'Team / owner',
    description: 'Description',
    tags: 'Tags',
    failuresBeforeDown: 'Failures before down',
  };

  return (
    <form className="max-w-5xl space-y-5" onSubmit={submit} noValidate aria-label={editing ? `Edit ${service!.name}` : 'Add a service'}>
      <section className="card grid gap-4 p-4 sm:grid-cols-2 lg:grid-cols-3" aria-labelledby="svc-basics">
        <h2 id="svc-basics" className="text-sm font-semibold sm:col-span-2 lg:col-span-3">Service</h2>
        {top.map((k) => {
          const id = ids(`svc-${k}`);
          const wide = k === 'description';
          return (
            <div key={k} className={wide ? 'sm:col-span-2 lg:col-span-3' : undefined}>
              <label className="label" htmlFor={id.input}>{topLabels[k]}</label>
              {wide ? (
                <textarea id={id.input} className="input min-h-16" rows={2} aria-describedby={id.err} {...text(k)} />
              ) : (
                <input
                  id={id.input}
                  className="input"
                  aria-describedby={id.err}
                  aria-invalid={!!field(k)}
                  inputMode={k === 'failuresBeforeDown' ? 'numeric' : undefined}
                  placeholder={k === 'tags' ? 'tier-1, payments' : k === 'environment' ? 'production' : undefined}
                  required={k === 'name'}
                  {...text(k)}
                />
              )}
              {k === 'failuresBeforeDown' ? <p className="mt-1 text-xs text-muted">Consecutive failed checks before an endpoint counts as down.</p> : null}
              {k === 'tags' ? <p className="mt-1 text-xs text-muted">Separated by commas or spaces.</p> : null}
              <FieldError id={id.err} message={field(k)} />
            </div>
          );
        })}
      </section>

      <section className="card space-y-3 p-4" aria-labelledby="svc-endpoints">
        <div className="flex items-center justify-between">
          <h2 id="svc-endpoints" className="text-sm font-semibold">Endpoints</h2>
          <button type="button" className="btn" onClick={() => patch({ endpoints: [...state.endpoints, emptyEndpoint()] })}>+ Add endpoint</button>
        </div>
        <FieldError id="svc-endpoints-err" message={error?.issues.find((i) => i.path === 'endpoints')?.message} />
        {state.endpoints.length === 0 ? <p className="text-sm text-muted">No endpoints: nothing will be checked.</p> : null}
        {state.endpoints.map((ep, i) => (
          <EndpointFields
            key={ep.key}
            index={i}
            ep={ep}
            field={field}
            onChange={(p) => patchEndpoint(i, p)}
            onRemove={() => patch({ endpoints: state.endpoints.filter((_, j) => j !== i) })}
          />
        ))}
      </section>

      <section className="card space-y-3 p-4" aria-labelledby="svc-links">
        <div className="flex items-center justify-between">
          <h2 id="svc-links" className="text-sm font-semibold">Runbooks and docs</h2>
          <button type="button" className="btn" onClick={() => patch({ links: [...state.links, { key: nextKey(), label: '', url: '' }] })}>+ Add link</button>
        </div>
        <FieldError id="svc-links-err" message={error?.issues.find((i) => i.path === 'links')?.message} />
        {state.links.length === 0 ? <p className="text-sm text-muted">No links yet. Link the runbook the on-call engineer should open first.</p> : null}
        {state.links.map((l, i) => {
          const at = linkIndex[i];
          const err = (f: string) => (at === null || at === undefined ? undefined : field(`links.${at}.${f}`));
          const setLink = (p: Partial<LinkRow>) => patch({ links: state.links.map((x, j) => (j === i ? { ...x, ...p } : x)) });
          return (
            <div key={l.key} className="grid items-start gap-2 sm:grid-cols-[14rem_1fr_auto]">
              <div>
                <label className="sr-only" htmlFor={`link-${i}-label`}>Link {i + 1} label</label>
                <input id={`link-${i}-label`} className="input" placeholder="Runbook" value={l.label} onChange={(e) => setLink({ label: e.target.value })} aria-describedby={`link-${i}-label-err`} />
                <FieldError id={`link-${i}-label-err`} message={err('label')} />
              </div>
              <div>
                <label className="sr-only" htmlFor={`link-${i}-url`}>Link {i + 1} URL</label>
                <input id={`link-${i}-url`} className="input" type="url" placeholder="https://wiki.example.com/runbooks/…" value={l.url} onChange={(e) => setLink({ url: e.target.value })} aria-describedby={`link-${i}-url-err`} />
                <FieldError id={`link-${i}-url-err`} message={err('url')} />
              </div>
              <button type="button" className="btn" aria-label={`Remove link ${i + 1}`} onClick={() => patch({ links: state.links.filter((_, j) => j !== i) })}>Remove</button>
            </div>
          );
        })}
      </section>

      <section className="card space-y-3 p-4" aria-labelledby="svc-thresholds">
        <div>
          <h2 id="svc-thresholds" className="text-sm font-semibold">KPI thresholds</h2>
          <p className="text-xs text-muted">Leave empty to use the defaults shown. An alert opens when a value reaches the level.</p>
        </div>
        <table className="table max-w-xl">
          <thead>
            <tr><th scope="col">KPI</th><th scope="col">Warning</th><th scope="col">Critical</th></tr>
          </thead>
          <tbody>
            {KPIS.map((kpi) => {
              const t = state.thresholds[kpi] ?? { warning: '', critical: '' };
              const setT = (p: Partial<{ warning: string; critical: string }>) => patch({ thresholds: { ...state.thresholds, [kpi]: { ...t, ...p } } });
              return (
                <tr key={kpi}>
                  <th scope="row" className="text-left font-normal normal-case tracking-normal text-fg">
                    {kpiLabel(kpi)} <span className="text-muted">({KPI_UNITS[kpi]})</span>
                    <FieldError id={`thr-${kpi}-err`} message={field(`thresholds.${kpi}`)} />
                  </th>
                  <td>
                    <label className="sr-only" htmlFor={`thr-${kpi}-w`}>{kpiLabel(kpi)} warning</label>
                    <input id={`thr-${kpi}-w`} className="input w-28" inputMode="decimal" placeholder={String(DEFAULT_THRESHOLDS[kpi].warning)} value={t.warning} onChange={(e) => setT({ warning: e.target.value })} aria-describedby={`thr-${kpi}-err`} />
                  </td>
                  <td>
                    <label className="sr-only" htmlFor={`thr-${kpi}-c`}>{kpiLabel(kpi)} critical</label>
                    <input id={`thr-${kpi}-c`} className="input w-28" inputMode="decimal" placeholder={String(DEFAULT_THRESHOLDS[kpi].critical)} value={t.critical} onChange={(e) => setT({ critical: e.target.value })} aria-describedby={`thr-${kpi}-err`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <div className="space-y-3" aria-live="polite">
        {error ? (
          error.issues.length > 0 ? (
            <div role="alert" className="rounded-md border border-down/40 bg-down/10 px-3 py-2 text-sm text-down">
              <p><span aria-hidden>✖ </span>Not saved: {error.issues.length === 1 ? 'one field needs' : `${error.issues.length} fields need`} fixing.</p>
              <ul className="mt-1 list-disc pl-5 text-xs">
                {error.issues.map((i, n) => <li key={n}><span className="font-mono">{i.path}</span>: {i.message}</li>)}
              </ul>
            </div>
          ) : (
            <FormError error={`Not saved: ${error.message}`} />
          )
        ) : null}
        <div className="flex items-center gap-2">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : editing ? 'Save changes' : 'Create service'}
          </button>
          <Link href={editing ? `/services/${service!.id}` : '/services'} className="btn">Cancel</Link>
          {editing ? <span className="text-xs text-muted">Changing an endpoint’s URL, kind or headers starts its history of states afresh.</span> : null}
        </div>
      </div>
    </form>
  );
}

function EndpointFields({
  index: i,
  ep,
  field,
  onChange,
  onRemove,
}: {
  index: number;
  ep: EndpointRow;
  field: (path: string) => string | undefined;
  onChange: (p: Partial<EndpointRow>) => void;
  onRemove: () => void;
}) {
  const p = `ep-${i}`;
  const path = `endpoints.${i}`;
  const setHeader = (h: number, patch: Partial<HeaderRow>) => onChange({ headers: ep.headers.map((x, j) => (j === h ? { ...x, ...patch } : x)) });
  const setPath = (t: number, patch: Partial<PathRow>) => onChange({ telemetry: ep.telemetry.map((x, j) => (j === t ? { ...x, ...patch } : x)) });
  return (
    <fieldset className="rounded-md border border-line bg-panel-2/40 p-3" data-testid="endpoint-row">
      <legend className="px-1 text-xs font-medium text-muted">
        Endpoint {i + 1}{ep.id ? '' : ' (new)'}
      </legend>
      <div className="grid items-start gap-3 md:grid-cols-[10rem_1fr_7rem_8rem_auto]">
        <div>
          <label className="label" htmlFor={`${p}-kind`}>Kind</label>
          <select id={`${p}-kind`} className="input" value={ep.kind} onChange={(e) => onChange({ kind: e.target.value as EndpointKind })} aria-describedby={`${p}-kind-hint ${p}-kind-err`}>
            {ENDPOINT_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
          <p id={`${p}-kind-hint`} className="mt-1 text-[11px] text-muted">{KIND_HINTS[ep.kind]}</p>
          <FieldError id={`${p}-kind-err`} message={field(`${path}.kind`)} />
        </div>
        <div>
          <label className="label" htmlFor={`${p}-url`}>URL</label>
          <input id={`${p}-url`} className="input font-mono" type="url" placeholder="https://service.internal/health" value={ep.url} onChange={(e) => onChange({ url: e.target.value })} aria-describedby={`${p}-url-err`} aria-invalid={!!field(`${path}.url`)} />
          <FieldError id={`${p}-url-err`} message={field(`${path}.url`) ?? field(`${path}.id`)} />
        </div>
        <div>
          <label className="label" htmlFor={`${p}-interval`}>Every (s)</label>
          <input id={`${p}-interval`} className="input" inputMode="numeric" placeholder="30" value={ep.intervalSeconds} onChange={(e) => onChange({ intervalSeconds: e.target.value })} aria-describedby={`${p}-interval-err`} />
          <FieldError id={`${p}-interval-err`} message={field(`${path}.intervalSeconds`)} />
        </div>
        <div>
          <label className="label" htmlFor={`${p}-timeout`}>Timeout (ms)</label>
          <input id={`${p}-timeout`} className="input" inputMode="numeric" placeholder="5000" value={ep.timeoutMs} onChange={(e) => onChange({ timeoutMs: e.target.value })} aria-describedby={`${p}-timeout-err`} />
          <FieldError id={`${p}-timeout-err`} message={field(`${path}.timeoutMs`)} />
        </div>
        <div className="flex flex-col gap-2 pt-5">
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" checked={ep.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
            Enabled
          </label>
          <button type="button" className="btn btn-danger" onClick={onRemove} aria-label={`Remove endpoint ${i + 1}`}>Remove</button>
        </div>
      </div>

      <div className="mt-3">
        <div className="flex items-center gap-3">
          <span className="text-xs font-medium text-muted">Request headers</span>
          <button type="button" className="text-xs text-accent underline-offset-2 hover:underline" onClick={() => onChange({ headers: [...ep.headers, { key: nextKey(), name: '', value: '', stored: false }] })}>
            + Add header
          </button>
          <span className="text-[11px] text-muted">Values are stored encrypted and never shown again.</span>
        </div>
        <FieldError id={`${p}-headers-err`} message={field(`${path}.headers`)} />
        {ep.headers.map((h, j) => (
          <div key={h.key} className="mt-2 grid items-center gap-2 sm:grid-cols-[14rem_1fr_auto]">
            <label className="sr-only" htmlFor={`${p}-h${j}-name`}>Header {j + 1} name</label>
            <input
              id={`${p}-h${j}-name`}
              className="input font-mono"
              placeholder="X-Api-Key"
              value={h.name}
              readOnly={h.stored}
              title={h.stored ? 'Stored header: remove it and add a new one to rename' : undefined}
              onChange={(e) => setHeader(j, { name: e.target.value })}
              aria-describedby={`${p}-headers-err`}
            />
            <label className="sr-only" htmlFor={`${p}-h${j}-value`}>Header {j + 1} value</label>
            <input
              id={`${p}-h${j}-value`}
              className="input font-mono"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              placeholder={h.stored ? '•••• (stored; leave empty to keep)' : 'value'}
              value={h.value}
              onChange={(e) => setHeader(j, { value: e.target.value })}
            />
            <button type="button" className="btn" aria-label={`Remove header ${h.name || j + 1}`} onClick={() => onChange({ headers: ep.headers.filter((_, k) => k !== j) })}>
              Remove
            </button>
          </div>
        ))}
      </div>

      {ep.kind === 'telemetry' ? (
        <div className="mt-3">
          <div className="flex items-center gap-3">
            <span className="text-xs font-medium text-muted">KPIs from the JSON response</span>
            <button type="button" className="text-xs text-accent underline-offset-2 hover:underline" onClick={() => onChange({ telemetry: [...ep.telemetry, { key: nextKey(), name: '', path: '' }] })}>
              + Add KPI
            </button>
          </div>
          <FieldError id={`${p}-tp-err`} message={field(`${path}.telemetryPaths`)} />
          {ep.telemetry.map((t, j) => (
            <div key={t.key} className="mt-2 grid items-center gap-2 sm:grid-cols-[14rem_1fr_auto]">
              <label className="sr-only" htmlFor={`${p}-t${j}-name`}>KPI {j + 1} name</label>
              <input id={`${p}-t${j}-name`} className="input font-mono" placeholder="queueDepth" value={t.name} onChange={(e) => setPath(j, { name: e.target.value })} />
              <label className="sr-only" htmlFor={`${p}-t${j}-path`}>KPI {j + 1} JSON path</label>
              <input id={`${p}-t${j}-path`} className="input font-mono" placeholder="$.queue.depth" value={t.path} onChange={(e) => setPath(j, { path: e.target.value })} />
              <button type="button" className="btn" aria-label={`Remove KPI ${t.name || j + 1}`} onClick={() => onChange({ telemetry: ep.telemetry.filter((_, k) => k !== j) })}>
                Remove
              </button>
            </div>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
