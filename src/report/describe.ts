// Short human text for model values that every report prints: packets,
// expectations and questions (selectors and traffic
// in the words query files use) and source locations.

import { formatIpv4 } from '../model/ip.js';
import { hasIcmp, hasPorts, protocolName, type Packet } from '../model/packet.js';
import type { SourceLocation } from '../model/provenance.js';
import { formatSelector } from '../queries/parse-selector.js';
import type { Expectation, Query, TenantException } from '../queries/query.js';
import { formatTenantKey } from '../queries/tenant-key.js';
import { formatTraffic } from '../queries/traffic.js';

/** `TCP 10.20.3.14:49152 → 10.20.5.21:5432`, `ICMP 10.0.0.1 → 10.0.0.2 type 8 code 0`. */
export function formatPacket(p: Packet): string {
  const proto = protocolName(p.protocol);
  if (hasPorts(p.protocol)) {
    return `${proto} ${formatIpv4(p.srcIp)}:${p.srcPort} → ${formatIpv4(p.dstIp)}:${p.dstPort}`;
  }
  const base = `${proto} ${formatIpv4(p.srcIp)} → ${formatIpv4(p.dstIp)}`;
  return hasIcmp(p.protocol) ? `${base} type ${p.icmpType} code ${p.icmpCode}` : base;
}

/** `isolated`, `reachable`, `only tcp/443; udp/53`, `tenant-isolated by nslabel:tenant`. */
export function formatExpectation(e: Expectation): string {
  if (e.kind === 'tenant-isolated') return `tenant-isolated by ${formatTenantKey(e.tenant)}`;
  if (e.kind !== 'only') return e.kind;
  return e.allowed.length === 0 ? 'only (nothing)' : `only ${e.allowed.map(formatTraffic).join('; ')}`;
}

/**
 * What a query asks, in one line: `tag:tier=web → tag:tier=db (tcp/5432)`;
 * for tenant isolation `among label:tenant (tcp)`.
 */
export function formatQuestion(q: Query): string {
  const traffic = q.traffic === undefined ? '' : ` (${formatTraffic(q.traffic)})`;
  if (q.expect.kind === 'tenant-isolated') return `among ${formatSelector(q.from)}${traffic}`;
  return `${formatSelector(q.from)} → ${formatSelector(q.to)}${traffic}`;
}

/** A tenant-isolation exception: `any → namespace:kube-system (udp/53)`. */
export function formatException(x: TenantException): string {
  const traffic = x.traffic === undefined ? '' : ` (${formatTraffic(x.traffic)})`;
  const side = (s: TenantException['from']): string => (s === undefined ? 'any' : formatSelector(s));
  return `${side(x.from)} → ${side(x.to)}${traffic}`;
}

/** `file:line`, else `file#pointer`, else `file`: where a person opens an editor. */
export function formatWhere(loc: SourceLocation): string {
  if (loc.line !== undefined) return `${loc.file}:${loc.line}`;
  if (loc.pointer !== undefined) return `${loc.file}#${loc.pointer}`;
  return loc.file;
}

/** A count with a noun: `1 endpoint`, `3 endpoints`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
