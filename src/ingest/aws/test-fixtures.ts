// Helpers for AWS ingest tests: fixture folders and packet/party shorthands.
import { fileURLToPath } from 'node:url';
import type { Endpoint, Estate } from '../../model/estate.js';
import { parseIpv4 } from '../../model/ip.js';
import type { Packet } from '../../model/packet.js';
import type { Party } from '../../semantics/evaluate.js';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/aws/${name}`, import.meta.url));
}

export function ip(text: string): number {
  const v = parseIpv4(text);
  if (v === undefined) throw new Error(`bad test address ${text}`);
  return v;
}

export function endpointNamed(estate: Estate, prefix: string): Endpoint {
  const e = estate.endpoints.find((x) => x.name.startsWith(`${prefix}[`));
  if (e === undefined) throw new Error(`no endpoint ${prefix} in ${estate.endpoints.map((x) => x.name).join(', ')}`);
  return e;
}

export function party(endpoint: Endpoint): Party {
  return { kind: 'endpoint', endpoint };
}

export const EXTERNAL: Party = { kind: 'external' };

export function tcp(src: string, dst: string, dstPort: number, srcPort = 40000): Packet {
  return { srcIp: ip(src), dstIp: ip(dst), srcPort, dstPort, protocol: 6, icmpType: 0, icmpCode: 0 };
}

export function udp(src: string, dst: string, dstPort: number, srcPort = 40000): Packet {
  return { srcIp: ip(src), dstIp: ip(dst), srcPort, dstPort, protocol: 17, icmpType: 0, icmpCode: 0 };
}

export function icmp(src: string, dst: string, type: number, code: number): Packet {
  return { srcIp: ip(src), dstIp: ip(dst), srcPort: 0, dstPort: 0, protocol: 1, icmpType: type, icmpCode: code };
}
