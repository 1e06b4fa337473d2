// CIDR blocks in Kubernetes policies (ipBlock, ANP networks). IPv6 blocks are
// recognised and left to the caller (they never match IPv4 packets); host bits
// below the prefix are masked with a warning, as Kubernetes itself does.

import { cidrRange, formatIpv4, IPV4_MAX, parseIpv4 } from '../../model/ip.js';
import type { CidrBlock } from './types.js';
import { describe, type ObjectReader } from './reader.js';

export type PolicyCidr = CidrBlock | 'ipv6' | undefined;

/** An IPv4 block, 'ipv6' for an IPv6 block, or undefined after an `invalid-cidr` error. */
export function parsePolicyCidr(r: ObjectReader, value: unknown, pointer: string): PolicyCidr {
  if (typeof value !== 'string') {
    r.report('invalid-cidr', pointer, `expected a CIDR block, found ${describe(value)}`);
    return undefined;
  }
  const text = value.trim();
  const [addr, len, extra] = text.split('/');
  if (addr !== undefined && addr.includes(':') && len !== undefined && extra === undefined && /^\d{1,3}$/.test(len) && Number(len) <= 128) {
    return 'ipv6';
  }
  const base = addr === undefined ? undefined : parseIpv4(addr);
  if (base === undefined || len === undefined || extra !== undefined || !/^\d{1,2}$/.test(len) || Number(len) > 32) {
    r.report('invalid-cidr', pointer, `"${value}" is not a CIDR block (a.b.c.d/n)`);
    return undefined;
  }
  const prefix = Number(len);
  const mask = prefix === 0 ? 0 : (IPV4_MAX << (32 - prefix)) >>> 0;
  const network = (base & mask) >>> 0;
  if (network !== base) {
    r.report('k8s-cidr-host-bits', pointer, `"${value}" has host bits set; ${formatIpv4(network)}/${prefix} is used`);
  }
  return { text: `${formatIpv4(network)}/${prefix}`, range: cidrRange(network, prefix) };
}
