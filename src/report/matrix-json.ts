// The connectivity matrix for `--format json` (schemaVersion 1): the level,
// the networks, and every listed pair with its parties, the allowed
// connections and the reply-blocked TCP part, each as text and as cubes
// (protocols × ports or ICMP type/code). Entries are sorted for stable output.

import { formatConnSet } from '../analysis/connset-format.js';
import { ICMP_PROTOCOL, PORT_PROTOCOLS, type ConnSet } from '../analysis/connset.js';
import type { Matrix, MatrixParty } from '../analysis/matrix.js';
import type { IntervalSet } from '../model/intervals.js';
import { formatCidr, toCidrs } from '../model/ip.js';
import { assumptionJson, envelope, numberSetJson, protocolsJson, stringifyJson, type Json } from './json-values.js';
import { formatMatrixParty } from './matrix-text.js';

function addressesJson(set: IntervalSet): Json {
  return toCidrs(set).map(formatCidr);
}

function partyJson(p: MatrixParty, internet: IntervalSet): Json {
  if (p.kind === 'external') return { kind: 'external', allInternet: p.addresses.equals(internet), addresses: addressesJson(p.addresses) };
  return { kind: 'endpoint', id: p.id, name: p.name, display: p.display, network: p.network, whole: p.whole, addresses: addressesJson(p.addresses) };
}

/** `{ text, cubes: [{ protocols, srcPorts, dstPorts } | { protocols, icmpTypes, icmpCodes } | { protocols }] }`. */
export function connSetJson(set: ConnSet): Json {
  const cubes: Json[] = [];
  for (const [protocols, a, b] of set.cubes()) {
    const ported = protocols.intersect(PORT_PROTOCOLS);
    if (!ported.isEmpty()) cubes.push({ protocols: protocolsJson(ported), srcPorts: numberSetJson(a), dstPorts: numberSetJson(b) });
    if (protocols.overlaps(ICMP_PROTOCOL)) cubes.push({ protocols: ['ICMP'], icmpTypes: numberSetJson(a), icmpCodes: numberSetJson(b) });
    const others = protocols.subtract(PORT_PROTOCOLS).subtract(ICMP_PROTOCOL);
    if (!others.isEmpty()) cubes.push({ protocols: protocolsJson(others) });
  }
  return { text: formatConnSet(set), all: set.isAll(), cubes };
}

export function formatMatrixJson(m: Matrix): string {
  const rows: { key: string; json: Json }[] = [];
  m.forEachEntry((e) => {
    rows.push({
      key: `${formatMatrixParty(e.src, m.internet)}\u0000${formatMatrixParty(e.dst, m.internet)}`,
      json: { src: partyJson(e.src, m.internet), dst: partyJson(e.dst, m.internet), allowed: connSetJson(e.allowed), replyBlocked: connSetJson(e.replyBlocked) },
    });
  });
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return stringifyJson(
    envelope('matrix', {
      level: m.level,
      classCount: m.classCount,
      externalClassCount: m.externalClassCount,
      networks: m.networks.map((n) => ({ id: n.id, name: n.name })),
      entries: rows.map((r) => r.json),
      assumptions: m.assumptions.map(assumptionJson),
    }),
  );
}
