// Node objects, read for AdminNetworkPolicy `nodes` peers: a node's labels
// (for the peer's selector) and its IPv4 addresses from `status.addresses`
// (InternalIP and ExternalIP; host names are not addresses). A node without
// an IPv4 address is kept: it is selected, and matches no packet.

import { IntervalSet } from '../../model/intervals.js';
import { parseIpv4 } from '../../model/ip.js';
import type { Json, ObjectReader } from './reader.js';
import { isRecord } from './reader.js';
import type { ClusterNode } from './types.js';

const ADDRESS_TYPES = new Set(['InternalIP', 'ExternalIP']);

/** A Node object; undefined after an error. */
export function parseNode(r: ObjectReader, value: Json, pointer: string): ClusterNode | undefined {
  const meta = r.record(value['metadata'], `${pointer}/metadata`) ?? {};
  const name = r.string(meta['name'], `${pointer}/metadata/name`);
  if (name === undefined || name === '') {
    r.report('input-invalid', `${pointer}/metadata`, 'a Node needs metadata.name');
    return undefined;
  }
  const labels = r.stringMap(meta['labels'], `${pointer}/metadata/labels`);
  const status = r.record(value['status'], `${pointer}/status`) ?? {};
  const list = status['addresses'];
  const ips: number[] = [];
  if (Array.isArray(list)) {
    list.forEach((entry, i) => {
      const at = `${pointer}/status/addresses/${i}`;
      if (!isRecord(entry) || typeof entry['type'] !== 'string' || typeof entry['address'] !== 'string') {
        r.report('input-invalid', at, 'a node address needs a type and an address');
        return;
      }
      if (!ADDRESS_TYPES.has(entry['type'])) return;
      const ip = parseIpv4(entry['address']);
      if (ip !== undefined) ips.push(ip);
      else if (!entry['address'].includes(':')) r.report('input-invalid', `${at}/address`, `"${entry['address']}" is not an IPv4 address`);
    });
  } else if (list !== undefined && list !== null) {
    r.report('input-invalid', `${pointer}/status/addresses`, 'status.addresses must be a list');
  }
  if (r.failed) return undefined;
  return { name, labels, addresses: IntervalSet.points(ips), location: r.at(pointer) };
}
