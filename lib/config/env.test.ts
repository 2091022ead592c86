import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env';

const good = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/opsdeck',
  AUTH_SECRET: 'a'.repeat(32),
  ENCRYPTION_KEY: 'ab'.repeat(32),
};

describe('parseEnv', () => {
  it('accepts a minimal valid environment and applies defaults', () => {
    const e = parseEnv(good);
    expect(e.PORT).toBe(3000);
    expect(e.POLLER_ENABLED).toBe(true);
    expect(e.RAW_RETENTION_DAYS).toBe(14);
    expect(e.ADMIN_API_KEY).toBeUndefined();
  });

  it('names the missing variable', () => {
    expect(() => parseEnv({ ...good, DATABASE_URL: undefined })).toThrow(/DATABASE_URL is required/);
    expect(() => parseEnv({ ...good, AUTH_SECRET: undefined })).toThrow(/AUTH_SECRET is required/);
  });

  it('names every invalid variable at once', () => {
    try {
      parseEnv({ ...good, ENCRYPTION_KEY: 'short', PORT: 'abc', ADMIN_EMAIL: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      expect(msg).toMatch(/ENCRYPTION_KEY/);
      expect(msg).toMatch(/PORT/);
      expect(msg).toMatch(/ADMIN_EMAIL/);
    }
  });

  it('accepts NEXTAUTH_SECRET as the auth secret', () => {
    const e = parseEnv({ ...good, AUTH_SECRET: undefined, NEXTAUTH_SECRET: 'b'.repeat(40) });
    expect(e.AUTH_SECRET).toBe('b'.repeat(40));
  });

  it('treats empty optional values as unset', () => {
    const e = parseEnv({ ...good, ADMIN_API_KEY: '', ADMIN_EMAIL: ' ' });
    expect(e.ADMIN_API_KEY).toBeUndefined();
    expect(e.ADMIN_EMAIL).toBeUndefined();
  });

  it('refuses a short API key', () => {
    expect(() => parseEnv({ ...good, ADMIN_API_KEY: 'tooshort' })).toThrow(/ADMIN_API_KEY must be at least 32/);
  });
});
