import client from 'prom-client';

// One registry per process (kept on globalThis across dev reloads) with
// Node's default metrics; domains register their own metrics here.
const g = globalThis as unknown as { __opsdeckRegistry?: client.Registry };

export function registry(): client.Registry {
  if (!g.__opsdeckRegistry) {
    const r = new client.Registry();
    r.setDefaultLabels({ app: 'opsdeck' });
    client.collectDefaultMetrics({ register: r });
    g.__opsdeckRegistry = r;
  }
  return g.__opsdeckRegistry;
}

/** Returns the metric of that name, creating it on first use (safe across module reloads). */
export function metric<T extends client.Metric>(name: string, make: (registers: client.Registry[]) => T): T {
  const r = registry();
  return (r.getSingleMetric(name) as T | undefined) ?? make([r]);
}
