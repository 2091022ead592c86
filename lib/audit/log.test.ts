import { describe, expect, it } from 'vitest';
import { redact } from './log';

describe('redact', () => {
  it('masks secrets at any depth and keeps the rest', () => {
    const out = redact({
      name: 'api',
      passwordHash: '$argon2id$…',
      endpoints: [{ url: 'http://x', headers: { 'x-api-key': 'k' } }],
      nested: { token: 'odk_abc', at: new Date('2026-01-01T00:00:00Z'), n: 10n },
    });
    expect(out).toEqual({
      name: 'api',
      passwordHash: '[redacted]',
      endpoints: [{ url: 'http://x', headers: '[redacted]' }],
      nested: { token: '[redacted]', at: '2026-01-01T00:00:00.000Z', n: '10' },
    });
  });
  it('keeps null secrets visible as null (nothing to hide)', () => {
    expect(redact({ token: null })).toEqual({ token: null });
  });
});
