import { startFakeTarget, type FakeTarget } from '../tests/fake-targets/server';
import { ADMIN_STATE, expect, signIn, snap, test } from './fixtures';
import { adminHeaders, createService, deleteService, expectNoReload, markDocument, recordDeploy } from './helpers/api';

// The rollback runbook run as on-call would run it: a fake target's release
// broke its readiness; an incident is declared on it; the rollback checklist is
// started from the incident, the app-only branch taken with a reason; the
// target recovers and the readiness verification ticks itself from the probe
// result; every step is on the incident's timeline.

test.use({ storageState: ADMIN_STATE });

const RUN = Date.now().toString(36);
let target: FakeTarget;

test.beforeAll(async () => {
  target = await startFakeTarget({ modes: { '/ready': 'down' } });
});

test.afterAll(async () => {
  await target?.close();
});

test('rollback in an incident: app-only branch, readiness verifies itself when the target recovers, all on the timeline', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const service = await createService(page.request, {
    name: `rb-${RUN}`,
    environment: 'e2e',
    endpoints: [
      { kind: 'readiness', url: `${target.url}/ready`, intervalSeconds: 5, timeoutMs: 1000 },
      { kind: 'health', url: `${target.url}/health`, intervalSeconds: 5, timeoutMs: 1000 },
    ],
  });
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    await recordDeploy(page.request, { service: service.name, environment: 'e2e', version: '4.2.0', description: 'release 4.2' });
    const endpointStatus = async (kind: string) => {
      const r = await page.request.get(`/api/v1/services/${service.id}`, { headers: adminHeaders() });
      const body = await r.json();
      return (body.service.endpoints as { kind: string; status: string }[]).find((e) => e.kind === kind)?.status;
    };
    await expect.poll(() => endpointStatus('readiness'), { timeout: 40_000 }).toBe('down');
    await expect.poll(() => endpointStatus('health'), { timeout: 20_000 }).toBe('up');

    const declared = await page.request.post('/api/v1/incidents', { headers: adminHeaders(), data: { title: `Release 4.2 broke readiness ${RUN}`, severity: 'P2', serviceIds: [service.id] } });
    expect(declared.status(), await declared.text()).toBe(201);
    const incident = (await declared.json()).incident as { id: string };

    // The incident suggests the rollback (a deploy, and readiness is among what it checks).
    await page.goto(`/incidents/${incident.id}`);
    const panel = page.getByTestId('checklists-panel');
    await expect(panel.getByTestId('start-runbook-rollback')).toBeVisible();
    await expect(panel).toContainText('recent deploy');
    await snap(page, 'runbooks-incident-panel');
    await panel.getByTestId('start-runbook-rollback').click();
    await expect(page).toHaveURL(/\/checklists\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Roll back a bad release');
    await expect(page.getByTestId('bound-service')).toContainText(service.name);

    // Guardrails are shown at the top and on the steps they concern.
    await expect(page.getByTestId('guardrails').first()).toContainText('Do not rebuild from the main branch');
    await expect(page.getByTestId('run-step-db-compat').getByTestId('guardrails')).toContainText('Do not roll the application back past a schema version');

    // Health holds already: it ticked itself. Readiness waits for the decision.
    await expect(page.getByTestId('run-step-health-up')).toHaveAttribute('data-state', 'verified');
    await expect(page.getByTestId('run-step-health-up').getByTestId('evidence')).toContainText('health up: up, HTTP 200');
    const ready = page.getByTestId('run-step-readiness-up');
    await expect(ready).toHaveAttribute('data-state', 'waiting');
    await expect(ready.getByTestId('step-reason')).toContainText('Waits for the decision “How far does the rollback go?”');

    // A manual step, a command step (shown to copy, never run), a skip that needs a reason.
    const freeze = page.getByTestId('run-step-freeze');
    await freeze.getByRole('button', { name: '✔ Done' }).click();
    await expect(freeze).toHaveAttribute('data-state', 'done');

    // A second person works the same checklist from another browser: both ticks are kept, and
    // each sees the other's within 5 s, without reloading.
    const mate = { email: `mate-${RUN}@e2e.test`, password: 'mate-password-123' };
    const user = await page.request.post('/api/v1/users', { headers: adminHeaders(), data: { ...mate, name: 'Mo Mate', role: 'responder' } });
    expect(user.status(), await user.text()).toBe(201);
    const p2 = await other.newPage();
    await signIn(p2, mate.email, mate.password);
    await expect(p2.getByTestId('current-role')).toHaveText('responder');
    await p2.goto(page.url());
    await markDocument(page);
    await markDocument(p2);
    await Promise.all([
      page.getByTestId('run-step-what-changed').getByRole('button', { name: '✔ Done' }).click(),
      p2.getByTestId('run-step-db-compat').getByRole('button', { name: '✔ Done' }).click(),
    ]);
    await expect(page.getByTestId('run-step-db-compat')).toHaveAttribute('data-state', 'done', { timeout: 5_000 });
    await expect(page.getByTestId('run-step-db-compat').getByTestId('step-who')).toContainText(mate.email);
    await expect(p2.getByTestId('run-step-what-changed')).toHaveAttribute('data-state', 'done', { timeout: 5_000 });
    await expect(p2.getByTestId('run-step-what-changed').getByTestId('step-who')).toContainText('admin@e2e.test');
    // Overriding a verification is for commanders: the responder is not offered it.
    await expect(p2.getByRole('button', { name: 'Override…' })).toHaveCount(0);
    await expectNoReload(page);
    await expectNoReload(p2);

    const gate = page.getByTestId('run-step-rollback-gate');
    await expect(gate.getByTestId('command')).toContainText('./scripts/rollback_check.sh --mode deploy');
    await expect(gate.getByRole('button', { name: 'Copy command' })).toBeVisible();
    await gate.getByRole('button', { name: 'Skip…' }).click();
    await gate.getByRole('button', { name: 'Skip the step' }).click();
    await expect(gate.getByRole('alert')).toContainText('Say why the step is skipped');
    await gate.getByLabel('Why skip it? (required)').fill('Gate script not installed on this host; checked by hand');
    await gate.getByRole('button', { name: 'Skip the step' }).click();
    await expect(gate).toHaveAttribute('data-state', 'skipped');
    await expect(gate.getByTestId('step-who')).toContainText('checked by hand');

    // The decision: app only, with the reason.
    const scope = page.getByTestId('run-step-scope');
    await scope.getByRole('radio', { name: /^App only/ }).check();
    await scope.getByLabel('Why this branch').fill('Release 4.2 ran no migrations; the old version reads the schema');
    await scope.getByRole('button', { name: 'Take this branch' }).click();
    await expect(scope.getByTestId('branch-taken')).toContainText('Took App only — Release 4.2 ran no migrations');
    for (const key of ['component-rollback', 'verify-backup', 'db-restore', 'migration-at-head']) {
      await expect(page.getByTestId(`run-step-${key}`)).toHaveAttribute('data-state', 'not_applicable');
    }
    await expect(page.getByTestId('run-step-component-rollback').getByTestId('step-reason')).toContainText('took App only (this step is for Component only)');
    await expect(page.getByTestId('run-step-app-rollback')).toHaveAttribute('data-state', 'pending');

    // Readiness now applies but fails: it cannot be marked verified.
    await expect(ready).toHaveAttribute('data-state', 'pending');
    await expect(ready.getByTestId('live-outcome')).toHaveAttribute('data-outcome', 'fails');
    await expect(ready.getByTestId('live-outcome')).toContainText('readiness is down');
    await expect(ready.getByRole('button', { name: '✔ Mark verified' })).toBeDisabled();
    await page.getByTestId('run-step-app-rollback').getByRole('button', { name: '✔ Done' }).click();
    await expect(page.getByTestId('run-step-app-rollback')).toHaveAttribute('data-state', 'done');
    await snap(page, 'runbooks-run-waiting');

    // The release is rolled back: the target recovers, and the step ticks itself on the open page.
    await markDocument(page);
    target.setMode('/ready', 'up');
    await expect(ready).toHaveAttribute('data-state', 'verified', { timeout: 40_000 });
    await expect(ready.getByTestId('evidence')).toContainText('readiness up: up, HTTP 200');
    await expectNoReload(page);
    await snap(page, 'runbooks-run-verified');

    // All of it is on the incident's timeline, and the panel shows the progress.
    await page.goto(`/incidents/${incident.id}`);
    const timeline = page.getByTestId('timeline');
    await timeline.getByRole('combobox').selectOption({ label: 'Checklists' });
    const events = timeline.locator('[data-event-type="checklist"]');
    await expect(events.first()).toContainText(`Started checklist “Roll back a bad release”`);
    await expect(timeline).toContainText('“Stop further promotions to this environment” done');
    await expect(timeline).toContainText('“Run the rollback gate” skipped — Gate script not installed');
    await expect(timeline).toContainText('“How far does the rollback go?”: App only — Release 4.2 ran no migrations');
    await expect(timeline).toContainText('“Readiness answers up again” verified automatically [readiness up: up, HTTP 200');
    await expect(timeline.locator('[data-event-type="note"]')).toHaveCount(0);
    await expect(page.getByTestId('checklists-panel').getByTestId('incident-run')).toContainText('Roll back a bad release');
    await expect(page.getByTestId('checklists-panel').getByRole('progressbar')).toHaveAttribute('aria-valuetext', /of 10 steps/);
    await expect(timeline).toContainText('“Check that the old code can read the current schema” done');
    await snap(page, 'runbooks-incident-timeline');

    // The run is listed with the other checklists in progress.
    await page.goto('/checklists');
    await expect(page.getByTestId('checklists-table')).toContainText('Roll back a bad release');
    await expect(page.getByTestId('checklists-table')).toContainText(`Release 4.2 broke readiness ${RUN}`);
    await page.goto('/runbooks/rollback');
    await expect(page.getByTestId('recent-runs')).toContainText(`Release 4.2 broke readiness ${RUN}`);
  } finally {
    await other.close();
    await deleteService(page.request, service.id);
  }
});

