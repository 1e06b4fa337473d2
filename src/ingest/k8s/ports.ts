// Ports as the Kubernetes APIs spell them: protocols (default TCP; TCP, UDP,
// SCTP), container ports, NetworkPolicy ports (number, range with endPort, or
// named) and AdminNetworkPolicy ports (portNumber, portRange, namedPort).

import type { AdminPort, ContainerPort, NetworkPolicyPort, Protocol } from './types.js';
import { describe, escapePointer, isRecord, type ObjectReader } from './reader.js';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Absent means TCP; anything but TCP, UDP, SCTP (exact case) is a `k8s-invalid-port` error. */
export function parseProtocol(r: ObjectReader, value: unknown, pointer: string): Protocol | undefined {
  if (value === undefined || value === null) return 'TCP';
  if (typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value)) return value as Protocol;
  r.report('k8s-invalid-port', pointer, `protocol ${describe(value)} is not one of TCP, UDP, SCTP`);
  return undefined;
}

/** An IANA service name as the API requires for named ports: at most 15 characters, lowercase letters, digits and single inner hyphens, with a letter. */
export function isPortName(name: string): boolean {
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) && name.length <= 15 && /[a-z]/.test(name) && !name.includes('--');
}

function portNumber(r: ObjectReader, value: unknown, pointer: string, what: string): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    r.report('k8s-invalid-port', pointer, `${what} ${describe(value)} is not a port number 1-65535`);
    return undefined;
  }
  return value;
}

function checkFields(r: ObjectReader, rec: Record<string, unknown>, pointer: string, known: readonly string[]): void {
  for (const k of Object.keys(rec)) {
    if (!known.includes(k)) r.report('k8s-invalid-port', `${pointer}/${escapePointer(k)}`, `unknown port field "${k}" (expected ${known.join(', ')})`);
  }
}

/**
 * A container's `ports` entry. A malformed entry is ignored with a
 * `k8s-container-port-invalid` warning: it can resolve no named port, so
 * leaving it out allows nothing more.
 */
export function parseContainerPort(r: ObjectReader, value: unknown, pointer: string): ContainerPort | undefined {
  if (!isRecord(value)) {
    r.report('k8s-container-port-invalid', pointer, `container port ${describe(value)} is not an object; ignored`);
    return undefined;
  }
  const raw = value['containerPort'];
  const protocolText = value['protocol'];
  const name = typeof value['name'] === 'string' && value['name'] !== '' ? value['name'] : undefined;
  const problems: string[] = [];
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 65535) {
    const typo = Object.keys(value).find((k) => k !== 'containerPort' && k.toLowerCase() === 'containerport');
    problems.push(raw === undefined ? `containerPort is missing${typo === undefined ? '' : ` ("${typo}" is not the field name)`}` : `containerPort ${describe(raw)} is not a port number 1-65535`);
  }
  const protocol = protocolText === undefined || protocolText === null ? 'TCP' : protocolText;
  if (typeof protocol !== 'string' || !(PROTOCOLS as readonly string[]).includes(protocol)) problems.push(`protocol ${describe(protocol)} is not one of TCP, UDP, SCTP`);
  if (problems.length > 0) {
    r.report('k8s-container-port-invalid', pointer, `${problems.join('; ')}; port${name === undefined ? '' : ` "${name}"`} ignored`);
    return undefined;
  }
  const location = r.at(pointer);
  const port = raw as number;
  const proto = protocol as Protocol;
  return name === undefined ? { port, protocol: proto, location } : { name, port, protocol: proto, location };
}

