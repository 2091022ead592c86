/**
 * Starts the console (scripts/start.ts, exactly as `npm start` does, with its own
 * data directory) and the simulated services, then registers them. Used by
 * `npm run demo` and `npm run screenshots`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ApiClient, demoCatalog, recordDeploys, registerCatalog, type RegisterOutcome } from './catalog';
import { startSims, type SimSet } from './sim';

export const DEMO_EMAIL = 'demo@opsdeck.local';

export interface DemoOptions {
  /** Port of the console. */
  port: number;
  /** Data directory of the console (secrets, embedded database, demo sign-in). */
  dataDir: string;
  /** Where the simulated services try to listen first (port, port+1, …); default port + 1000. */
  simBasePort?: number;
  /** Fast-forward the simulation by this many seconds. */
  simOffsetSeconds?: number;
  /** Environment of the console on top of process.env (e.g. DATABASE_URL: '' forces the embedded database). */
  env?: Record<string, string>;
  /** Extra arguments for scripts/start.ts (e.g. --no-build). */
  startArgs?: string[];
  /** Where the console's output goes: inherit (the terminal) or a file. */
  consoleOutput?: 'inherit' | { file: string };
  /** How long the console may take to answer /api/ready (a first start builds it). */
  readyTimeoutMs?: number;
  log?: (msg: string) => void;
}

export interface Demo {
  /** What a person opens. */
  url: string;
  /** What scripts use (loopback). */
  apiUrl: string;
  email: string;
  password: string;
  /** True when the sign-in was taken from ADMIN_EMAIL / ADMIN_PASSWORD. */
  credentialsFromEnv: boolean;
  apiKey: string;
  api: ApiClient;
  sims: SimSet;
  registered: RegisterOutcome[];
  deploysRecorded: number;
  /** Settles when the console process exits, with its exit code. */
  exited: Promise<number>;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

async function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** The demo sign-in: ADMIN_EMAIL / ADMIN_PASSWORD when set, else generated once per data dir. */
function demoCredentials(dataDir: string, source: NodeJS.ProcessEnv): { email: string; password: string; fromEnv: boolean } {
  if (source.ADMIN_EMAIL && source.ADMIN_PASSWORD) {
    return { email: source.ADMIN_EMAIL, password: source.ADMIN_PASSWORD, fromEnv: true };
  }
  // The first admin is created only once per database, so the password has to
  // survive restarts of the demo: keep it beside the demo's other generated secrets.
  const file = path.join(dataDir, 'demo-login.json');
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { email?: string; password?: string };
    if (stored.email && stored.password) return { email: stored.email, password: stored.password, fromEnv: false };
  } catch {
    // first run
  }
  const creds = { email: DEMO_EMAIL, password: `demo-${randomBytes(9).toString('base64url')}` };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(creds, null, 2) + '\n', { mode: 0o600 });
  return { ...creds, fromEnv: false };
}


async function waitForReady(apiUrl: string, child: ChildProcess, exited: Promise<number>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone || child.exitCode !== null) throw new Error(`the console stopped before it was ready (exit ${child.exitCode ?? '?'})`);
    try {
      const r = await fetch(`${apiUrl}/api/ready`, { signal: AbortSignal.timeout(3_000) });
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`the console did not answer ${apiUrl}/api/ready within ${Math.round(timeoutMs / 1000)} s`);
}

export async function startDemo(opts: DemoOptions): Promise<Demo> {
  const log = opts.log ?? ((m: string) => process.stdout.write(`[demo] ${m}\n`));
  const host = opts.env?.HOST ?? process.env.HOST ?? '127.0.0.1';
  const loopback = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  const apiHost = loopback.includes(':') ? `[${loopback}]` : loopback;
  const apiUrl = `http://${apiHost}:${opts.port}`;
  const url = `http://localhost:${opts.port}`;

  // Refuse rather than register the demo into whatever already answers on that port.
  if (!(await portIsFree(opts.port, loopback))) {
    throw new Error(`port ${opts.port} is in use: stop what runs there or choose another one (PORT=3400 npm run demo)`);
  }

  const dataDir = path.resolve(root, opts.dataDir);
  const given: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  const creds = demoCredentials(dataDir, given);
  const apiKey = given.ADMIN_API_KEY && given.ADMIN_API_KEY.length >= 32 ? given.ADMIN_API_KEY : randomBytes(24).toString('hex');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPSDECK_DATA_DIR: dataDir,
    PORT: String(opts.port),
    HOST: host,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // (scripts/start.ts limits the console to one connection on the embedded database.)
    ...opts.env,
    ADMIN_EMAIL: creds.email,
    ADMIN_PASSWORD: creds.password,
    ADMIN_API_KEY: apiKey,
  };
  // The simulated services listen before the console starts, so that a console
  // restarted over an old demo database finds them at once instead of counting
  // failures; their story starts over (t = 0) when they are registered.
  const sims = await startSims({ host: '127.0.0.1', basePort: opts.simBasePort ?? opts.port + 1000, offsetSeconds: opts.simOffsetSeconds });

  let stdio: 'inherit' | ['ignore', number, number] = 'inherit';
  let outFd: number | undefined;
  if (opts.consoleOutput && opts.consoleOutput !== 'inherit') {
    fs.mkdirSync(path.dirname(opts.consoleOutput.file), { recursive: true });
    outFd = fs.openSync(opts.consoleOutput.file, 'a');
    stdio = ['ignore', outFd, outFd];
  }
  // `node --import tsx` rather than the tsx binary: the pid is start.ts itself, which
  // forwards SIGINT/SIGTERM to `next start` and then stops the embedded database.
  // Its own process group, so that nothing it started can outlive the demo.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'start.ts'), '--port', String(opts.port), ...(opts.startArgs ?? [])], {
    cwd: root,
    env,
    stdio,
    detached: true,
  });
  if (outFd !== undefined) fs.closeSync(outFd);
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.once('error', (e) => {
      log(`could not start the console: ${e.message}`);
      resolve(1);
    });
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Last resort when this process dies without stop(): take the console down with it.
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await sims.close().catch(() => undefined);
      if (child.exitCode === null && child.signalCode === null) {
        try {
          child.kill('SIGINT');
        } catch {
          // already gone
        }
        const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000).unref());
        if ((await Promise.race([exited, timeout])) === 'timeout') killGroup('SIGKILL');
      }
      // next-server or anything else start.ts left behind in its group.
      killGroup('SIGKILL');
      process.off('exit', onExit);
    })());

  try {
    log(`starting the console on ${url} (data in ${path.relative(root, dataDir) || dataDir})…`);
    await waitForReady(apiUrl, child, exited, opts.readyTimeoutMs ?? 15 * 60_000);
    sims.restart();
    log(`simulated services listening on ${sims.servers.map((s) => `${s.name} ${s.url}`).join(', ')}`);

    const api = new ApiClient(apiUrl, apiKey);
    const registered = await registerCatalog(api, demoCatalog(sims.urls, apiUrl));
    const created = new Set(registered.filter((r) => r.outcome === 'created').map((r) => r.name));
    const deploysRecorded = await recordDeploys(api, created, (m) => log(m));
    return { url, apiUrl, email: creds.email, password: creds.password, credentialsFromEnv: creds.fromEnv, apiKey, api, sims, registered, deploysRecorded, exited, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
