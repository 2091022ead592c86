/**
 * `npm run screenshots`: regenerates docs/screenshots/*.png from a live demo.
 *
 * Starts the demo on a spare port (SCREENSHOTS_PORT, default 3300) with a fresh
 * embedded database in data/screenshots-<timestamp> (removed afterwards), waits until
 * the poller has checked every demo service, signs in with Debian's Chromium
 * (CHROMIUM_PATH, default /usr/bin/chromium) and saves:
 *   docs/screenshots/dashboard.png   the home page
 *   docs/screenshots/service.png     the page of the "checkout" service
 * The console's own output goes to data/screenshots-<timestamp>.log (kept only on failure).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startDemo, type Demo } from './demo/run';
import type { ApiService } from './demo/catalog';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs', 'screenshots');
const port = Number(process.env.SCREENSHOTS_PORT ?? 3300);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
const dataDir = path.join('data', `screenshots-${stamp}`);
const logFile = path.join(root, 'data', `screenshots-${stamp}.log`);
// Start the story where it is interesting: checkout just past the 10 % critical
// threshold and search about to fail its health checks.
const SIM_OFFSET_S = 230;
const WAIT_FOR_RESULTS_MS = 90_000;

const say = (msg: string) => process.stdout.write(`[screenshots] ${msg}\n`);

/** Every service has a status, every endpoint was checked, and checkout has rates. */
function settled(services: ApiService[]): boolean {
  if (services.length === 0) return false;
  const everyChecked = services.every((s) => s.status !== 'unknown' && s.endpoints.every((e) => e.lastCheckedAt !== null));
  const checkout = services.find((s) => s.name === 'checkout');
  const rates = checkout?.endpoints.find((e) => e.kind === 'metrics')?.summary?.kpis?.errorRate !== undefined;
  return everyChecked && rates;
}

async function waitForResults(demo: Demo): Promise<ApiService[]> {
  const deadline = Date.now() + WAIT_FOR_RESULTS_MS;
  let services: ApiService[] = [];
  while (Date.now() < deadline) {
    services = await demo.api.listServices().catch(() => services);
    if (settled(services)) return services;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  const waiting = services.filter((s) => s.status === 'unknown').map((s) => s.name);
  say(`warning: still waiting for ${waiting.join(', ') || 'metrics rates'} after ${WAIT_FOR_RESULTS_MS / 1000} s; taking the screenshots anyway`);
  return services;
}

async function settle(page: Page, what: string) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  // Charts animate in.
  await page.waitForTimeout(1_500);
  // Whatever the page shows is saved, but a crashed page deserves a word on the terminal.
  if ((await page.getByText(/this page couldn.t load|application error/i).count()) > 0) {
    say(`warning: the ${what} shows an error page; the screenshot shows it too`);
  }
}

async function main() {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  say(`starting the demo on port ${port} (console output in ${path.relative(root, logFile)})`);
  let demo: Demo | undefined;
  let browser: Browser | undefined;
  let ok = false;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    await demo?.stop();
    fs.rmSync(path.join(root, dataDir), { recursive: true, force: true });
    if (ok) fs.rmSync(logFile, { force: true });
  };
  process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  process.on('SIGTERM', () => void cleanUp().then(() => process.exit(143)));

  try {
    demo = await startDemo({
      port,
      dataDir,
      simBasePort: port + 1000,
      simOffsetSeconds: SIM_OFFSET_S,
      // A fresh embedded database whatever DATABASE_URL (or .env) says, and a known sign-in.
      env: { DATABASE_URL: '', ADMIN_EMAIL: 'demo@opsdeck.local', ADMIN_PASSWORD: 'screenshots-demo-password' },
      consoleOutput: { file: logFile },
      log: say,
    });
    say('waiting for the poller to check every service…');
    const services = await waitForResults(demo);
    say(services.map((s) => `${s.name} ${s.status}`).join(', '));
    const checkout = services.find((s) => s.name === 'checkout');
    if (!checkout) throw new Error('the checkout service is not registered');

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: demo.url });
    await page.goto('/signin');
    await page.getByLabel('Email').fill(demo.email);
    await page.getByLabel('Password').fill(demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });

    fs.mkdirSync(outDir, { recursive: true });
    await page.goto('/');
    await settle(page, 'home page');
    await page.screenshot({ path: path.join(outDir, 'dashboard.png') });
    say('saved docs/screenshots/dashboard.png');

    await page.goto(`/services/${checkout.id}`);
    await settle(page, 'checkout page');
    await page.screenshot({ path: path.join(outDir, 'service.png') });
    say('saved docs/screenshots/service.png');
    ok = true;
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`[screenshots] ${e instanceof Error ? e.message : String(e)}\n`);
    process.stderr.write(`[screenshots] the console's output is in ${path.relative(root, logFile)}\n`);
    process.exit(1);
  },
);
