// Tests for the netpol-analyzer text format: connection texts (All
// Connections, protocol groups SCTP < TCP < UDP, port ranges), external
// intervals, sorting, no self pairs.
import { describe, expect, it } from 'vitest';
import { ConnSet } from '../analysis/connset.js';
import { computeMatrix } from '../analysis/matrix.js';
import type { Endpoint, Estate, Filter, Layer } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { ALL_IPV4, cidrRange, parseIpv4 } from '../model/ip.js';
import { PROTO } from '../model/packet.js';
import { formatNetpolConn, formatNetpolMatrix } from './matrix-netpol.js';

const prov = (id: string) => ({ file: 'test', vendorId: id, displayName: id });
const ports = (protocol: number, lo: number, hi = lo) => ConnSet.ports(IntervalSet.point(protocol), undefined, IntervalSet.range(lo, hi));

describe('formatNetpolConn', () => {
  it('prints All Connections for every TCP/UDP/SCTP port, whatever else is in the set', () => {
    expect(formatNetpolConn(ConnSet.ALL)).toBe('All Connections');
    expect(formatNetpolConn(ConnSet.ports(IntervalSet.points([PROTO.TCP, PROTO.UDP, PROTO.SCTP])))).toBe('All Connections');
  });

  it('prints protocol groups SCTP < TCP < UDP with merged port ranges', () => {
    const set = ports(PROTO.UDP, 53).union(ports(PROTO.TCP, 8080)).union(ports(PROTO.TCP, 10053, 10054)).union(ports(PROTO.SCTP, 1, 65535));
    expect(formatNetpolConn(set)).toBe('SCTP 1-65535,TCP 8080,10053-10054,UDP 53');
  });

  it('prints nothing for a set without TCP/UDP/SCTP traffic on ports 1-65535', () => {
    expect(formatNetpolConn(ConnSet.icmp())).toBe('');
    expect(formatNetpolConn(ports(PROTO.TCP, 0))).toBe('');
  });
});

function twoPods(): Estate {
  const filter: Filter = {
    id: 'np/backend', kind: 'allow-union', direction: 'ingress', vendorKind: 'k8s-np', defaultAction: 'deny',
    rules: [
      { id: 'r0', action: 'allow', match: { protocols: IntervalSet.point(PROTO.TCP), dstPorts: IntervalSet.point(9090), srcEndpoints: IntervalSet.point(0) }, provenance: prov('r0') },
      { id: 'r1', action: 'allow', match: { protocols: IntervalSet.point(PROTO.UDP), srcIps: cidrRange(parseIpv4('10.0.0.0')!, 8) }, provenance: prov('r1') },
    ],
    defaultProvenance: prov('np'), displayName: 'np', provenance: prov('np'),
  };
  const layer: Layer = { id: 'l', vendorKind: 'k8s', direction: 'ingress', filterIds: ['np/backend'], combine: 'chain', emptyAction: 'allow', stateful: true, displayName: 'l' };
  const pod = (index: number, id: string, ingress: string[]): Endpoint => ({
    index, id, name: id, kind: 'workload', addresses: IntervalSet.EMPTY, publicAddresses: IntervalSet.EMPTY, labels: {}, groups: [], network: 'k8s:c',
    scopes: {}, egressLayers: [], ingressLayers: ingress, internet: { outbound: true, inbound: true, reasons: [], assumptions: [] }, provenance: prov(id),
  });
  return {
    endpoints: [pod(0, 'default/frontend[Deployment]', []), pod(1, 'default/backend[Deployment]', ['l'])], segments: [], internet: ALL_IPV4,
    filters: new Map([[filter.id, filter]]), layers: new Map([[layer.id, layer]]), networkLinks: [], assumptions: [], diagnostics: [], scopeNames: {}, sources: [],
  };
}

describe('formatNetpolMatrix', () => {
  it('lists pairs with traffic, sorted, external intervals as A-B[External], no self pairs', () => {
    expect(formatNetpolMatrix(computeMatrix(twoPods(), { level: 'endpoints' }))).toEqual([
      '0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : All Connections',
      '10.0.0.0-10.255.255.255[External] => default/backend[Deployment] : UDP 1-65535',
      'default/backend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'default/backend[Deployment] => default/frontend[Deployment] : All Connections',
      'default/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'default/frontend[Deployment] => default/backend[Deployment] : TCP 9090',
    ]);
  });
});
