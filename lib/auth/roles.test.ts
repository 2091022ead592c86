import { describe, expect, it } from 'vitest';
import { hasRole, ROLES } from './roles';

describe('hasRole', () => {
  it('orders roles viewer < responder < commander < admin', () => {
    expect(hasRole('admin', 'viewer')).toBe(true);
    expect(hasRole('commander', 'responder')).toBe(true);
    expect(hasRole('responder', 'commander')).toBe(false);
    expect(hasRole('viewer', 'responder')).toBe(false);
    for (const r of ROLES) expect(hasRole(r, r)).toBe(true);
  });
});
