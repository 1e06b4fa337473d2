// Internet access of pods: translated to the node's address (node security
// groups) or not (pods with their own groups), and never reachable from the internet.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../model/diagnostics.js';
import { assembleAws } from '../aws/assemble.js';
import { parseInputDocuments } from '../document.js';
import { podInternetAccess } from './pod-internet.js';
import { clusterFixture } from './test-helpers.js';

function fixtureAws() {
  const sink = new DiagnosticSink();
  const dir = clusterFixture('cluster-in-vpc/aws');
  const docs = readdirSync(dir).flatMap((f) => parseInputDocuments(path.join(dir, f), readFileSync(path.join(dir, f), 'utf8'), sink) ?? []);
  return assembleAws(docs, sink);
}

const PUBLIC = 'subnet-0e0c1a55e0000pub';
const NODES = 'subnet-0e0c1a55e00nodea';
const DATA = 'subnet-0e0c1a55e000data';

describe('podInternetAccess', () => {
  const aws = fixtureAws();

  it('in a public subnet: node-group pods go out through the node\'s public address, pods with own groups do not', () => {
    const node = podInternetAccess(aws, PUBLIC, 'node');
    expect([node.outbound, node.inbound]).toEqual([true, false]);
    const own = podInternetAccess(aws, PUBLIC, 'pod');
    expect([own.outbound, own.inbound]).toEqual([false, false]);
    expect(own.reasons.some((r) => r.includes('not source-translated'))).toBe(true);
  });

  it('behind a NAT gateway: every pod goes out, none is reached', () => {
    for (const source of ['node', 'pod', 'either'] as const) {
      const a = podInternetAccess(aws, NODES, source);
      expect([a.outbound, a.inbound]).toEqual([true, false]);
    }
  });

  it('in a subnet without a route out: no internet at all', () => {
    const a = podInternetAccess(aws, DATA, 'node');
    expect([a.outbound, a.inbound]).toEqual([false, false]);
  });

  it('a node of the group with a public address gives translated pods one', () => {
    const a = podInternetAccess(aws, PUBLIC, 'node', 'edge-node-1[10.40.0.20]');
    expect(a.reasons).toContain('pod traffic to the internet leaves from its node\'s address (VPC CNI source NAT); node edge-node-1[10.40.0.20] has a public address');
  });
});
