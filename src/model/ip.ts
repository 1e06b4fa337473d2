// IPv4 addresses as unsigned 32-bit numbers: parsing, printing, CIDR blocks
// (with a strict host-bits check), and the public internet address space.

import { Validator } from 'ip-num';
import { IntervalSet } from './intervals.js';

export const IPV4_MAX = 0xffffffff;
export const ALL_IPV4 = IntervalSet.range(0, IPV4_MAX);

export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

export type CidrParse =
  | { ok: true; cidr: Cidr; range: IntervalSet }
  | { ok: false; reason: string };

/**
 * Parses "a.b.c.d/n". Host bits set below the prefix are an error, as the
 * cloud APIs reject them; a bare address is not accepted here.
 */
export function parseCidr(text: string): CidrParse {
  const [addr, len, extra] = text.trim().split('/');
  if (addr === undefined || len === undefined || extra !== undefined || !/^\d{1,2}$/.test(len)) {
    return { ok: false, reason: `"${text}" is not an IPv4 CIDR block (a.b.c.d/n)` };
  }
  const base = parseIpv4(addr);
  const prefix = Number(len);
  if (base === undefined || prefix > 32) {
    return { ok: false, reason: `"${text}" is not an IPv4 CIDR block (a.b.c.d/n)` };
  }
  const [valid] = Validator.isValidIPv4CidrRange(`${formatIpv4(base)}/${prefix}`);
  if (!valid) {
    const mask = prefix === 0 ? 0 : (IPV4_MAX << (32 - prefix)) >>> 0;
    const network = (base & mask) >>> 0;
    return {
      ok: false,
      reason: `"${text}" has host bits set; the network address is ${formatIpv4(network)}/${prefix}`,
    };
  }
  return { ok: true, cidr: { base, prefix }, range: cidrRange(base, prefix) };
}

export function cidrRange(base: number, prefix: number): IntervalSet {
  const size = 2 ** (32 - prefix);
  return IntervalSet.range(base, base + size - 1);
}

export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.base)}/${c.prefix}`;
}

/** Splits an address set into the fewest CIDR blocks that cover it exactly. */
export function toCidrs(set: IntervalSet): Cidr[] {
  const out: Cidr[] = [];
  for (const r of set.ranges) {
    let lo = r.lo;
    while (lo <= r.hi) {
      let prefix = 32;
      while (prefix > 0) {
        const size = 2 ** (32 - (prefix - 1));
        if (lo % size !== 0 || lo + size - 1 > r.hi) break;
        prefix--;
      }
      out.push({ base: lo, prefix });
      lo += 2 ** (32 - prefix);
    }
  }
  return out;
}

/** "a.b.c.d-e.f.g.h" or "a.b.c.d" for one address. */
export function formatIpRange(lo: number, hi: number): string {
  return lo === hi ? formatIpv4(lo) : `${formatIpv4(lo)}-${formatIpv4(hi)}`;
}

function block(text: string): IntervalSet {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.range;
}

/**
 * Address space that is not the public internet: "this network", RFC 1918,
 * shared address space, loopback, link-local, IETF protocol assignments,
 * documentation and benchmarking nets, multicast and reserved space.
 */
export const NON_PUBLIC_IPV4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
].reduce((acc, c) => acc.union(block(c)), IntervalSet.EMPTY);

export const PUBLIC_IPV4 = ALL_IPV4.subtract(NON_PUBLIC_IPV4);
