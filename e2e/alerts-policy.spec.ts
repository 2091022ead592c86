import { ADMIN_STATE, expect, snap, test } from './fixtures';
import { adminHeaders, createService, deleteService } from './helpers/api';

// Two ways into an incident's settings and origins: an alert that fires and is
// declared on the spot, and the severity policy an admin tunes in Settings.

test.use({ storageState: ADMIN_STATE });

const RUN = Date.now().toString(36);

test('a commander declares an incident straight from a firing alert, then sees it covered', async ({ page }) => {
  test.setTimeout(120_000);
  const service = await createService(page.request, {
    name: `alerting-${RUN}`,
    environment: 'e2e',
    // Nothing listens there: two failed checks in a row open an alert.
    endpoints: [{ kind: 'health', url: 'http://127.0.0.1:9/health', intervalSeconds: 5, timeoutMs: 500 }],
  });
  try {
    await page.goto('/alerts');
    const row = page.getByTestId('alert-row').filter({ hasText: service.name });
    await expect(row).toBeVisible({ timeout: 60_000 });
    await expect(row.locator('[data-alert-level]')).toHaveText(/warning|critical/);
    await snap(page, 'alerts-firing');

    await row.getByTestId('alert-declare').click();
    await expect(page).toHaveURL(/\/incidents\?declare=/);
    const form = page.getByTestId('declare-form');
    await expect(form.getByTestId('declare-from-alert')).toBeVisible();
    await expect(form.getByLabel('Title')).toHaveValue(new RegExp(`^${service.name}: `));
    await form.getByTestId('declare-submit').click();
    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
    const declared = page.locator('[data-event-type="declared"]');
    await expect(declared).toContainText('from the');
    await expect(declared).toContainText(service.name);

    // Back on the alerts page the alert now points at its incident instead of offering to declare.
    await page.goto('/alerts');
    await expect(row).toContainText('covers it');
    await expect(row.getByTestId('alert-declare')).toHaveCount(0);
  } finally {
    const incidents = await page.request.get('/api/v1/incidents?state=open', { headers: adminHeaders() });
    for (const i of (await incidents.json()).incidents as { id: string; services: { id: string }[] }[]) {
      if (i.services.some((s) => s.id === service.id)) {
        await page.request.patch(`/api/v1/incidents/${i.id}`, { headers: adminHeaders(), data: { status: 'resolved', reason: 'e2e cleanup' } });
      }
    }
    await deleteService(page.request, service.id);
  }
});

test('an admin tunes the severity policy; a bad number is named, a good one is kept', async ({ page }) => {
  await page.goto('/settings/severity');
  const p2 = page.getByTestId('policy-P2');
  const escalate = p2.getByLabel('Escalate after (min without mitigation)');
  await expect(escalate).toHaveValue('60');

  await escalate.fill('soon');
  await page.getByTestId('policy-save').click();
  await expect(p2).toContainText('escalateAfterMinutes must be a number of minutes or null');
  await expect(page.getByRole('alert').first()).toContainText('Not saved');

  await escalate.fill('45');
  await page.getByTestId('policy-save').click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await snap(page, 'settings-severity-policy');
  await page.reload();
  await expect(page.getByTestId('policy-P2').getByLabel('Escalate after (min without mitigation)')).toHaveValue('45');

  // Put the default back for the other tests, through the same form.
  await page.getByTestId('policy-P2').getByLabel('Escalate after (min without mitigation)').fill('60');
  await page.getByTestId('policy-save').click();
  await expect(page.getByRole('status')).toContainText('Saved');
});
