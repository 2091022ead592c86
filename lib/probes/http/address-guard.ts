/**
 * SSRF guard for probes: which addresses a probe may connect to.
 *
 * Loopback and private ranges are allowed on purpose (teams monitor internal services).
 * Refused: link-local and cloud metadata addresses, unless listed in PROBE_ALLOWLIST.
 * Pure functions, no I/O; range maths by ipaddr.js.
 */
import ipaddr from 'ipaddr.js';

type Addr = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Addr, number];

/** Parsed PROBE_ALLOWLIST: address ranges a probe may reach even when they would be blocked. */
export interface Allowlist {
  readonly ranges: readonly Cidr[];
  /** The entries as written, for messages. */
  readonly entries: readonly string[];
}

export const EMPTY_ALLOWLIST: Allowlist = Object.freeze({ ranges: [], entries: [] });

interface BlockedRange {
  cidr: Cidr;
  why: string;
}

const BLOCKED: readonly BlockedRange[] = [
  { cidr: ipaddr.parseCIDR('169.254.0.0/16'), why: 'link-local / cloud metadata' },
  { cidr: ipaddr.parseCIDR('100.100.100.200/32'), why: 'cloud metadata (Alibaba)' },
  { cidr: ipaddr.parseCIDR('fd00:ec2::254/128'), why: 'cloud metadata (AWS IPv6)' },
  { cidr: ipaddr.parseCIDR('fe80::/10'), why: 'IPv6 link-local' },
];

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits and are routed to it. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');
const NAT64_LOCAL = ipaddr.parseCIDR('64:ff9b:1::/48');

function sameKind(a: Addr, range: Cidr): boolean {
  return a.kind() === range[0].kind();
}

function inRange(a: Addr, range: Cidr): boolean {
  return sameKind(a, range) && a.match(range);
}

function embeddedIPv4(a: ipaddr.IPv6): ipaddr.IPv4 {
  const b = a.toByteArray();
  return new ipaddr.IPv4(b.slice(12, 16));
}

/**
 * Every form under which an address may reach a host: the address itself, and for IPv6 the
 * IPv4 address it embeds (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64).
 */
function forms(a: Addr): Addr[] {
  if (a.kind() === 'ipv4') return [a];
  const v6 = a as ipaddr.IPv6;
  const out: Addr[] = [v6];
  if (v6.isIPv4MappedAddress()) out.push(v6.toIPv4Address());
  else {
    const p = v6.parts;
    const compat = p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 && (p[6] !== 0 || p[7] > 1);
    if (compat || v6.match(NAT64) || v6.match(NAT64_LOCAL)) out.push(embeddedIPv4(v6));
  }
  return out;
}

/** Normalise a range: an IPv4-mapped IPv6 range (::ffff:a.b.c.d/≥96) becomes the IPv4 range. */
function normaliseRange(r: Cidr): Cidr {
  const [a, bits] = r;
  if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(a as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return r;
}

function parseIp(ip: string): Addr | null {
  // Zone ids (fe80::1%eth0) are stripped: the zone does not change which range the address is in.
  const bare = ip.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

/**
 * Parse PROBE_ALLOWLIST: comma-separated IPs or CIDRs ("169.254.10.5, 169.254.0.0/16, fe80::/10").
 * Blank entries are ignored. Throws an Error naming the first invalid entry.
 */
export function parseAllowlist(value: string | undefined | null): Allowlist {
  if (!value || !value.trim()) return EMPTY_ALLOWLIST;
  const ranges: Cidr[] = [];
  const entries: string[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    let range: Cidr | null = null;
    // Standard notation only: "1.2.3" or "0xa9fe0001" are valid to inet_aton but are typos in a config.
    if (entry.includes('/')) {
      if (ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) || ipaddr.IPv6.isValidCIDR(entry)) range = ipaddr.parseCIDR(entry);
    } else if (ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(entry)) {
      const a = ipaddr.parse(entry);
      range = [a, a.kind() === 'ipv4' ? 32 : 128];
    }
    if (!range) {
      throw new Error(`PROBE_ALLOWLIST: invalid entry "${entry}" (expected an IP address or a CIDR such as 169.254.0.0/16)`);
    }
    ranges.push(normaliseRange(range));
    entries.push(entry);
  }
  return Object.freeze({ ranges: Object.freeze(ranges), entries: Object.freeze(entries) });
}

function toAllowlist(allowlist: Allowlist | string | undefined | null): Allowlist {
  if (allowlist == null) return EMPTY_ALLOWLIST;
  return typeof allowlist === 'string' ? parseAllowlist(allowlist) : allowlist;
}

/**
 * Why a probe may not connect to `ip`, or null when it may.
 * An address that cannot be parsed is refused (a guard must fail closed).
 */
export function blockedReason(ip: string, allowlist?: Allowlist | string | null): string | null {
  const a = parseIp(ip);
  if (!a) return 'not a valid IP address';
  const list = toAllowlist(allowlist);
  const all = forms(a);
  for (const f of all) {
    for (const r of list.ranges) if (inRange(f, r)) return null;
  }
  for (const f of all) {
    for (const b of BLOCKED) if (inRange(f, b.cidr)) return b.why;
  }
  return null;
}

/** True when a probe must not connect to `ip` (link-local / cloud metadata, not allowlisted). */
export function isBlockedAddress(ip: string, allowlist?: Allowlist | string | null): boolean {
  return blockedReason(ip, allowlist) !== null;
}

/** An address as a person reads it: an IPv6 form that embeds an IPv4 address shows both. */
export function describeAddress(ip: string): string {
  const a = parseIp(ip);
  if (!a) return ip;
  const f = forms(a);
  return f.length > 1 ? `${f[1].toString()} (as ${f[0].toString()})` : f[0].toString();
}

/** The error raised inside the connect path when the guard refuses an address. */
export class BlockedAddressError extends Error {
  readonly code = 'EPROBEBLOCKED';
  constructor(
    readonly address: string,
    readonly host: string,
    readonly reason: string,
  ) {
    const via = host && host !== address ? ` (resolved from ${host})` : '';
    super(`refused to connect to ${describeAddress(address)}${via}: ${reason} address; add it to PROBE_ALLOWLIST to allow`);
    this.name = 'BlockedAddressError';
  }
}
