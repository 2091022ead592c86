'use client';

import Link from 'next/link';
import { useState, useSyncExternalStore } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import { FormError } from '@/components/ui/FieldError';
import { servicesKey } from '@/components/services/keys';
import { dashboardKey } from './keys';

// First start: nothing is watched yet. Say what a service is, show the three ways
// to add one with examples that work against this very console, and let an admin
// add the console itself in one click.

const noSubscribe = () => () => {};
/** The browser's origin (on the server: a placeholder the browser replaces at once). */
function useOrigin(): string {
  return useSyncExternalStore(noSubscribe, () => window.location.origin, () => '$OPSDECK_URL');
}

export function demoService(origin: string) {
  return {
    name: 'opsdeck',
    environment: 'demo',
    team: 'opsdeck',
    description: 'This console, watching itself (added from the dashboard as a demo).',
    endpoints: [
      { kind: 'health', url: `${origin}/api/health` },
      { kind: 'readiness', url: `${origin}/api/ready` },
      { kind: 'metrics', url: `${origin}/api/metrics` },
    ],
  };
}

function CopyBlock({ label, text }: { label: string; text: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
    setTimeout(() => setCopied(null), 2000);
  }
  return (
    <figure className="min-w-0 overflow-hidden rounded-md border border-line bg-bg">
      <figcaption className="flex items-center justify-between gap-2 border-b border-line px-3 py-1 text-xs text-muted">
        <span className="truncate">{label}</span>
        <button type="button" className="shrink-0 rounded px-1.5 py-0.5 text-accent hover:bg-panel-2" onClick={copy} aria-label={`Copy: ${label}`}>
          {copied === 'yes' ? 'Copied ✓' : copied === 'no' ? 'Copy failed: select it' : 'Copy'}
        </button>
      </figcaption>
      <pre className="overflow-x-auto p-3 font-mono text-xs leading-relaxed">{text}</pre>
    </figure>
  );
}

export function DashboardEmpty({ canAdmin }: { canAdmin: boolean }) {
  const origin = useOrigin();
  const qc = useQueryClient();
  const addDemo = useMutation({
    mutationFn: () => api<{ service: { id: string } }>('/api/v1/services', { method: 'POST', body: demoService(window.location.origin) }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: dashboardKey }), qc.invalidateQueries({ queryKey: servicesKey })]),
  });

  const curl = `curl -X POST ${origin}/api/v1/services \\
  -H "Authorization: Bearer $OPSDECK_TOKEN" \\
  -H 'Content-Type: application/json' \\
  -d '{"name": "checkout", "environment": "production", "team": "payments",
       "endpoints": [{"kind": "health", "url": "https://checkout.internal/health"}]}'`;
  const yaml = `# catalog.yaml
services:
  - name: checkout
    environment: production
    team: payments
    endpoints:
      - kind: health
        url: https://checkout.internal/health
      - kind: metrics
        url: https://checkout.internal/metrics`;
  const put = `curl -X PUT "${origin}/api/v1/catalog?dryRun=true" \\
  -H "Authorization: Bearer $OPSDECK_TOKEN" \\
  -H 'Content-Type: application/yaml' \\
  --data-binary @catalog.yaml   # drop ?dryRun=true to apply`;

  return (
    <section className="card max-w-5xl space-y-5 p-5" aria-labelledby="empty-title" data-testid="dashboard-empty">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h2 id="empty-title" className="text-base font-semibold">
            Nothing is watched yet
          </h2>
          <p className="mt-1 text-sm text-muted">
            This page shows every service opsdeck polls: what is down or degraded, since when, why, and what changed.
            A service is something your team runs, with the endpoints to check (health, liveness, readiness,
            migration state, Prometheus metrics, JSON telemetry). Add one in any of three ways
            {canAdmin ? '' : ' (each needs the admin role)'}.
          </p>
        </div>
        {canAdmin ? (
          <div className="flex flex-col items-start gap-1.5">
            <button type="button" className="btn btn-primary" onClick={() => addDemo.mutate()} disabled={addDemo.isPending || addDemo.isSuccess}>
              {addDemo.isPending ? 'Adding…' : addDemo.isSuccess ? 'Added: waiting for its first check…' : 'Add opsdeck itself as a demo service'}
            </button>
            <p className="max-w-xs text-xs text-muted">Polls this console&apos;s own /api/health, /api/ready and /api/metrics every 30 s.</p>
          </div>
        ) : null}
      </div>
      {addDemo.isError ? <FormError error={`Could not add the demo service: ${addDemo.error.message}`} /> : null}

      <ol className="space-y-5 text-sm">
        <li>
          <h3 className="font-medium">
            <span className="text-muted">1.</span> In this console
          </h3>
          <p className="mt-1 text-muted">
            {canAdmin ? (
              <>
                <Link href="/services/new" className="text-accent underline-offset-2 hover:underline">
                  Services → Add service
                </Link>
                : a name, an environment, a team and the endpoints&apos; URLs.
              </>
            ) : (
              'Services → Add service: a name, an environment, a team and the endpoints’ URLs.'
            )}
          </p>
        </li>
        <li>
          <h3 className="font-medium">
            <span className="text-muted">2.</span> The JSON API, from a script or a pipeline
          </h3>
          <p className="mt-1 mb-2 text-muted">
            With a personal API token (
            <Link href="/settings/tokens" className="text-accent underline-offset-2 hover:underline">
              Settings → API tokens
            </Link>
            ) or the server&apos;s ADMIN_API_KEY:
          </p>
          <CopyBlock label="curl: POST /api/v1/services" text={curl} />
        </li>
        <li>
          <h3 className="font-medium">
            <span className="text-muted">3.</span> Config as code: the whole catalog as YAML
          </h3>
          <p className="mt-1 mb-2 text-muted">
            Keep it in a repository and apply it with <code className="font-mono text-xs">PUT /api/v1/catalog</code>
            {canAdmin ? (
              <>
                {' '}or paste it into{' '}
                <Link href="/services/catalog" className="text-accent underline-offset-2 hover:underline">
                  Services → Import / export
                </Link>
              </>
            ) : null}
            . Services match by name and environment; nothing is deleted unless the file says <code className="font-mono text-xs">prune: true</code>.
          </p>
          <div className="grid gap-3 lg:grid-cols-2">
            <CopyBlock label="catalog.yaml" text={yaml} />
            <CopyBlock label="curl: PUT /api/v1/catalog" text={put} />
          </div>
        </li>
      </ol>
      <p className="text-xs text-muted">New endpoints get their first check within about ten seconds, then every 30 s unless intervalSeconds says otherwise.</p>
    </section>
  );
}
