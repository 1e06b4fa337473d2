// AdminNetworkPolicy and BaselineAdminNetworkPolicy
// (policy.networking.k8s.io/v1alpha1): priority, subject (namespaces or
// pods), ingress/egress rules with actions, peers (namespaces, pods, and for
// egress networks and nodes) and ports (portNumber, portRange, namedPort).

import type {
  AdminAction,
  AdminNetworkPolicy,
  AdminPeer,
  AdminPort,
  AdminRule,
  AdminSubject,
  BaselineAdminNetworkPolicy,
  CidrBlock,
  LabelSelector,
  NamespacedPods,
} from './types.js';
import { parsePolicyCidr } from './cidr.js';
import { parseAdminPort } from './ports.js';
import { describe, escapePointer, type Json, type ObjectReader } from './reader.js';
import { emptySelector, parseLabelSelector } from './selector.js';

type Tier = 'anp' | 'banp';

/**
 * `{namespaceSelector, podSelector}` as in subject.pods and peer pods. The API
 * marks both required; netpol-analyzer reads a missing one as `{}` (all), and
 * so does this reader.
 */
function parseNamespacedPods(r: ObjectReader, value: unknown, pointer: string): NamespacedPods | undefined {
  const rec = r.record(value, pointer) ?? {};
  for (const k of Object.keys(rec)) {
    if (k !== 'namespaceSelector' && k !== 'podSelector') {
      r.report('k8s-invalid-policy', `${pointer}/${escapePointer(k)}`, `unknown field "${k}" (expected namespaceSelector, podSelector)`);
    }
  }
  const read = (field: string): LabelSelector | undefined => {
    const v = rec[field];
    if (v === undefined || v === null) return emptySelector(r.at(pointer));
    return parseLabelSelector(r, v, `${pointer}/${field}`);
  };
  const namespaceSelector = read('namespaceSelector');
  const podSelector = read('podSelector');
  if (namespaceSelector === undefined || podSelector === undefined) return undefined;
  return { namespaceSelector, podSelector };
}

/** Exactly one of the named fields is set; reports and gives undefined otherwise. */
function oneOf(r: ObjectReader, rec: Json, pointer: string, fields: readonly string[], what: string): string | undefined {
  for (const k of Object.keys(rec)) {
    if (!fields.includes(k)) r.report('k8s-invalid-policy', `${pointer}/${escapePointer(k)}`, `unknown ${what} field "${k}" (expected one of ${fields.join(', ')})`);
  }
  const given = fields.filter((k) => rec[k] !== undefined && rec[k] !== null);
  if (given.length !== 1) {
    r.report('k8s-invalid-policy', pointer, `a ${what} needs exactly one of ${fields.join(', ')} (found ${given.length === 0 ? 'none' : given.join(', ')})`);
    return undefined;
  }
  return given[0];
}

function parseSubject(r: ObjectReader, value: unknown, pointer: string): AdminSubject | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) {
    r.report('k8s-invalid-policy', pointer, 'spec.subject is required (namespaces or pods)');
    return undefined;
  }
  const field = oneOf(r, rec, pointer, ['namespaces', 'pods'], 'subject');
  const location = r.at(pointer);
  if (field === 'namespaces') {
    const namespaces = parseLabelSelector(r, rec['namespaces'], `${pointer}/namespaces`);
    return namespaces === undefined ? undefined : { kind: 'namespaces', namespaces, location };
  }
  if (field === 'pods') {
    const pods = parseNamespacedPods(r, rec['pods'], `${pointer}/pods`);
    return pods === undefined ? undefined : { kind: 'pods', ...pods, location };
  }
  return undefined;
}

function parseNetworks(r: ObjectReader, value: unknown, pointer: string): CidrBlock[] | undefined {
  const list = r.list(value, pointer);
  if (list === undefined) return undefined;
  const out: CidrBlock[] = [];
  list.forEach((v, i) => {
    const block = parsePolicyCidr(r, v, `${pointer}/${i}`);
    if (block === 'ipv6') r.report('k8s-ipv6-ignored', `${pointer}/${i}`, `IPv6 network ${String(v)} is ignored (it never matches IPv4 traffic)`);
    else if (block !== undefined) out.push(block);
  });
  return out;
}

function parsePeer(r: ObjectReader, value: unknown, pointer: string, direction: 'ingress' | 'egress'): AdminPeer | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) return undefined;
  const fields = direction === 'ingress' ? ['namespaces', 'pods'] : ['namespaces', 'pods', 'nodes', 'networks'];
  const field = oneOf(r, rec, pointer, fields, `${direction} peer`);
  const location = r.at(pointer);
  switch (field) {
    case 'namespaces': {
      const namespaces = parseLabelSelector(r, rec['namespaces'], `${pointer}/namespaces`);
      return namespaces === undefined ? undefined : { kind: 'namespaces', namespaces, location };
    }
    case 'pods': {
      const pods = parseNamespacedPods(r, rec['pods'], `${pointer}/pods`);
      return pods === undefined ? undefined : { kind: 'pods', ...pods, location };
    }
    case 'nodes': {
      const nodes = parseLabelSelector(r, rec['nodes'], `${pointer}/nodes`);
      // Whether Node objects are in the input is known once every file is read (cluster.ts).
      return nodes === undefined ? undefined : { kind: 'nodes', nodes, location: r.at(`${pointer}/nodes`) };
    }
    case 'networks': {
      const networks = parseNetworks(r, rec['networks'], `${pointer}/networks`);
      return networks === undefined ? undefined : { kind: 'networks', networks, location };
    }
    default:
      return undefined;
  }
}

