import { ADMIN_STATE, expect, signIn, snap, test } from './fixtures';
import { adminHeaders, createService, deleteService, expectNoReload, markDocument } from './helpers/api';

// An incident run as people run it: a commander declares one with the
// classification wizard, takes notes, posts a status update from the template
// and resolves it, while a responder in another browser watches it happen live.

test.use({ storageState: ADMIN_STATE });

const RUN = Date.now().toString(36);

test('a commander declares, classifies, updates and resolves; a responder sees it live', async ({ page, browser }) => {
  const service = await createService(page.request, {
    name: `inc-${RUN}`,
    environment: 'e2e',
    // Nothing listens there: the service goes down, which the incident should show.
    endpoints: [{ kind: 'health', url: 'http://127.0.0.1:9/health', intervalSeconds: 10, timeoutMs: 500 }],
  });
  const watcher = { email: `watcher-${RUN}@e2e.test`, password: 'watcher-password-1' };
  const created = await page.request.post('/api/v1/users', { headers: adminHeaders(), data: { ...watcher, name: 'Wanda Watcher', role: 'responder' } });
  expect(created.status()).toBe(201);
  const title = `Checkout failing ${RUN}`;

  try {
    // Declare, classifying with the wizard: not everyone down (no), but errors above 5 % (yes) → P2.
    await page.goto('/incidents');
    await page.getByTestId('declare-open').click();
    const form = page.getByTestId('declare-form');
    await form.getByLabel('Title').fill(title);
    await form.getByTestId('service-picker').getByText(service.name).click();
    await form.getByTestId('wizard-open').click();
    const wizard = form.getByTestId('classify-wizard');
    await expect(wizard.getByTestId('wizard-question')).toContainText('all (or nearly all) requests fail');
    await wizard.getByRole('button', { name: 'No' }).click();
    await expect(wizard.getByTestId('wizard-question')).toContainText('more than 5 %');
    await wizard.getByRole('button', { name: 'Yes' }).click();
    await expect(wizard.getByTestId('wizard-result')).toContainText('P2');
    await wizard.getByRole('button', { name: 'Use P2' }).click();
    await expect(form.getByLabel('Severity')).toHaveValue('P2');
    await snap(page, 'incident-declare');
    await form.getByTestId('declare-submit').click();
    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
    const url = page.url();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    await expect(page.getByTestId('timeline')).toContainText('Declared P2');

    // A responder opens the same incident in another browser.
    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const p2 = await other.newPage();
    await signIn(p2, watcher.email, watcher.password);
    await expect(p2.getByTestId('current-role')).toHaveText('responder');
    await p2.goto(url);
    await markDocument(p2);
    await expect(p2.getByTestId('timeline')).toContainText('Declared P2');
    // Responders take notes and acknowledge; moving the status is for commanders.
    await expect(p2.getByTestId('move-resolved')).toHaveCount(0);

    // "n" jumps to the note box; Enter posts.
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('n');
    await expect(page.getByTestId('quick-note')).toBeFocused();
    await page.keyboard.type('Error rate started with the 4.2 deploy');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quick-note')).toHaveValue('');

    // A status update from the template.
    await page.getByTestId('update-open').click();
    await page.getByLabel('What we are doing').fill('Rolling back release 4.2.');
    await expect(page.getByTestId('update-preview')).toContainText('Next update: in 30 min');
    await page.getByRole('button', { name: 'Post update' }).click();

    // The watcher sees both arrive without reloading.
    await expect(p2.locator('[data-event-type="note"]')).toContainText('Error rate started with the 4.2 deploy');
    await expect(p2.locator('[data-event-type="update"]')).toContainText('What we are doing: Rolling back release 4.2.');

    // Resolve: the watcher sees the status change and the clocks stop.
    await page.getByTestId('move-resolved').click();
    await expect(page.getByRole('main').locator('[data-incident-status]').first()).toHaveText(/Resolved/);
    await expect(p2.getByRole('main').locator('[data-incident-status]').first()).toHaveText(/Resolved/);
    await expect(p2.getByTestId('timeline')).toContainText('Investigating → Resolved');
    await expect(p2.getByTestId('clocks')).toContainText('Lasted');
    await expectNoReload(p2);
    await snap(page, 'incident-resolved');
    await snap(p2, 'incident-resolved-responder');

    await page.getByTestId('move-closed').click();
    await expect(page.getByRole('main').locator('[data-incident-status]').first()).toHaveText(/Closed/);
    await other.close();
  } finally {
    await deleteService(page.request, service.id);
  }
});

test('a service page declares an incident with that service already chosen', async ({ page }) => {
  const service = await createService(page.request, {
    name: `from-page-${RUN}`,
    environment: 'e2e',
    endpoints: [{ kind: 'health', url: 'http://127.0.0.1:9/health', intervalSeconds: 60, timeoutMs: 500 }],
  });
  try {
    await page.goto(`/services/${service.id}`);
    await page.getByTestId('declare-from-service').click();
    await expect(page).toHaveURL(new RegExp(`/incidents\\?declare=${service.id}`));
    await expect(page.getByRole('checkbox', { name: new RegExp(`from-page-${RUN}`) })).toBeChecked();
  } finally {
    await deleteService(page.request, service.id);
  }
});