/** A NetworkPolicyPort: `{protocol?, port?, endPort?}`; undefined after an error. */
export function parseNetworkPolicyPort(r: ObjectReader, value: unknown, pointer: string): NetworkPolicyPort | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) return undefined;
  checkFields(r, rec, pointer, ['protocol', 'port', 'endPort']);
  const protocol = parseProtocol(r, rec['protocol'], `${pointer}/protocol`);
  if (protocol === undefined) return undefined;
  const location = r.at(pointer);
  const port = rec['port'];
  const endPort = rec['endPort'];
  const hasEnd = endPort !== undefined && endPort !== null;
  if (port === undefined || port === null) {
    if (hasEnd) {
      r.report('k8s-invalid-port', `${pointer}/endPort`, 'endPort is given without port');
      return undefined;
    }
    return { kind: 'all', protocol, location };
  }
  if (typeof port === 'string') {
    if (hasEnd) {
      r.report('k8s-invalid-port', `${pointer}/endPort`, `endPort cannot be used with the named port "${port}"`);
      return undefined;
    }
    if (!isPortName(port)) {
      r.report('k8s-invalid-port', `${pointer}/port`, `"${port}" is neither a port number nor a valid port name`);
      return undefined;
    }
    return { kind: 'named', protocol, name: port, location };
  }
  const from = portNumber(r, port, `${pointer}/port`, 'port');
  if (from === undefined) return undefined;
  if (!hasEnd) return { kind: 'range', protocol, from, to: from, location };
  const to = portNumber(r, endPort, `${pointer}/endPort`, 'endPort');
  if (to === undefined) return undefined;
  if (to < from) {
    r.report('k8s-invalid-port', `${pointer}/endPort`, `endPort ${to} is below port ${from}`);
    return undefined;
  }
  return { kind: 'range', protocol, from, to, location };
}

/** An AdminNetworkPolicyPort: exactly one of portNumber, portRange, namedPort. */
export function parseAdminPort(r: ObjectReader, value: unknown, pointer: string): AdminPort | undefined {
  const rec = r.record(value, pointer);
  if (rec === undefined) return undefined;
  checkFields(r, rec, pointer, ['portNumber', 'portRange', 'namedPort']);
  const given = ['portNumber', 'portRange', 'namedPort'].filter((k) => rec[k] !== undefined && rec[k] !== null);
  if (given.length !== 1) {
    r.report('k8s-invalid-port', pointer, `a port needs exactly one of portNumber, portRange, namedPort (found ${given.length === 0 ? 'none' : given.join(', ')})`);
    return undefined;
  }
  const location = r.at(pointer);
  if (given[0] === 'namedPort') {
    const name = r.string(rec['namedPort'], `${pointer}/namedPort`);
    if (name === undefined) return undefined;
    if (!isPortName(name)) {
      r.report('k8s-invalid-port', `${pointer}/namedPort`, `"${name}" is not a valid port name`);
      return undefined;
    }
    return { kind: 'named', name, location };
  }
  if (given[0] === 'portNumber') {
    const p = r.record(rec['portNumber'], `${pointer}/portNumber`);
    if (p === undefined) return undefined;
    checkFields(r, p, `${pointer}/portNumber`, ['protocol', 'port']);
    const protocol = parseProtocol(r, p['protocol'], `${pointer}/portNumber/protocol`);
    const port = portNumber(r, p['port'], `${pointer}/portNumber/port`, 'port');
    if (protocol === undefined || port === undefined) return undefined;
    return { kind: 'number', protocol, port, location };
  }
  const range = r.record(rec['portRange'], `${pointer}/portRange`);
  if (range === undefined) return undefined;
  checkFields(r, range, `${pointer}/portRange`, ['protocol', 'start', 'end']);
  const protocol = parseProtocol(r, range['protocol'], `${pointer}/portRange/protocol`);
  const start = portNumber(r, range['start'], `${pointer}/portRange/start`, 'start');
  const end = portNumber(r, range['end'], `${pointer}/portRange/end`, 'end');
  if (protocol === undefined || start === undefined || end === undefined) return undefined;
  if (end < start) {
    r.report('k8s-invalid-port', `${pointer}/portRange/end`, `end ${end} is below start ${start}`);
    return undefined;
  }
  return { kind: 'range', protocol, start, end, location };
}
