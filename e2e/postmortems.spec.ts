import { ADMIN_STATE, expect, signIn, snap, test } from './fixtures';
import { adminHeaders, createService, deleteService } from './helpers/api';

// The team lead's loop: a P1 is resolved, its postmortem is drafted from the
// record, people write it up and add action items, it is submitted and
// approved, and the analytics move.

test.use({ storageState: ADMIN_STATE });

const RUN = Date.now().toString(36);
const month = () => new Date().toISOString().slice(0, 7);
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

type Analytics = { incidentsByMonth: { month: string; P1: number }[]; actionItems: { month: string; opened: number }[] };

test('resolve a P1, write and approve its postmortem, see the analytics move', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const api = page.request;
  const analytics = async () => ((await (await api.get('/api/v1/analytics?months=3', { headers: adminHeaders() })).json()).analytics as Analytics);
  const before = await analytics();
  const p1Before = before.incidentsByMonth.find((r) => r.month === month())!.P1;
  const openedBefore = before.actionItems.find((r) => r.month === month())!.opened;

  const service = await createService(api, {
    name: `pm-${RUN}`,
    environment: 'e2e',
    // Nothing listens there: the service is down, which the impact should show.
    endpoints: [{ kind: 'health', url: 'http://127.0.0.1:9/health', intervalSeconds: 5, timeoutMs: 500 }],
  });
  const title = `Payments down ${RUN}`;
  try {
    const declared = await api.post('/api/v1/incidents', { headers: adminHeaders(), data: { title, severity: 'P1', serviceIds: [service.id], summary: 'Every payment request failed with 503.' } });
    expect(declared.status(), await declared.text()).toBe(201);
    const incident = (await declared.json()).incident as { id: string; number: number };
    // Before resolution there is no postmortem.
    expect((await api.get(`/api/v1/incidents/${incident.id}/postmortem`, { headers: adminHeaders() })).status()).toBe(404);

    // Resolve in the console: the P1's postmortem is drafted and linked.
    await page.goto(`/incidents/${incident.id}`);
    await page.getByTestId('acknowledge').click();
    await expect(page.getByTestId('timeline')).toContainText('Acknowledged by');
    await page.getByTestId('move-resolved').click();
    await expect(page.getByTestId('timeline')).toContainText('Postmortem drafted (required for P1)');
    await page.getByTestId('open-postmortem').click();
    await expect(page).toHaveURL(/\/postmortems\/[0-9a-f-]{36}$/);
    const reviewUrl = page.url();

    // The draft: measurements, impact of the service, no checklists, key timeline.
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    await expect(page.locator('[data-pm-status]').first()).toHaveText(/Draft/);
    await expect(page.getByTestId('due')).toContainText('due');
    await expect(page.locator('[data-measure="timeToAcknowledgeSeconds"]')).not.toContainText('—');
    await expect(page.locator('[data-measure="timeToResolveSeconds"]')).not.toContainText('—');
    await expect(page.getByTestId('impact-table')).toContainText(`pm-${RUN}`);
    await expect(page.getByTestId('no-checklists')).toHaveText('No checklists were run.');
    await expect(page.getByTestId('key-timeline')).toContainText('Declared');
    // The incident's summary seeds the summary section.
    await expect(page.getByRole('textbox', { name: 'Summary' })).toHaveValue('Every payment request failed with 503.');

    // Write the sections: each saves itself.
    const rootCause = 'The payment gateway pool was capped at 10 connections; a retry storm held them all.';
    await page.getByRole('textbox', { name: 'Root cause' }).fill(rootCause);
    await page.getByRole('textbox', { name: 'What went well' }).fill('The probe saw it within a minute.');
    await page.getByRole('textbox', { name: 'Lessons' }).fill('Cap retries; alert on pool saturation.');
    await page.getByTestId('save-lessons').click();
    for (const key of ['rootCause', 'wentWell', 'lessons']) {
      await expect(page.locator(`[data-section="${key}"] [data-save-state]`)).toHaveAttribute('data-save-state', 'saved');
    }
    // A reviewer's comment on a section.
    await page.getByTestId('comments-toggle-rootCause').click();
    await page.getByLabel('Comment on this section').first().fill('Which service held the connections?');
    await page.locator('[data-section="rootCause"]').getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(page.getByTestId('comments-rootCause')).toContainText('Which service held the connections?');

    // Action items: one with a bad link first (the field says why), then two good ones.
    const form = page.getByRole('form', { name: 'Add an action item' });
    await form.getByLabel('Action').fill('Raise the pool limit and cap retries');
    await form.getByLabel('Link (ticket)').fill('not a url');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(form.getByText('link must be an http(s) URL')).toBeVisible();
    await expect(form.getByLabel('Action')).toHaveValue('Raise the pool limit and cap retries');
    await form.getByLabel('Link (ticket)').fill('https://tracker.example/OPS-101');
    await form.getByLabel('Owner').selectOption({ index: 1 });
    await form.getByLabel('Due').fill(isoDay(14));
    await form.getByRole('button', { name: 'Add' }).click();
    const items = page.getByTestId('action-items');
    await expect(items).toContainText('Raise the pool limit and cap retries');
    await form.getByLabel('Action').fill('Alert on gateway pool saturation');
    await form.getByLabel('Due').fill(isoDay(-2));
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(items.locator('tr', { hasText: 'Alert on gateway pool saturation' })).toContainText('Overdue');
    await items.getByLabel('Status of Raise the pool limit and cap retries').selectOption('in_progress');
    await expect(items.getByLabel('Status of Raise the pool limit and cap retries')).toHaveValue('in_progress');
    // Measuring again (late probe results) keeps everything written.
    await page.getByTestId('remeasure').click();
    await expect(page.getByTestId('remeasure')).toHaveText('Measure again');
    await expect(page.getByRole('textbox', { name: 'Root cause' })).toHaveValue(rootCause);
    await expect(page.getByTestId('impact-table')).toContainText(`pm-${RUN}`);
    await page.evaluate(() => window.scrollTo(0, 0)); // sticky columns are drawn where the page is scrolled to
    await snap(page, 'postmortem-review');

    // Review: submit, then approve as the lead.
    await page.getByTestId('pm-submit').click();
    await expect(page.locator('[data-pm-status]').first()).toHaveText(/In review/);
    // The team lead (a commander) approves from their own browser; the writer's page follows live.
    const lead = { email: `lead-${RUN}@e2e.test`, password: 'lead-password-1' };
    const made = await api.post('/api/v1/users', { headers: adminHeaders(), data: { ...lead, name: 'Lena Lead', role: 'commander' } });
    expect(made.status()).toBe(201);
    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const leadPage = await other.newPage();
    await signIn(leadPage, lead.email, lead.password);
    await expect(leadPage.getByTestId('current-role')).toHaveText('commander');
    await leadPage.goto(reviewUrl);
    await expect(leadPage.locator('[data-pm-status]').first()).toHaveText(/In review/);
    await leadPage.getByTestId('pm-approve').click();
    await expect(leadPage.getByTestId('approved-by')).toContainText(`Approved by ${lead.email}`);
    await other.close();
    await expect(page.locator('[data-pm-status]').first()).toHaveText(/Approved/);
    await expect(page.getByTestId('approved-by')).toContainText(lead.email);
    // Approved: the sections are read, not edited; the text survived.
    await expect(page.getByRole('textbox', { name: 'Root cause' })).toHaveCount(0);
    await expect(page.locator('[data-section="rootCause"]')).toContainText(rootCause);
    await page.reload();
    await expect(page.locator('[data-section="rootCause"]')).toContainText(rootCause);

    // The Markdown export carries what was written.
    const md = await api.get(`${new URL(reviewUrl).pathname.replace('/postmortems/', '/api/v1/postmortems/')}/export.md`, { headers: adminHeaders() });
    expect(md.status()).toBe(200);
    const text = await md.text();
    expect(text).toContain(rootCause);
    expect(text).toContain('Alert on gateway pool saturation');
    expect(text).toContain('No checklists were run.');

    // The print view: paper colours, no navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
    await snap(page, 'postmortem-print');
    await page.emulateMedia({ media: 'screen' });

    // The list shows it approved; the dashboard lists the overdue action item.
    await page.goto('/postmortems');
    await expect(page.locator(`tr:has-text("${title}") [data-pm-status]`)).toHaveText(/Approved/);
    await snap(page, 'postmortems-list');
    await page.getByRole('tab', { name: 'Open action items' }).click();
    await expect(page.getByTestId('open-action-items').locator('tr', { hasText: 'Alert on gateway pool saturation' })).toContainText('Overdue');
    await expect(page.getByTestId('open-action-items')).toContainText('Raise the pool limit and cap retries');
    await page.goto('/');
    await expect(page.getByTestId('overdue-panel')).toContainText('Alert on gateway pool saturation');
    await snap(page, 'dashboard-overdue');

    // Analytics moved: one more P1 this month, two more action items opened.
    await page.goto('/analytics');
    await page.getByRole('radio', { name: '3 months' }).click();
    const byMonth = page.getByTestId('analytics-incidents-by-month');
    await byMonth.getByText('Show numbers').click();
    const row = byMonth.getByTestId('numbers-incidents-by-month').locator('tr', { has: page.getByRole('rowheader', { name: month() }) });
    await expect(row.locator('td').first()).toHaveText(String(p1Before + 1));
    const actions = page.getByTestId('analytics-action-items');
    await actions.getByText('Show numbers').click();
    const arow = actions.getByTestId('numbers-action-items').locator('tr', { has: page.getByRole('rowheader', { name: month() }) });
    await expect(arow.locator('td').first()).toHaveText(String(openedBefore + 2));
    // A CSV of the same numbers.
    const csv = await api.get(`/api/v1/analytics/incidents-by-month.csv?months=3`, { headers: adminHeaders() });
    expect((await csv.text()).split('\r\n')[0]).toBe('Month,P1,P2,P3,Total');
    await expect(page.getByTestId('analytics-response-times')).toContainText('MTTA');
    await snap(page, 'analytics');
  } finally {
    await deleteService(api, service.id);
  }
});
