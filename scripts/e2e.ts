/**
 * `npm run test:e2e`: Playwright against the production build in Debian's
 * Chromium, on a fresh database created here and dropped afterwards.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does this).`);
  process.exit(1);
}

const server = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
// Tests create and drop databases: never against anything but this machine.
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(server.hostname)) {
  console.error(`Refusing to run e2e tests against a non-local database server (${server.hostname}).`);
  process.exit(1);
}
const dbName = `opsdeck_e2e_${Date.now()}_${randomBytes(3).toString('hex')}`;
const admin = new URL(server);
admin.pathname = '/postgres';
const testUrl = new URL(server);
testUrl.pathname = `/${dbName}`;

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function main() {
  await withAdmin((c) => c.query(`CREATE DATABASE "${dbName}"`));
  let status = 1;
  try {
    const env = {
      ...process.env,
      DATABASE_URL: testUrl.toString(),
      E2E_PORT: process.env.E2E_PORT ?? '3100',
      ADMIN_EMAIL: 'admin@e2e.test',
      ADMIN_PASSWORD: 'e2e-admin-password-1',
      ADMIN_API_KEY: randomBytes(24).toString('hex'),
      AUTH_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      CHROMIUM_PATH: CHROMIUM,
      OPSDECK_DATA_DIR: 'data/e2e',
    };
    const r = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit', env });
    status = r.status ?? 1;
  } finally {
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch((e) => console.error('could not drop', dbName, e.message));
  }
  process.exit(status);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
