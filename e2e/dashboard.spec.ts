import type { Locator, Page } from '@playwright/test';
import { startFakeTarget, type FakeTarget } from '../tests/fake-targets/server';
import { ADMIN_STATE, expect, snap, test } from './fixtures';
import { createService, deleteService, expectNoReload, listServices, markDocument, recordDeploy, type CreatedService } from './helpers/api';

// The on-call dashboard, used as a person would: services added through the API
// point at a fake target started here; the target fails and recovers while the
// page stays open. The first test needs a database without services, so the file
// runs in order; it is tolerant when other tests already added some.

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

const RUN = Date.now().toString(36);
const ENV_A = `dash-${RUN}`;
const ENV_B = `dash-${RUN}-b`;
const TEAM = `dash-team-${RUN}`;
const A = `dash-a-${RUN}`; // polls the fake target's /health, which the test breaks and mends
const B = `dash-b-${RUN}`; // polls a path that always answers 503

let target: FakeTarget;
const cleanup: string[] = [];
let services: Promise<{ a: CreatedService; b: CreatedService }> | null = null;

test.beforeAll(async () => {
  target = await startFakeTarget();
});

test.afterAll(async ({ playwright }, testInfo) => {
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  for (const id of cleanup) await deleteService(api, id);
  await api.dispose();
  await target?.close();
});

/** Created once, by whichever test needs them first. */
function ensureServices(page: Page) {
  services ??= (async () => {
    const api = page.request;
    const a = await createService(api, {
      name: A,
      environment: ENV_A,
      team: TEAM,
      tags: ['e2e', 'dashboard'],
      endpoints: [
        { kind: 'health', url: `${target.url}/health`, intervalSeconds: 5, timeoutMs: 2000 },
        { kind: 'readiness', url: `${target.url}/ready`, intervalSeconds: 5, timeoutMs: 2000 },
      ],
    });
    const b = await createService(api, {
      name: B,
      environment: ENV_B,
      team: TEAM,
      endpoints: [{ kind: 'health', url: `${target.url}/status/503`, intervalSeconds: 5, timeoutMs: 2000 }],
    });
    cleanup.push(a.id, b.id);
    return { a, b };
  })();
  return services;
}

const row = (page: Page, name: string): Locator =>
  page.getByTestId('dashboard-row').filter({ has: page.getByRole('link', { name, exact: true }) });

/** The status filter's toggle, named "Down 3": the word and the count. */
const statusButton = (page: Page, word: string): Locator => page.getByRole('button', { name: new RegExp(`^${word} \\d+$`) });

async function timed(label: string, fn: () => Promise<unknown>) {
  const t0 = Date.now();
  await fn();
  const ms = Date.now() - t0;
  test.info().annotations.push({ type: 'timing', description: `${label}: ${(ms / 1000).toFixed(1)} s` });
  console.log(`[dashboard] ${label}: ${(ms / 1000).toFixed(1)} s`);
}

test('first start: explains the three ways to add a service and adds opsdeck itself', async ({ page }) => {
  // Leftovers of an earlier run against the same database would make the POST a 409.
  const existing = await listServices(page.request);
  for (const s of existing.filter((s) => s.name === 'opsdeck' && s.environment === 'demo')) await deleteService(page.request, s.id);
  const others = existing.filter((s) => !(s.name === 'opsdeck' && s.environment === 'demo'));

  // Other tests may have added services already: then show the page an empty dashboard
  // until the demo service is posted, and the real one from then on.
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/services') posted = true;
  });
  if (others.length > 0) {
    test.info().annotations.push({ type: 'note', description: `${others.length} services exist already: the empty dashboard is simulated` });
    await page.route('**/api/v1/dashboard', async (route) => {
      const res = await route.fetch();
      if (posted) return route.fulfill({ response: res });
      const d = await res.json();
      d.tiles = [];
      d.changes = [];
      d.environments = [];
      d.teams = [];
      d.counts = { services: 0, up: 0, degraded: 0, down: 0, unknown: 0, openAlerts: 0, criticalAlerts: 0, openIncidents: 0 };
      return route.fulfill({ response: res, json: d });
    });
  }

  await page.goto('/');
  const empty = page.getByTestId('dashboard-empty');
  await expect(empty.getByRole('heading', { name: 'Nothing is watched yet' })).toBeVisible();
  await expect(empty.getByRole('link', { name: 'Services → Add service' })).toHaveAttribute('href', '/services/new');
  // The examples are written for this very console, ready to copy.
  const origin = new URL(page.url()).origin;
  await expect(empty.locator('pre').first()).toContainText(`curl -X POST ${origin}/api/v1/services`);
  await expect(empty.locator('pre').nth(1)).toContainText('services:');
  await expect(empty.locator('pre').nth(2)).toContainText(`${origin}/api/v1/catalog`);
  await expect(empty.getByRole('button', { name: /^Copy: / })).toHaveCount(3);
  await snap(page, 'dashboard-empty');

  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/services');
  await empty.getByRole('button', { name: 'Add opsdeck itself as a demo service' }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  const demo = (await res.json()).service as CreatedService & { endpoints: { kind: string; url: string }[] };
  cleanup.push(demo.id);
  expect(demo.endpoints.map((e) => `${e.kind} ${e.url}`).sort()).toEqual([
    `health ${origin}/api/health`,
    `metrics ${origin}/api/metrics`,
    `readiness ${origin}/api/ready`,
  ]);

  // Shown at once, then checked by the poller within ~10 s.
  await expect(empty).toBeHidden();
  const demoRow = row(page, 'opsdeck').filter({ hasText: 'demo' });
  await expect(demoRow).toBeVisible();
  await timed('demo service first up', () => expect(demoRow).toHaveAttribute('data-status', 'up', { timeout: 30_000 }));
  await expect(demoRow).toContainText('Up');
});

