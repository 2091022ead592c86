import { describe, expect, it } from 'vitest';
import { bearerFrom, generateToken, hashToken, safeEqual, TOKEN_PREFIX } from './tokens';

describe('tokens', () => {
  it('generates distinct prefixed tokens whose hash is stable', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(a.token).not.toBe(b.token);
    expect(hashToken(a.token)).toBe(a.hash);
    expect(a.token.startsWith(a.prefix)).toBe(true);
    expect(a.hash).not.toContain(a.token);
  });
  it('reads bearer headers strictly', () => {
    expect(bearerFrom('Bearer abc')).toBe('abc');
    expect(bearerFrom('bearer abc ')).toBe('abc');
    expect(bearerFrom('Basic abc')).toBeNull();
    expect(bearerFrom('Bearer a b')).toBeNull();
    expect(bearerFrom(null)).toBeNull();
  });
  it('compares secrets in constant time and correctly', () => {
    expect(safeEqual('x'.repeat(40), 'x'.repeat(40))).toBe(true);
    expect(safeEqual('x'.repeat(40), 'x'.repeat(39))).toBe(false);
    expect(safeEqual('a', 'b')).toBe(false);
  });
});
