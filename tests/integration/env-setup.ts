import { randomBytes } from 'node:crypto';

// Secrets the lib modules validate on first use; fixed test values, never used elsewhere.
process.env.AUTH_SECRET ??= 'integration-test-auth-secret-0123456789abcdef';
process.env.ENCRYPTION_KEY ??= '0f'.repeat(32);
process.env.ADMIN_API_KEY ??= `integration-admin-key-${randomBytes(16).toString('hex')}`;
process.env.LOG_LEVEL ??= 'error';