test('author a runbook: per-field errors, keyboard reorder, preview, versions; import refuses a bad file with its line', async ({ page }) => {
  const slug = `e2e-drain-${RUN}`;
  await page.goto('/runbooks');
  await expect(page.getByTestId('runbook-row-rollback')).toBeVisible();
  await page.getByLabel('Search runbooks').fill('no-such-runbook-anywhere');
  await expect(page.getByTestId('runbooks-table')).toContainText('No runbook matches');
  await page.getByLabel('Search runbooks').fill('');
  await snap(page, 'runbooks-list');

  await page.getByRole('link', { name: 'New runbook' }).click();
  await expect(page).toHaveURL(/\/runbooks\/new$/);
  const ed = page.getByTestId('runbook-editor');
  await page.locator('#slug').fill(slug);
  await page.locator('#title').fill('Drain a node');
  await page.locator('#guardrails').fill('Do not drain two nodes at once.');
  // Saving with an empty step title: the error sits on that field, which gets the focus.
  await ed.getByTestId('save-runbook').click();
  await expect(page.locator('[id="steps.0.title-err"]')).toHaveText('Step title is required');
  await expect(page.locator('[id="steps.0.title"]')).toBeFocused();
  await page.locator('[id="steps.0.title"]').fill('Wait for the pods to move');
  await page.locator('[id="steps.0.key"]').fill('wait');

  await ed.getByRole('button', { name: '+ Command step' }).click();
  await page.locator('[id="steps.1.key"]').fill('cordon');
  await page.locator('[id="steps.1.title"]').fill('Cordon the node');
  await page.locator('[id="steps.1.command"]').fill('kubectl cordon "$NODE"');
  await page.locator('[id="steps.1.guardrails"]').fill('Do not cordon the last schedulable node.');
  // Reorder with the keyboard: the command goes first and keeps the focus.
  await ed.getByRole('button', { name: 'Move step 2 up' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[id="steps.0.key"]')).toHaveValue('cordon');
  await expect(ed.getByRole('button', { name: 'Move step 1 down' })).toBeFocused();
  await expect(ed.getByRole('status').first()).toHaveText('✔ Valid runbook');
  await snap(page, 'runbooks-editor');

  await ed.getByTestId('preview-tab').click();
  const preview = ed.getByTestId('preview');
  await expect(preview.getByTestId('doc-step-cordon')).toContainText('kubectl cordon "$NODE"');
  await expect(preview.getByTestId('doc-step-cordon').getByTestId('guardrails')).toContainText('Do not cordon the last schedulable node.');
  await expect(preview.locator('li[data-testid^="doc-step-"]').first()).toHaveAttribute('data-testid', 'doc-step-cordon');
  await snap(page, 'runbooks-editor-preview');
  await ed.getByTestId('save-runbook').click();

  await expect(page).toHaveURL(new RegExp(`/runbooks/${slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Drain a node');
  await expect(page.getByTestId('versions')).toContainText('v1 (current)');
  await expect(page.getByRole('link', { name: 'Export YAML' })).toHaveAttribute('href', `/api/v1/runbooks/${slug}/export?format=yaml&version=1`);

  // Edit: a new version; the old one stays readable.
  await page.getByTestId('edit-runbook').click();
  await expect(page.locator('#slug')).toHaveAttribute('readonly', '');
  await page.locator('#title').fill('Drain a node safely');
  await page.getByTestId('save-runbook').click();
  await expect(page).toHaveURL(new RegExp(`/runbooks/${slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Drain a node safely');
  await expect(page.getByTestId('versions')).toContainText('v2 (current)');
  await page.getByTestId('versions').getByRole('link', { name: 'v1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are reading version 1' })).toBeVisible();
  await page.goto('/runbooks/rollback');
  await expect(page.getByTestId('doc-step-scope')).toContainText('App only');
  await snap(page, 'runbooks-page');

  // Import: a bad file is refused with the line and the reason; the fixed one is created.
  await page.goto('/runbooks/import');
  const bad = `slug: e2e-import-${RUN}\ntitle: Imported\nsteps:\n  - key: a\n    type: verify\n    title: Readiness up\n    verify: { kind: readiness, condition: sideways }\n`;
  await page.getByLabel('YAML, or Markdown with YAML front matter').fill(bad);
  await page.getByTestId('import-submit').click();
  const issues = page.getByTestId('import-issues');
  await expect(issues).toContainText('line 7');
  await expect(issues).toContainText('condition must be one of up, not_down, at_head');
  await snap(page, 'runbooks-import-refused');
  await page.getByLabel('YAML, or Markdown with YAML front matter').fill(bad.replace('sideways', 'up'));
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-result')).toContainText('Created Imported');
});
