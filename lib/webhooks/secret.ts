import { decryptHeaders, encryptHeaders } from '@/lib/catalog/crypto';

// Webhook signing secrets are stored like endpoint headers: AES-256-GCM under
// ENCRYPTION_KEY (see lib/catalog/crypto.ts), as a one-entry object.

export function encryptSecret(secret: string, key?: Buffer | string): string {
  return encryptHeaders({ secret }, key);
}

export function decryptSecret(stored: string, key?: Buffer | string): string {
  const v = decryptHeaders(stored, key).secret;
  if (typeof v !== 'string') throw new Error('stored webhook secret has no value');
  return v;
}
