import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chromium } from '@playwright/test';
import { fmt, percentile } from './common';

const PORT = Number(process.env.BENCH_PAGE_PORT ?? 3700);
const ADMIN = { email: 'bench@opsdeck.local', password: `bench-${randomBytes(8).toString('hex')}` };

async function waitReady(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('console did not become ready');
}

/**
 * The dashboard page in Chromium with every seeded service: how long after
 * its data arrives the first screen of rows is drawn, and how fast the search filter
 * answers a keystroke. Starts the production build (building it if stale)
 * against the bench database, poller off so that the seeded state holds still.
 */
export async function benchDashboardPage(databaseUrl: string, services: number, runs = 5) {
  const base = `http://127.0.0.1:${PORT}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--port', String(PORT)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      POLLER_ENABLED: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      NEXTAUTH_URL: base,
      LOG_LEVEL: 'warn',
      OPSDECK_DATA_DIR: 'data/bench',
    },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await waitReady(base, 600_000);
    // The first admin exists only if the database had no users: the bench database is fresh.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/signin`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);

    const rendered: number[] = [];
    const filtered: number[] = [];
    for (let i = 0; i < runs; i++) {
      // From the moment the dashboard data has been received to the first
      // screen of rows drawn (the list renders the rest as one scrolls).
      const firstScreen = Math.min(services, 50);
      const dataArrived = page.waitForResponse((r) => r.url().includes('/api/v1/dashboard') && r.ok()).then(async (r) => {
        await r.finished();
        return Date.now();
      });
      await page.goto(`${base}/`);
      await page.locator('[data-testid="dashboard-row"]').nth(firstScreen - 1).waitFor({ state: 'visible', timeout: 60_000 });
      const delta = Date.now() - (await dataArrived);
      rendered.push(delta);
      // A keystroke in the search box until the list shows the one match.
      const search = page.getByRole('searchbox').first();
      const t0 = Date.now();
      await search.fill('svc-0007');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="dashboard-row"]').length <= 2, null, { timeout: 10_000 });
      filtered.push(Date.now() - t0);
    }
    rendered.sort((a, b) => a - b);
    filtered.sort((a, b) => a - b);
    const out = {
      services,
      // The list renders its first rows at once and the rest as one scrolls.
      rowsRenderedAfterDataMs: { p50: percentile(rendered, 0.5), max: rendered[rendered.length - 1] },
      searchFilterMs: { p50: percentile(filtered, 0.5), max: filtered[filtered.length - 1] },
    };
    console.log('\n== Dashboard page in Chromium (%d services, %d loads)', services, runs);
    console.log('first screen of rows after the data arrived p50 %s ms · max %s ms (goal < 1000 ms)', fmt(out.rowsRenderedAfterDataMs.p50), fmt(out.rowsRenderedAfterDataMs.max));
    console.log('search keystroke to filtered list           p50 %s ms · max %s ms', fmt(out.searchFilterMs.p50), fmt(out.searchFilterMs.max));
    return out;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
  }
}
