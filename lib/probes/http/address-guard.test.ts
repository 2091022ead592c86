import { describe, expect, it } from 'vitest';
import { BlockedAddressError, blockedReason, describeAddress, isBlockedAddress, parseAllowlist } from './address-guard';

describe('isBlockedAddress', () => {
  it.each([
    '169.254.169.254', // AWS / GCP / Azure metadata
    '169.254.0.1',
    '169.254.255.255',
    '100.100.100.200', // Alibaba metadata
    'fd00:ec2::254', // AWS IPv6 metadata
    'fe80::1',
    'febf:ffff::1', // still inside fe80::/10
    'FE80::abcd',
  ])('blocks %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });

  it.each([
    '127.0.0.1',
    '::1',
    '10.0.0.5',
    '172.16.3.4',
    '192.168.1.10',
    '100.64.0.1', // carrier-grade NAT, not metadata
    '100.100.100.201',
    '169.253.255.255',
    '169.255.0.0',
    '8.8.8.8',
    'fd00:ec2::253',
    'fd12:3456::1', // unique local: private, allowed
    'fec0::1', // just past fe80::/10
    '2001:db8::1',
    '0.0.0.0',
  ])('allows %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(false);
  });

  it('sees through IPv4-mapped, IPv4-compatible and NAT64 IPv6 forms', () => {
    expect(isBlockedAddress('::ffff:169.254.169.254')).toBe(true);
    expect(isBlockedAddress('::ffff:a9fe:a9fe')).toBe(true);
    expect(isBlockedAddress('0:0:0:0:0:ffff:a9fe:a9fe')).toBe(true);
    expect(isBlockedAddress('::ffff:100.100.100.200')).toBe(true);
    expect(isBlockedAddress('::169.254.169.254')).toBe(true);
    expect(isBlockedAddress('64:ff9b::169.254.169.254')).toBe(true);
    expect(isBlockedAddress('::ffff:127.0.0.1')).toBe(false);
    expect(isBlockedAddress('64:ff9b::8.8.8.8')).toBe(false);
  });

  it('accepts brackets and zone ids', () => {
    expect(isBlockedAddress('[fe80::1]')).toBe(true);
    expect(isBlockedAddress('fe80::1%eth0')).toBe(true);
    expect(isBlockedAddress('[::1]')).toBe(false);
  });

  it('fails closed on something that is not an IP address', () => {
    expect(isBlockedAddress('metadata.google.internal')).toBe(true);
    expect(isBlockedAddress('')).toBe(true);
    expect(blockedReason('999.1.1.1')).toBe('not a valid IP address');
  });

  it('says why', () => {
    expect(blockedReason('169.254.169.254')).toMatch(/link-local/);
    expect(blockedReason('100.100.100.200')).toMatch(/Alibaba/);
    expect(blockedReason('fd00:ec2::254')).toMatch(/metadata/);
    expect(blockedReason('fe80::1')).toMatch(/link-local/);
    expect(blockedReason('127.0.0.1')).toBeNull();
  });
});

describe('allowlist', () => {
  it('lets an allowlisted single address through, and only that one', () => {
    const allow = parseAllowlist('169.254.10.5');
    expect(isBlockedAddress('169.254.10.5', allow)).toBe(false);
    expect(isBlockedAddress('169.254.10.6', allow)).toBe(true);
    expect(isBlockedAddress('169.254.169.254', allow)).toBe(true);
  });

  it('takes CIDRs, IPv6, spaces and blank entries; a string works as well as a parsed list', () => {
    const raw = ' 169.254.0.0/16 , , fe80::/64,100.100.100.200 ';
    const allow = parseAllowlist(raw);
    expect(allow.entries).toEqual(['169.254.0.0/16', 'fe80::/64', '100.100.100.200']);
    for (const list of [allow, raw]) {
      expect(isBlockedAddress('169.254.169.254', list)).toBe(false);
      expect(isBlockedAddress('fe80::1', list)).toBe(false);
      expect(isBlockedAddress('fe80:0:0:1::1', list)).toBe(true); // outside fe80::/64
      expect(isBlockedAddress('100.100.100.200', list)).toBe(false);
      expect(isBlockedAddress('fd00:ec2::254', list)).toBe(true);
    }
  });

  it('applies an IPv4 entry to the IPv4-mapped form and vice versa', () => {
    expect(isBlockedAddress('::ffff:169.254.169.254', '169.254.169.254')).toBe(false);
    expect(isBlockedAddress('169.254.169.254', '::ffff:169.254.0.0/112')).toBe(false);
    expect(isBlockedAddress('169.254.169.254', '::ffff:169.254.169.254')).toBe(false);
    expect(isBlockedAddress('169.254.1.1', '::ffff:169.254.169.254')).toBe(true);
  });

  it('empty or missing allowlist allows nothing extra', () => {
    for (const v of [undefined, null, '', '  ', ',']) {
      expect(parseAllowlist(v).ranges).toHaveLength(0);
      expect(isBlockedAddress('169.254.169.254', v)).toBe(true);
    }
  });

  it.each(['10.0.0.0/33', 'not-an-ip', '169.254.0.0/', '1.2.3', '0xa9fe0001', '10.0.0.1/8/1', 'fe80::/129', 'localhost'])('rejects %s, naming the entry', (bad) => {
    expect(() => parseAllowlist(`127.0.0.1, ${bad}`)).toThrow(new RegExp(`"${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`));
  });
});

describe('BlockedAddressError', () => {
  it('names the address and the host it came from', () => {
    const e = new BlockedAddressError('169.254.169.254', 'metadata.test', 'link-local / cloud metadata');
    expect(e.code).toBe('EPROBEBLOCKED');
    expect(e.message).toBe(
      'refused to connect to 169.254.169.254 (resolved from metadata.test): link-local / cloud metadata address; add it to PROBE_ALLOWLIST to allow',
    );
  });

  it('shows the IPv4 address inside a mapped IPv6 address', () => {
    expect(describeAddress('::ffff:a9fe:a9fe')).toBe('169.254.169.254 (as ::ffff:a9fe:a9fe)');
    expect(describeAddress('fe80::1')).toBe('fe80::1');
  });
});