test('a service turns up, goes down and recovers on the open page, without a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await markDocument(page);
  const { a } = await ensureServices(page);
  const r = row(page, A);

  // Appears with the next poll, then its first check comes within one interval.
  await timed('new service on the open page, up', async () => {
    await expect(r).toBeVisible({ timeout: 6_000 });
    await expect(r).toHaveAttribute('data-status', 'up', { timeout: 20_000 });
  });
  await expect(r).toContainText('all 2 endpoints up');
  await expect(r.getByRole('link', { name: A })).toHaveAttribute('href', `/services/${a.id}`);
  await page.getByRole('searchbox', { name: 'Search' }).fill(RUN);
  await snap(page, 'dashboard-up');

  target.setMode('/health', 'down');
  // Two consecutive failures at a 5 s interval, then at most one 3 s poll.
  await timed('down after the target broke', () => expect(r).toHaveAttribute('data-status', 'down', { timeout: 30_000 }));
  await expect(r).toContainText('Down');
  await expect(r).toContainText('health');
  await expect(r).toContainText('HTTP 503');
  await expect(page.getByTestId('count-down-value')).not.toHaveText('0');
  const change = page.getByTestId('change').filter({ hasText: A }).filter({ hasText: 'health up → down' });
  await expect(change.first()).toBeVisible();
  await snap(page, 'dashboard-down');

  target.setMode('/health', 'up');
  await timed('up again after the target recovered', () => expect(r).toHaveAttribute('data-status', 'up', { timeout: 30_000 }));
  await expect(page.getByTestId('change').filter({ hasText: A }).filter({ hasText: 'health down → up' }).first()).toBeVisible();
  await expectNoReload(page);

  // The whole row leads to the service, not only its name: the name's link is stretched
  // over the row and takes the click (force: Playwright would wait for the cell itself).
  await r.locator('td').nth(2).click({ force: true });
  await expect(page).toHaveURL(new RegExp(`/services/${a.id}$`));
});

test('filters live in the URL, survive a reload and drive the keyboard', async ({ page }) => {
  test.setTimeout(90_000);
  const { b } = await ensureServices(page);
  await page.goto('/');
  await expect(page.getByRole('table')).toBeVisible();
  const historyBefore = await page.evaluate(() => history.length);

  // "/" focuses the search from anywhere on the page (pressed again only if the
  // page had not hydrated yet: the table is server-rendered before the listener exists).
  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect(async () => {
    await page.keyboard.press('/');
    await expect(search).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.type(RUN);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${RUN}`));
  await expect(row(page, A)).toBeVisible();
  await expect(row(page, B)).toBeVisible();

  await statusButton(page, 'Down').click();
  await expect(statusButton(page, 'Down')).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Environment').selectOption(ENV_B);
  await expect(page).toHaveURL(/status=down/);
  await expect(page).toHaveURL(new RegExp(`env=${ENV_B}`));
  await expect(page.getByLabel('Team').locator('option', { hasText: TEAM })).toHaveCount(1);

  // B always answers 503: down after its second check.
  await expect(row(page, B)).toHaveAttribute('data-status', 'down', { timeout: 30_000 });
  await expect(page.getByTestId('dashboard-row')).toHaveCount(1);
  await expect(page.getByRole('table').locator('caption')).toContainText('1 of');
  // Typing and filtering replaced the URL in place: no history entry per keystroke.
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  await snap(page, 'dashboard-filtered');

  await page.reload();
  await expect(search).toHaveValue(RUN);
  await expect(page.getByLabel('Environment')).toHaveValue(ENV_B);
  await expect(statusButton(page, 'Down')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('dashboard-row')).toHaveCount(1);
  await expect(row(page, B)).toBeVisible();

  // j selects the first row (and focuses its link); Enter opens the service.
  await page.locator('h1').click();
  await page.keyboard.press('j');
  await expect(row(page, B)).toHaveAttribute('data-selected', 'true');
  await expect(row(page, B).getByRole('link', { name: B })).toBeFocused();
  await snap(page, 'dashboard-keyboard');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/services/${b.id}$`));

  // Back on the dashboard, Esc clears the search and keeps the other filters.
  await page.goBack();
  await expect(search).toHaveValue(RUN);
  await page.keyboard.press('/');
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(page).not.toHaveURL(/[?&]q=/);
  await expect(page).toHaveURL(/status=down/);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).toHaveURL(/\/$/);
});

