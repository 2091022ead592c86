import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { resetEnvCache } from '@/lib/config/env';
import { decryptHeaders, encryptHeaders, HeaderDecryptError } from './crypto';

const KEY = 'ab'.repeat(32);
const OTHER = 'cd'.repeat(32);
const headers = { 'X-Api-Key': 's3cr3t-value', Authorization: 'Bearer xyz', 'X-Ünïcode': 'välue ✓' };

describe('header encryption', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  it('round-trips a header object', () => {
    const stored = encryptHeaders(headers, KEY);
    expect(decryptHeaders(stored, KEY)).toEqual(headers);
  });

  it('writes v1:<iv>:<tag>:<ciphertext> with a 12-byte IV and a 16-byte tag, and no plaintext', () => {
    const stored = encryptHeaders(headers, KEY);
    const [v, iv, tag, data] = stored.split(':');
    expect(v).toBe('v1');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(data.length).toBeGreaterThan(0);
    expect(stored).not.toContain('s3cr3t');
    expect(stored).not.toContain('X-Api-Key');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptHeaders(headers, KEY)).not.toBe(encryptHeaders(headers, KEY));
  });

  it('accepts the key as 32 raw bytes too', () => {
    const raw = randomBytes(32);
    expect(decryptHeaders(encryptHeaders({ a: 'b' }, raw), raw)).toEqual({ a: 'b' });
    expect(decryptHeaders(encryptHeaders({ a: 'b' }, raw), raw.toString('hex'))).toEqual({ a: 'b' });
  });

  it('refuses a wrong key with a clear error that reveals nothing', () => {
    const stored = encryptHeaders(headers, KEY);
    expect(() => decryptHeaders(stored, OTHER)).toThrow(HeaderDecryptError);
    expect(() => decryptHeaders(stored, OTHER)).toThrow(/ENCRYPTION_KEY is not the key they were stored with, or the data was altered/);
    try {
      decryptHeaders(stored, OTHER);
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cr3t');
    }
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const [v, iv, tag, data] = encryptHeaders(headers, KEY).split(':');
    const flip = (b64: string) => {
      const b = Buffer.from(b64, 'base64');
      b[0] ^= 1;
      return b.toString('base64');
    };
    for (const bad of [[v, iv, tag, flip(data)], [v, iv, flip(tag), data], [v, flip(iv), tag, data]]) {
      expect(() => decryptHeaders(bad.join(':'), KEY)).toThrow(HeaderDecryptError);
    }
  });

  it('rejects an unknown format or damaged parts', () => {
    expect(() => decryptHeaders('plain text', KEY)).toThrow(/format/);
    expect(() => decryptHeaders('v2:a:b:c', KEY)).toThrow(/format/);
    expect(() => decryptHeaders('v1:AAAA:AAAA:AAAA', KEY)).toThrow(/damaged/);
  });

  it('uses ENCRYPTION_KEY from the environment by default', () => {
    vi.stubEnv('DATABASE_URL', 'postgresql://x@127.0.0.1/x');
    vi.stubEnv('AUTH_SECRET', 'a'.repeat(32));
    vi.stubEnv('ENCRYPTION_KEY', KEY);
    resetEnvCache();
    const stored = encryptHeaders({ k: 'v' });
    expect(decryptHeaders(stored, KEY)).toEqual({ k: 'v' });
    vi.stubEnv('ENCRYPTION_KEY', OTHER);
    resetEnvCache();
    expect(() => decryptHeaders(stored)).toThrow(HeaderDecryptError);
  });

  it('refuses a key of the wrong size', () => {
    expect(() => encryptHeaders({}, 'abc')).toThrow(/64 hex/);
    expect(() => encryptHeaders({}, randomBytes(16))).toThrow(/32 bytes/);
  });
});
