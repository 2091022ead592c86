import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureSecrets } from './dev-secrets';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-secrets-'));

describe('ensureSecrets', () => {
  it('generates missing secrets once outside production and reuses them', () => {
    const dir = tmp();
    const a: NodeJS.ProcessEnv = { NODE_ENV: 'development' };
    expect(ensureSecrets(a, dir).generated.sort()).toEqual(['AUTH_SECRET', 'ENCRYPTION_KEY']);
    expect(a.ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const b: NodeJS.ProcessEnv = { NODE_ENV: 'development' };
    expect(ensureSecrets(b, dir).generated).toEqual([]);
    expect(b.AUTH_SECRET).toBe(a.AUTH_SECRET);
  });

  it('refuses in production and names what is missing', () => {
    expect(() => ensureSecrets({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) } as NodeJS.ProcessEnv, tmp())).toThrow(/ENCRYPTION_KEY must be set in production/);
  });

  it('leaves given secrets alone', () => {
    const e: NodeJS.ProcessEnv = { NODE_ENV: 'production', NEXTAUTH_SECRET: 'y'.repeat(40), ENCRYPTION_KEY: 'ab'.repeat(32) };
    expect(ensureSecrets(e, tmp())).toEqual({ generated: [], file: null });
  });
});
