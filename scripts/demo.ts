/**
 * `npm run demo`: the console with a handful of simulated services, so every screen
 * has something to show within a minute. Uses its own data directory (data/demo, or
 * DEMO_DATA_DIR), so it never touches the data of `npm start`; with DATABASE_URL set it
 * uses that database (and adds the demo services to it).
 *
 *   --port N      console port (default PORT or 3000); simulated services on N+1000…
 *   --no-build    passed to scripts/start.ts
 *   --offset S    start the simulation S seconds into its story (default 0)
 *   --quiet       do not print status changes
 *
 * Ctrl-C stops the simulated services, the console and its embedded database.
 */
import { startDemo, type Demo } from './demo/run';
import type { ApiService } from './demo/catalog';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const say = (msg: string) => process.stdout.write(`[demo] ${msg}\n`);

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    process.stderr.write(`[demo] invalid port "${raw}"\n`);
    process.exit(2);
  }
  return n;
}

const STORY: Record<string, string> = {
  'payments-api': 'healthy',
  search: 'health fails for 45 s every 90 s (down after 2 failed checks, then recovers)',
  'billing-worker': 'degraded: database 3 migrations behind (0041 of 0044)',
  checkout: '5xx share climbs 1 % → 15 % over 5 min (warning at 5 %, critical at 10 %), then resets',
  reports: 'slow: p95 latency 3–6 s (warning at 2 s), health answers in ~1.5 s',
  opsdeck: 'the console itself (/api/health, /api/ready, /api/metrics)',
};

function banner(demo: Demo) {
  const created = demo.registered.filter((r) => r.outcome === 'created').length;
  const lines = [
    '',
    '  opsdeck demo is running',
    '',
    `  open      ${demo.url}`,
    `  sign in   ${demo.email} / ${demo.credentialsFromEnv ? '(your ADMIN_PASSWORD)' : demo.password}`,
    `  API       curl -H "Authorization: Bearer ${demo.apiKey}" ${demo.url}/api/v1/services`,
    '',
    `  services  (${created} registered now, ${demo.registered.length - created} already there${demo.deploysRecorded ? `, ${demo.deploysRecorded} deploys recorded` : ''})`,
    ...demo.registered.map((r) => `    ${r.name.padEnd(15)} ${STORY[r.name] ?? ''}`),
    '',
    '  The first checks land within ~10 s; rates need a second metrics scrape.',
    '  If this database already had users, the demo admin was not created: sign in with yours.',
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function describe(s: ApiService): string {
  const bad = s.endpoints.filter((e) => e.status !== 'up' && e.status !== 'unknown' && e.error).map((e) => `${e.kind}: ${e.error}`);
  const kpis = s.endpoints.find((e) => e.kind === 'metrics')?.summary?.kpis;
  const facts: string[] = [];
  if (kpis?.errorRate !== undefined) facts.push(`5xx ${kpis.errorRate.toFixed(1)} %`);
  if (kpis?.p95LatencyMs !== undefined) facts.push(`p95 ${Math.round(kpis.p95LatencyMs)} ms`);
  return [s.status, ...bad, ...facts].join(' · ');
}

async function main() {
  const port = parsePort(option('--port') ?? process.env.PORT, 3000);
  const offset = Number(option('--offset') ?? 0);
  const demo = await startDemo({
    port,
    dataDir: process.env.DEMO_DATA_DIR ?? 'data/demo',
    simOffsetSeconds: Number.isFinite(offset) ? offset : 0,
    startArgs: args.includes('--no-build') ? ['--no-build'] : [],
  });
  if (process.env.DATABASE_URL) say('DATABASE_URL is set: the demo services were added to that database');
  banner(demo);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping the simulated services and the console…');
    await demo.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  void demo.exited.then((code) => {
    if (stopping) return;
    say(`the console exited (code ${code})`);
    void shutdown(code || 1);
  });

  if (args.includes('--quiet')) return;
  // Print each service's status when it changes, so the terminal tells the story too.
  const last = new Map<string, string>();
  const watch = async () => {
    if (stopping) return;
    try {
      for (const s of await demo.api.listServices()) {
        if (last.get(s.name) !== s.status) say(`${s.name.padEnd(15)} ${describe(s)}`);
        last.set(s.name, s.status);
      }
    } catch {
      // the console may be restarting or stopping
    }
  };
  setInterval(() => void watch(), 5_000);
}

main().catch((e) => {
  process.stderr.write(`[demo] ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
