// NetworkPolicy (networking.k8s.io/v1): pod selector, policy types (default
// Ingress, plus Egress when egress rules exist), and ingress/egress rules with
// peers (podSelector, namespaceSelector, both, or ipBlock with except) and
// ports. Anything the API would reject is an error diagnostic.

import type { CidrBlock, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule } from './types.js';
import { parsePolicyCidr } from './cidr.js';
import { parseNetworkPolicyPort } from './ports.js';
import { describe, escapePointer, type Json, type ObjectReader } from './reader.js';
import { emptySelector, parseLabelSelector } from './selector.js';
import { DEFAULT_NAMESPACE } from './workloads.js';

function parseIpBlock(r: ObjectReader, value: unknown, pointer: string): NetworkPolicyPeer | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) return undefined;
  const cidr = parsePolicyCidr(r, rec['cidr'], `${pointer}/cidr`);
  if (cidr === undefined) return undefined;
  const exceptTexts = r.list(rec['except'], `${pointer}/except`) ?? [];
  if (cidr === 'ipv6') {
    r.report('k8s-ipv6-ignored', `${pointer}/cidr`, `IPv6 ipBlock ${String(rec['cidr'])} is ignored (it never matches IPv4 traffic)`);
    return undefined;
  }
  const except: CidrBlock[] = [];
  exceptTexts.forEach((e, i) => {
    const p = `${pointer}/except/${i}`;
    const block = parsePolicyCidr(r, e, p);
    if (block === undefined) return;
    if (block === 'ipv6' || !cidr.range.containsAll(block.range)) {
      r.report('invalid-cidr', p, `except ${describe(e)} is not inside cidr ${cidr.text}`);
      return;
    }
    except.push(block);
  });
  return { kind: 'ipBlock', cidr, except, location: r.at(pointer) };
}

/** One element of `from`/`to`; undefined after an error or for an ignored IPv6 block. */
function parsePeer(r: ObjectReader, value: unknown, pointer: string): NetworkPolicyPeer | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) return undefined;
  for (const k of Object.keys(rec)) {
    if (!['podSelector', 'namespaceSelector', 'ipBlock'].includes(k)) {
      r.report('k8s-invalid-policy', `${pointer}/${escapePointer(k)}`, `unknown peer field "${k}" (expected podSelector, namespaceSelector, ipBlock)`);
    }
  }
  const has = (k: string): boolean => rec[k] !== undefined && rec[k] !== null;
  if (has('ipBlock')) {
    if (has('podSelector') || has('namespaceSelector')) {
      r.report('k8s-invalid-policy', pointer, 'a peer may not combine ipBlock with podSelector or namespaceSelector');
      return undefined;
    }
    return parseIpBlock(r, rec['ipBlock'], `${pointer}/ipBlock`);
  }
  if (!has('podSelector') && !has('namespaceSelector')) {
    r.report('k8s-invalid-policy', pointer, 'a peer needs podSelector, namespaceSelector or ipBlock');
    return undefined;
  }
  const podSelector = parseLabelSelector(r, rec['podSelector'], `${pointer}/podSelector`);
  const namespaceSelector = parseLabelSelector(r, rec['namespaceSelector'], `${pointer}/namespaceSelector`);
  if ((has('podSelector') && podSelector === undefined) || (has('namespaceSelector') && namespaceSelector === undefined)) return undefined;
  return {
    kind: 'pods',
    ...(podSelector === undefined ? {} : { podSelector }),
    ...(namespaceSelector === undefined ? {} : { namespaceSelector }),
    location: r.at(pointer),
  };
}

function parseRule(r: ObjectReader, value: unknown, pointer: string, index: number, peersField: 'from' | 'to'): NetworkPolicyRule | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) return { index, peers: 'all', ports: 'all', location: r.at(pointer) };
  for (const k of Object.keys(rec)) {
    if (k !== peersField && k !== 'ports') r.report('k8s-invalid-policy', `${pointer}/${escapePointer(k)}`, `unknown rule field "${k}" (expected ${peersField}, ports)`);
  }
  const rawPeers = r.list(rec[peersField], `${pointer}/${peersField}`);
  const rawPorts = r.list(rec['ports'], `${pointer}/ports`);
  const peers: NetworkPolicyPeer[] = [];
  rawPeers?.forEach((p, i) => {
    const peer = parsePeer(r, p, `${pointer}/${peersField}/${i}`);
    if (peer !== undefined) peers.push(peer);
  });
  const ports: NetworkPolicyPort[] = [];
  rawPorts?.forEach((p, i) => {
    const port = parseNetworkPolicyPort(r, p, `${pointer}/ports/${i}`);
    if (port !== undefined) ports.push(port);
  });
  return {
    index,
    // An empty or missing list means every peer / every port; a list whose
    // entries were all ignored (IPv6) stays an empty list, matching nothing.
    peers: rawPeers === undefined || rawPeers.length === 0 ? 'all' : peers,
    ports: rawPorts === undefined || rawPorts.length === 0 ? 'all' : ports,
    location: r.at(pointer),
  };
}

function parseRules(r: ObjectReader, spec: Json, pointer: string, field: 'ingress' | 'egress'): NetworkPolicyRule[] {
  const rules: NetworkPolicyRule[] = [];
  const list = r.list(spec[field], `${pointer}/${field}`) ?? [];
  list.forEach((v, i) => {
    const rule = parseRule(r, v, `${pointer}/${field}/${i}`, i, field === 'ingress' ? 'from' : 'to');
    if (rule !== undefined) rules.push(rule);
  });
  return rules;
}

/** A NetworkPolicy object; undefined after an error. */
export function parseNetworkPolicy(r: ObjectReader, value: Json, pointer: string): NetworkPolicy | undefined {
  const meta = r.record(value['metadata'], `${pointer}/metadata`) ?? {};
  const namespace = r.string(meta['namespace'], `${pointer}/metadata/namespace`) || DEFAULT_NAMESPACE;
  const name = r.string(meta['name'], `${pointer}/metadata/name`);
  if (name === undefined || name === '') {
    r.report('input-invalid', `${pointer}/metadata`, 'a NetworkPolicy needs metadata.name');
    return undefined;
  }
  const sp = `${pointer}/spec`;
  const spec = r.record(value['spec'], sp) ?? {};
  const podSelector = parseLabelSelector(r, spec['podSelector'], `${sp}/podSelector`) ?? emptySelector(r.at(`${sp}`));
  const ingress = parseRules(r, spec, sp, 'ingress');
  const egress = parseRules(r, spec, sp, 'egress');
  const types = r.list(spec['policyTypes'], `${sp}/policyTypes`);
  let isolates = { ingress: true, egress: egress.length > 0 };
  if (types !== undefined && types.length > 0) {
    isolates = { ingress: false, egress: false };
    types.forEach((t, i) => {
      if (t === 'Ingress') isolates.ingress = true;
      else if (t === 'Egress') isolates.egress = true;
      else r.report('k8s-invalid-policy', `${sp}/policyTypes/${i}`, `policy type ${describe(t)} is not Ingress or Egress`);
    });
  }
  if (r.failed) return undefined;
  return { id: `${namespace}/${name}`, namespace, name, podSelector, isolates, ingress, egress, location: r.at(pointer) };
}
