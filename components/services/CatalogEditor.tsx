'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, ApiClientError } from '@/components/api/client';
import { FormError } from '@/components/ui/FieldError';
import type { CatalogApplyResult, CatalogDiff } from '@/lib/catalog/types';
import { servicesKey } from './keys';

const catalogKey = ['catalog-yaml'] as const;

async function fetchYaml(): Promise<string> {
  const res = await fetch('/api/v1/catalog', { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) throw new Error(`Could not load the catalog (${res.status})`);
  return res.text();
}

/** The line an issue names, from "line 3, column 5" or "(line 14)". */
function lineOf(issue: { path: string; message: string }): number | null {
  const m = /^line (\d+)/.exec(issue.path) ?? /\(line (\d+)\)/.exec(issue.message);
  return m ? Number(m[1]) : null;
}

function DiffView({ result }: { result: CatalogApplyResult }) {
  const d: CatalogDiff = result.diff;
  const verb = result.dryRun ? 'Would' : 'Did';
  if (!result.changed) {
    return (
      <p role="status" className="text-sm text-up">
        ● No changes: the catalog already matches this document ({d.unchanged} service{d.unchanged === 1 ? '' : 's'} unchanged).
      </p>
    );
  }
  return (
    <div role="status" className="space-y-3 text-sm" data-testid="catalog-diff">
      <p className={result.dryRun ? 'text-accent' : 'text-up'}>
        {result.dryRun ? 'Preview — nothing has been written yet.' : '✔ Applied.'} {verb} create {d.create.length}, update {d.update.length}, delete{' '}
        {d.delete.length}; {d.unchanged} unchanged.
      </p>
      {d.create.length > 0 ? (
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-up">+ Create</h3>
          <ul className="mt-1 space-y-1">
            {d.create.map((c) => (
              <li key={c.service}>
                <span className="font-medium">{c.service}</span>
                <span className="text-muted"> — {c.endpoints.length} endpoint{c.endpoints.length === 1 ? '' : 's'}</span>
                {c.endpoints.length > 0 ? <div className="font-mono text-xs text-muted">{c.endpoints.join(' · ')}</div> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.update.length > 0 ? (
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-degraded">~ Update</h3>
          <ul className="mt-1 space-y-2">
            {d.update.map((u) => (
              <li key={u.service}>
                <span className="font-medium">{u.service}</span>
                <ul className="ml-4 list-disc font-mono text-xs text-muted">
                  {u.changes.map((c, i) => <li key={i}>{c}</li>)}
                </ul>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.delete.length > 0 ? (
        <div>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-down">✖ Delete (prune: true)</h3>
          <ul className="mt-1 space-y-1">
            {d.delete.map((x) => (
              <li key={x.service}>
                <span className="font-medium">{x.service}</span>
                <span className="text-muted"> — with its {x.endpoints} endpoint{x.endpoints === 1 ? '' : 's'} and their history</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** Import / export: the catalog as YAML, previewed as a diff before it is applied. */
export function CatalogEditor() {
  const qc = useQueryClient();
  const area = useRef<HTMLTextAreaElement>(null);
  const stored = useQuery({ queryKey: catalogKey, queryFn: fetchYaml, refetchOnWindowFocus: false, staleTime: Infinity });
  // null: not edited yet, so the text follows what the server has.
  const [draft, setDraft] = useState<string | null>(null);
  const [result, setResult] = useState<CatalogApplyResult | null>(null);
  const [error, setError] = useState<ApiClientError | null>(null);
  const text = draft ?? stored.data ?? '';

  const run = useMutation({
    mutationFn: (dryRun: boolean) => api<CatalogApplyResult>('/api/v1/catalog', { method: 'PUT', body: { yaml: text, dryRun } }),
    onSuccess: async (r) => {
      setError(null);
      setResult(r);
      if (!r.dryRun && r.changed) {
        // Show what is stored now; this also drops any header values typed into the text.
        setDraft(null);
        await Promise.all([qc.invalidateQueries({ queryKey: catalogKey }), qc.invalidateQueries({ queryKey: servicesKey })]);
      }
    },
    onError: (e) => {
      setResult(null);
      setError(e instanceof ApiClientError ? e : new ApiClientError(0, 'Network error: nothing was applied', []));
    },
  });

  function goToLine(line: number) {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    // Roughly scroll the line into view.
    el.scrollTop = Math.max(0, (line - 5) * 18);
  }

  const edited = draft !== null && draft !== stored.data;

  return (
    <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="catalog-yaml" className="text-sm font-semibold">catalog.yaml</label>
          {edited ? <span className="text-xs text-degraded">▲ edited, not applied</span> : null}
          <span className="flex-1" />
          <button
            type="button"
            className="btn"
            disabled={stored.isFetching}
            onClick={() => {
              setDraft(null);
              setResult(null);
              setError(null);
              void stored.refetch();
            }}
          >
            Reload from server
          </button>
          <a className="btn" href="/api/v1/catalog" download="catalog.yaml">Download</a>
        </div>
        {stored.isError ? <FormError error={stored.error.message} /> : null}
        <textarea
          id="catalog-yaml"
          ref={area}
          className="input min-h-[32rem] resize-y font-mono text-xs leading-[18px]"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          value={stored.isPending && draft === null ? 'Loading…' : text}
          readOnly={stored.isPending && draft === null}
          onChange={(e) => setDraft(e.target.value)}
          aria-describedby="catalog-help"
        />
        <p id="catalog-help" className="text-xs text-muted">
          Services match by name + environment, endpoints by kind + url. Left-out fields keep their values; nothing is deleted
          unless the document says <code className="font-mono">prune: true</code>. Header values are never exported: write{' '}
          <code className="font-mono">headers: {'{'}X-Api-Key: …{'}'}</code> on an endpoint to set them (it replaces that endpoint’s stored headers).
        </p>
        <div className="flex gap-2">
          <button type="button" className="btn" disabled={run.isPending || stored.isPending} onClick={() => run.mutate(true)}>
            Preview changes
          </button>
          <button type="button" className="btn btn-primary" disabled={run.isPending || stored.isPending} onClick={() => run.mutate(false)}>
            {run.isPending ? 'Working…' : 'Apply'}
          </button>
        </div>
      </div>

      <div className="card space-y-3 p-4" aria-live="polite">
        <h2 className="text-sm font-semibold">Changes</h2>
        {error ? (
          <div role="alert" className="space-y-2 rounded-md border border-down/40 bg-down/10 px-3 py-2 text-sm text-down">
            <p><span aria-hidden>✖ </span>Nothing applied. {error.message}</p>
            {error.issues.length > 1 || (error.issues.length === 1 && lineOf(error.issues[0])) ? (
              <ul className="list-disc space-y-1 pl-5 text-xs">
                {error.issues.map((i, n) => {
                  const line = lineOf(i);
                  return (
                    <li key={n}>
                      <span className="font-mono">{i.path}</span>: {i.message}{' '}
                      {line ? (
                        <button type="button" className="text-accent underline-offset-2 hover:underline" onClick={() => goToLine(line)}>
                          go to line {line}
                        </button>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </div>
        ) : result ? (
          <DiffView result={result} />
        ) : (
          <p className="text-sm text-muted">Edit the YAML, then “Preview changes” to see what applying it would do. Apply writes everything or nothing.</p>
        )}
      </div>
    </div>
  );
}
