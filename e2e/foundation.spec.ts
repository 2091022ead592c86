import { ADMIN, ADMIN_STATE, expect, signIn, snap, test } from './fixtures';

test.describe('signed out', () => {
  test('every page sends an anonymous visitor to sign-in', async ({ page }) => {
    for (const path of ['/', '/services', '/settings/users']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/signin/);
    }
  });

  test('a wrong password is refused with a clear message', async ({ page }) => {
    await signIn(page, ADMIN.email, 'not-the-password');
    await expect(page.getByText('Wrong email or password')).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    await snap(page, 'signin-refused');
  });

  test('the protected API answers 401 without a token and accepts the API key', async ({ request }) => {
    const anon = await request.get('/api/v1/users');
    expect(anon.status()).toBe(401);
    expect((await anon.json()).error).toMatch(/Authentication required/);

    const bad = await request.get('/api/v1/users', { headers: { authorization: 'Bearer odk_not-a-real-token' } });
    expect(bad.status()).toBe(401);

    const ok = await request.get('/api/v1/users', { headers: { authorization: `Bearer ${process.env.ADMIN_API_KEY}` } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).users.map((u: { email: string }) => u.email)).toContain(ADMIN.email);
  });

  test('an invalid body is a 400 that names the field, never a 500', async ({ request }) => {
    const headers = { authorization: `Bearer ${process.env.ADMIN_API_KEY}` };
    const res = await request.post('/api/v1/users', { headers, data: { email: 'not-an-email', name: '', password: 'short' } });
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'name', 'password']);
    const garbage = await request.post('/api/v1/users', { headers: { ...headers, 'content-type': 'application/json' }, data: '{not json' });
    expect(garbage.status()).toBe(400);
  });

  test('the console watches itself', async ({ request }) => {
    expect((await (await request.get('/api/health')).json()).status).toBe('ok');
    expect((await (await request.get('/api/ready')).json()).status).toBe('ready');
    const metrics = await (await request.get('/api/metrics')).text();
    expect(metrics).toContain('process_cpu_seconds_total');
  });
});

test.describe('as the admin', () => {
  test.use({ storageState: ADMIN_STATE });

  test('sees the shell, creates a user who is then refused the admin pages', async ({ page, browser }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Primary' });
    for (const item of ['Dashboard', 'Services', 'Incidents', 'Runbooks', 'Postmortems', 'Settings']) {
      await expect(nav.getByRole('link', { name: item })).toBeVisible();
    }
    await expect(page.getByTestId('current-user')).toHaveText(ADMIN.email);
    await snap(page, 'shell-admin');

    await nav.getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL(/\/settings\/users/);
    const email = `responder-${Date.now()}@e2e.test`;
    const form = page.getByRole('form', { name: 'Add a user' });
    // Bad input first: the form names the fields and keeps what was typed.
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(form.getByText('email must be a valid email address')).toBeVisible();
    await expect(form.getByLabel('Email')).toHaveValue('not-an-email');

    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Name').fill('Rita Responder');
    await form.getByLabel('Initial password').fill('responder-password-1');
    await form.getByLabel('Role').selectOption('responder');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('table', { name: 'Users' }).getByText(email, { exact: true })).toBeVisible();
    await snap(page, 'settings-users');

    await page.goto('/settings/audit');
    await expect(page.getByRole('table', { name: 'Audit log' }).getByText('user.create').first()).toBeVisible();

    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const p2 = await other.newPage();
    await signIn(p2, email, 'responder-password-1');
    await expect(p2.getByTestId('current-role')).toHaveText('responder');
    await p2.goto('/settings/users');
    await expect(p2.getByTestId('forbidden')).toContainText('needs the admin role');
    const api = await p2.request.get('/api/v1/users');
    expect(api.status()).toBe(403);
    await snap(p2, 'forbidden-responder');
    await other.close();
  });

  test('creates a personal API token that works once shown', async ({ page, request }) => {
    await page.goto('/settings/tokens');
    await page.getByLabel('Name').fill('e2e pipeline');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByTestId('new-token').inputValue();
    expect(token).toMatch(/^odk_/);
    const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect((await me.json()).actor.role).toBe('admin');
    await page.reload();
    await expect(page.getByTestId('new-token')).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Your tokens' }).getByText('e2e pipeline')).toBeVisible();
  });
});
