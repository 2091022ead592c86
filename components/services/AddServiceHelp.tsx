import Link from 'next/link';

const CURL_POST = `curl -X POST "$OPSDECK_URL/api/v1/services" \\
  -H "Authorization: Bearer $OPSDECK_TOKEN" \\
  -H 'Content-Type: application/json' \\
  -d '{"name": "checkout", "team": "payments",
       "endpoints": [{"kind": "health", "url": "https://checkout.internal/health"}]}'`;

const CURL_PUT = `# preview the changes; drop ?dryRun=true to apply them
curl -X PUT "$OPSDECK_URL/api/v1/catalog?dryRun=true" \\
  -H "Authorization: Bearer $OPSDECK_TOKEN" \\
  -H 'Content-Type: application/yaml' \\
  --data-binary @catalog.yaml`;

const YAML_EXAMPLE = `services:
  - name: checkout
    environment: production
    team: payments
    endpoints:
      - kind: health
        url: https://checkout.internal/health
      - kind: metrics
        url: https://checkout.internal/metrics
        intervalSeconds: 15`;

/** The empty catalog: what a service is here and the three ways to add one. */
export function AddServiceHelp({ canAdmin }: { canAdmin: boolean }) {
  return (
    <section className="card max-w-4xl space-y-4 p-5" aria-labelledby="add-help-title" data-testid="services-empty">
      <div>
        <h2 id="add-help-title" className="text-base font-semibold">No services yet</h2>
        <p className="mt-1 text-sm text-muted">
          A service is something your team runs, with the endpoints opsdeck should poll: health, liveness, readiness,
          migration state, Prometheus metrics or JSON telemetry. There are three ways to add one
          {canAdmin ? '' : ' (each needs the admin role)'}:
        </p>
      </div>
      <ol className="list-decimal space-y-4 pl-5 text-sm">
        <li>
          <strong>This console:</strong>{' '}
          {canAdmin ? (
            <Link href="/services/new" className="text-accent underline-offset-2 hover:underline">Add a service</Link>
          ) : (
            'the “Add service” form'
          )}{' '}
          and fill in its endpoints.
        </li>
        <li>
          <strong>The JSON API</strong>, with a personal API token (Settings → API tokens) or ADMIN_API_KEY:
          <pre className="mt-2 overflow-x-auto rounded-md border border-line bg-bg p-3 font-mono text-xs">{CURL_POST}</pre>
        </li>
        <li>
          <strong>Config as code:</strong> keep the whole catalog in a YAML file in your repository and apply it
          {canAdmin ? (
            <>
              {' '}(or paste it in{' '}
              <Link href="/services/catalog" className="text-accent underline-offset-2 hover:underline">Import / export</Link>)
            </>
          ) : null}
          :
          <div className="mt-2 grid gap-3 lg:grid-cols-2">
            <pre className="overflow-x-auto rounded-md border border-line bg-bg p-3 font-mono text-xs" aria-label="catalog.yaml example">{YAML_EXAMPLE}</pre>
            <pre className="overflow-x-auto rounded-md border border-line bg-bg p-3 font-mono text-xs">{CURL_PUT}</pre>
          </div>
        </li>
      </ol>
      <p className="text-xs text-muted">New endpoints are checked within about ten seconds, then every 30 s unless you set intervalSeconds.</p>
    </section>
  );
}