function parseAction(r: ObjectReader, value: unknown, pointer: string, tier: Tier): AdminAction | undefined {
  const allowed: readonly AdminAction[] = tier === 'anp' ? ['Allow', 'Deny', 'Pass'] : ['Allow', 'Deny'];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as AdminAction;
  const kind = tier === 'anp' ? 'an AdminNetworkPolicy' : 'a BaselineAdminNetworkPolicy';
  r.report('k8s-invalid-policy', pointer, value === undefined ? `a rule of ${kind} needs an action (${allowed.join(', ')})` : `action ${describe(value)} is not one of ${allowed.join(', ')} in ${kind}`);
  return undefined;
}

function parseRule(r: ObjectReader, value: unknown, pointer: string, index: number, direction: 'ingress' | 'egress', tier: Tier): AdminRule | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) return undefined;
  const peersField = direction === 'ingress' ? 'from' : 'to';
  for (const k of Object.keys(rec)) {
    if (!['name', 'action', peersField, 'ports'].includes(k)) {
      r.report('k8s-invalid-policy', `${pointer}/${escapePointer(k)}`, `unknown rule field "${k}" (expected name, action, ${peersField}, ports)`);
    }
  }
  const name = r.string(rec['name'], `${pointer}/name`);
  const action = parseAction(r, rec['action'], `${pointer}/action`, tier);
  const rawPeers = r.list(rec[peersField], `${pointer}/${peersField}`);
  if (rawPeers === undefined || rawPeers.length === 0) {
    r.report('k8s-invalid-policy', pointer, `a rule needs at least one peer in "${peersField}"`);
  }
  const peers: AdminPeer[] = [];
  (rawPeers ?? []).forEach((p, i) => {
    const peer = parsePeer(r, p, `${pointer}/${peersField}/${i}`, direction);
    if (peer !== undefined) peers.push(peer);
  });
  const rawPorts = r.list(rec['ports'], `${pointer}/ports`);
  if (rawPorts !== undefined && rawPorts.length === 0) {
    r.report('k8s-invalid-port', `${pointer}/ports`, 'ports, when given, needs at least one entry');
  }
  const ports: AdminPort[] = [];
  (rawPorts ?? []).forEach((p, i) => {
    const port = parseAdminPort(r, p, `${pointer}/ports/${i}`);
    if (port !== undefined) ports.push(port);
  });
  if (action === undefined) return undefined;
  return {
    index,
    ...(name === undefined ? {} : { name }),
    action,
    peers,
    ports: rawPorts === undefined ? 'all' : ports,
    location: r.at(pointer),
  };
}

function parseRules(r: ObjectReader, spec: Json, pointer: string, direction: 'ingress' | 'egress', tier: Tier): AdminRule[] {
  const out: AdminRule[] = [];
  (r.list(spec[direction], `${pointer}/${direction}`) ?? []).forEach((v, i) => {
    const rule = parseRule(r, v, `${pointer}/${direction}/${i}`, i, direction, tier);
    if (rule !== undefined) out.push(rule);
  });
  return out;
}

function policyName(r: ObjectReader, value: Json, pointer: string, kind: string): string | undefined {
  const meta = r.record(value['metadata'], `${pointer}/metadata`) ?? {};
  const name = r.string(meta['name'], `${pointer}/metadata/name`);
  if (name === undefined || name === '') {
    r.report('input-invalid', `${pointer}/metadata`, `an ${kind} needs metadata.name`);
    return undefined;
  }
  return name;
}

/** An AdminNetworkPolicy; undefined after an error (a missing or out-of-range priority is one). */
export function parseAdminNetworkPolicy(r: ObjectReader, value: Json, pointer: string): AdminNetworkPolicy | undefined {
  const name = policyName(r, value, pointer, 'AdminNetworkPolicy');
  const sp = `${pointer}/spec`;
  const spec = r.record(value['spec'], sp) ?? {};
  const rawPriority = spec['priority'];
  let priority: number | undefined;
  if (rawPriority === undefined || rawPriority === null) {
    r.report('k8s-invalid-policy', sp, 'an AdminNetworkPolicy needs spec.priority (0-1000)');
  } else {
    priority = r.integer(rawPriority, `${sp}/priority`, 0, 1000, 'k8s-invalid-policy');
  }
  const subject = parseSubject(r, spec['subject'], `${sp}/subject`);
  const ingress = parseRules(r, spec, sp, 'ingress', 'anp');
  const egress = parseRules(r, spec, sp, 'egress', 'anp');
  if (r.failed || name === undefined || priority === undefined || subject === undefined) return undefined;
  return { name, priority, subject, ingress, egress, location: r.at(pointer) };
}

/** A BaselineAdminNetworkPolicy (the API admits only one, named `default`). */
export function parseBaselineAdminNetworkPolicy(r: ObjectReader, value: Json, pointer: string): BaselineAdminNetworkPolicy | undefined {
  const name = policyName(r, value, pointer, 'BaselineAdminNetworkPolicy');
  if (name !== undefined && name !== 'default') {
    r.report('k8s-invalid-policy', `${pointer}/metadata/name`, `a BaselineAdminNetworkPolicy must be named "default", not "${name}"`);
  }
  const sp = `${pointer}/spec`;
  const spec = r.record(value['spec'], sp) ?? {};
  const subject = parseSubject(r, spec['subject'], `${sp}/subject`);
  const ingress = parseRules(r, spec, sp, 'ingress', 'banp');
  const egress = parseRules(r, spec, sp, 'egress', 'banp');
  if (r.failed || name === undefined || subject === undefined) return undefined;
  return { name, subject, ingress, egress, location: r.at(pointer) };
}

