import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { env } from '@/lib/config/env';

// Endpoint header values (API keys of the monitored services) are kept
// encrypted at rest with AES-256-GCM under ENCRYPTION_KEY. The stored form is
// `v1:<iv>:<auth tag>:<ciphertext>` (base64 each) of the JSON object, so the
// format can change later without guessing. GCM's tag makes tampering and a
// wrong key detectable rather than producing garbage.

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class HeaderDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeaderDecryptError';
  }
}

function keyFromHex(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('ENCRYPTION_KEY must be 64 hex characters (32 bytes)');
  return Buffer.from(hex, 'hex');
}

function resolveKey(key?: Buffer | string): Buffer {
  if (Buffer.isBuffer(key)) {
    if (key.length !== 32) throw new Error('the header encryption key must be 32 bytes');
    return key;
  }
  return keyFromHex(key ?? env().ENCRYPTION_KEY);
}

/** Encrypts a header object (name → value). `key` defaults to ENCRYPTION_KEY; tests pass their own. */
export function encryptHeaders(headers: Record<string, string>, key?: Buffer | string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', resolveKey(key), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(headers), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}

/**
 * The header object back. Throws HeaderDecryptError, naming the likely cause but
 * never any content, when the format is unknown, the key is wrong, or the data was changed.
 */
export function decryptHeaders(stored: string, key?: Buffer | string): Record<string, string> {
  const parts = typeof stored === 'string' ? stored.split(':') : [];
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new HeaderDecryptError('stored header values are not in the v1:<iv>:<tag>:<ciphertext> format');
  }
  const [, ivB64, tagB64, dataB64] = parts;
  const iv = Buffer.from(ivB64, 'base64');
  const tag = Buffer.from(tagB64, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new HeaderDecryptError('stored header values are damaged (bad IV or authentication tag length)');
  }
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', resolveKey(key), iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(Buffer.from(dataB64, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new HeaderDecryptError(
      'stored header values cannot be decrypted: ENCRYPTION_KEY is not the key they were stored with, or the data was altered',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain);
  } catch {
    throw new HeaderDecryptError('stored header values decrypted to something that is not a JSON object');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw new HeaderDecryptError('stored header values decrypted to something that is not a name → value object');
  }
  return parsed as Record<string, string>;
}
