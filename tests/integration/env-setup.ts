// Secrets the lib modules validate on first use; fixed test values, never used elsewhere.
process.env.AUTH_SECRET ??= 'integration-test-auth-secret-0123456789abcdef';
process.env.ENCRYPTION_KEY ??= '0f'.repeat(32);
process.env.LOG_LEVEL ??= 'error';