test('a deploy posted by a pipeline shows in Latest changes within 5 s', async ({ page }) => {
  await ensureServices(page);
  await page.goto('/');
  await expect(page.getByTestId('latest-changes')).toBeVisible();
  await markDocument(page);
  const version = `v${RUN}.1`;
  const deploy = await recordDeploy(page.request, { service: A, environment: ENV_A, version, description: 'e2e: dashboard test' });
  expect(deploy.id).toBeTruthy();

  const item = page.getByTestId('change').filter({ hasText: A }).filter({ hasText: `deployed ${version}` });
  await timed('deploy visible in Latest changes', () => expect(item).toBeVisible({ timeout: 5_500 }));
  await expect(item).toHaveAttribute('data-type', 'deploy');
  await expect(item).toContainText('⇪');
  await expectNoReload(page);
  await snap(page, 'dashboard-overview');
  await item.getByRole('link').click();
  await expect(page).toHaveURL(/\/services\/[0-9a-f-]{36}$/);
});

test('when the dashboard API fails, the last data stays with a warning', async ({ page }) => {
  await ensureServices(page);
  await page.goto(`/?q=${RUN}`);
  await expect(row(page, A)).toBeVisible();
  await expect(page.getByTestId('updated')).toContainText('updated');
  await page.route('**/api/v1/dashboard', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"database unavailable"}' }));
  await expect(page.getByTestId('updated')).toHaveAttribute('data-late', 'true', { timeout: 8_000 });
  await expect(page.getByTestId('updated')).toContainText('not refreshed');
  await expect(page.getByTestId('api-trouble')).toContainText('database unavailable');
  await expect(row(page, A)).toBeVisible();
  await snap(page, 'dashboard-api-failing');
  await page.unroute('**/api/v1/dashboard');
  await expect(page.getByTestId('updated')).not.toHaveAttribute('data-late', 'true', { timeout: 8_000 });
  await expect(page.getByTestId('api-trouble')).toBeHidden();
});

test('says loudly when the poller stopped and marks stale rows', async ({ page }) => {
  await ensureServices(page);
  // The poller runs inside the server under test and cannot be stopped from here:
  // the page gets the API's real answer with the poller silent for 4 min and A stale.
  await page.route('**/api/v1/dashboard', async (route) => {
    const res = await route.fetch();
    const d = await res.json();
    const ago = (s: number) => new Date(Date.parse(d.generatedAt) - s * 1000).toISOString();
    d.poller = { lastResultAt: ago(240), activeWorkers: 0, stopped: true };
    for (const t of d.tiles) if (t.name === A) Object.assign(t, { status: 'unknown', stale: true, staleSince: ago(185) });
    return route.fulfill({ response: res, json: d });
  });
  await page.goto(`/?q=${RUN}`);
  const banner = page.getByTestId('poller-stopped');
  await expect(banner).toContainText('The poller has not recorded any result for 4 min — statuses below may be out of date');
  await expect(banner).toContainText('No poller worker has reported');
  await expect(banner).toHaveAttribute('role', 'alert');
  const r = row(page, A);
  await expect(r).toHaveAttribute('data-status', 'unknown');
  await expect(r).toContainText('Unknown');
  await expect(r.getByTestId('stale')).toBeVisible();
  await expect(r).toContainText(/stale:\s*last result 3 min ago/);
  await snap(page, 'dashboard-stale');
});

test('on a phone: stacked cards, nothing wider than the screen', async ({ page }) => {
  await ensureServices(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?q=${RUN}`);
  const list = page.getByRole('list', { name: 'Services, worst first' });
  await expect(list).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(list.getByTestId('dashboard-row')).toHaveCount(2);
  await expect(row(page, B)).toContainText('Down');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, 'dashboard-phone');
  await page.goto('/');
  await expect(page.getByTestId('dashboard-row').first()).toBeVisible();
  await snap(page, 'dashboard-phone-all');
});
