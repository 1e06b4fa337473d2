// Route tables that send only part of the internet to the gateway: the
// longest matching route decides each address, unrouted internet addresses
// are unreachable (and replies to them have no way back), and the query
// engine and the matrix agree with the evaluator on it.
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMatrix } from '../../analysis/matrix.js';
import type { Estate } from '../../model/estate.js';
import { IntervalSet } from '../../model/intervals.js';
import { QueryEngine } from '../../queries/engine.js';
import type { Query } from '../../queries/query.js';
import { evaluatePath, evaluateReply } from '../../semantics/evaluate.js';
import { loadEstate } from '../load.js';
import { clusterFixture } from '../topology/test-helpers.js';
import { EXTERNAL, endpointNamed, fixture, ip, party, tcp } from './test-fixtures.js';

let dir: string;
let estate: Estate;

/** The basic fixture with the main table's routes replaced. */
function withMainRoutes(routes: readonly Record<string, string>[]): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'netproof-routes-'));
  for (const f of readdirSync(fixture('basic'))) copyFileSync(path.join(fixture('basic'), f), path.join(out, f));
  const file = path.join(out, 'describe-route-tables.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { RouteTables: { RouteTableId: string; Routes: unknown[] }[] };
  const main = doc.RouteTables.find((t) => t.RouteTableId === 'rtb-0main')!;
  main.Routes = routes.map((r) => ({ ...r, Origin: 'CreateRoute', State: 'active' }));
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return out;
}

beforeAll(async () => {
  dir = withMainRoutes([
    { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local' },
    { DestinationCidrBlock: '52.0.0.0/8', GatewayId: 'igw-0a1' },
    // More specific, elsewhere: not the internet gateway's.
    { DestinationCidrBlock: '52.94.0.0/16', VpcPeeringConnectionId: 'pcx-0a1' },
  ]);
  const r = await loadEstate([dir]);
  if (r.estate === undefined) throw new Error(JSON.stringify(r.diagnostics));
  estate = r.estate;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a route table that sends part of the internet to the gateway', () => {
  it('adds a stateless egress layer naming its routes', () => {
    const web1 = endpointNamed(estate, 'web-1');
    expect(web1.egressLayers).toContain('route:rtb-0main');
    const layer = estate.layers.get('route:rtb-0main')!;
    expect(layer.stateful).toBe(false);
    const filter = estate.filters.get(layer.filterIds[0]!)!;
    expect(filter.rules.map((r) => r.provenance.displayName)).toEqual([
      'local and private destinations (not internet) → local',
      '52.0.0.0/8 → igw-0a1 (main-igw)',
    ]);
    // Subnets on other tables that route the whole internet get no layer.
    expect(endpointNamed(estate, 'app-1').egressLayers.some((l) => l.startsWith('route:'))).toBe(false);
  });

  it('lets packets through to routed prefixes only, the longest match deciding', () => {
    const web1 = endpointNamed(estate, 'web-1');
    const to = (dst: string) => evaluatePath(estate, tcp('10.0.1.10', dst, 443), party(web1), EXTERNAL);
    expect(to('52.1.2.3').allowed).toBe(true);
    expect(to('52.94.1.1').allowed).toBe(false);
    expect(to('93.184.216.34').allowed).toBe(false);
    expect(to('93.184.216.34').layers.find((l) => l.verdict === 'deny')?.layer.id).toBe('route:rtb-0main');
  });

  it('blocks the replies of connections from unrouted internet addresses', () => {
    const web1 = endpointNamed(estate, 'web-1');
    const from = (src: string) => tcp(src, '10.0.1.10', 443);
    expect(evaluatePath(estate, from('93.184.216.34'), EXTERNAL, party(web1)).allowed).toBe(true);
    expect(evaluateReply(estate, from('93.184.216.34'), EXTERNAL, party(web1)).allowed).toBe(false);
    expect(evaluateReply(estate, from('52.1.2.3'), EXTERNAL, party(web1)).allowed).toBe(true);
  });

  it('queries: a witness inside the routed prefix, a proof naming the route table outside it', async () => {
    const engine = await QueryEngine.create(estate, { timeoutMs: 20_000 });
    const web1: Query['from'] = { kind: 'name', pattern: 'web-1' };
    const outward = await engine.answer({ name: 'out', from: web1, to: { kind: 'internet' }, expect: { kind: 'isolated' } });
    expect(outward.verdict).toBe('violated');
    expect(IntervalSet.range(ip('52.0.0.0'), ip('52.255.255.255')).has(outward.witness!.packet.dstIp)).toBe(true);
    expect(IntervalSet.range(ip('52.94.0.0'), ip('52.94.255.255')).has(outward.witness!.packet.dstIp)).toBe(false);
    const unrouted = await engine.answer({
      name: 'unrouted',
      from: web1,
      to: { kind: 'cidr', text: '93.184.216.0/24', range: IntervalSet.range(ip('93.184.216.0'), ip('93.184.216.255')) },
      expect: { kind: 'isolated' },
    });
    engine.close();
    expect(unrouted.verdict).toBe('holds');
    expect(unrouted.proof!.blocking.map((b) => b.layer)).toContain('route:rtb-0main');
  });

  it('the matrix lists only the routed internet for the subnet, and marks replies to the rest blocked', () => {
    const m = computeMatrix(estate, { level: 'endpoints' });
    const web1 = endpointNamed(estate, 'web-1');
    const outward = m.entries.filter((e) => e.src.kind === 'endpoint' && e.src.index === web1.index && e.dst.kind === 'external');
    const reached = IntervalSet.of(outward.flatMap((e) => (e.dst.kind === 'external' ? e.dst.addresses.ranges : [])));
    expect(reached.has(ip('52.1.2.3'))).toBe(true);
    expect(reached.has(ip('52.94.1.1'))).toBe(false);
    expect(reached.has(ip('93.184.216.34'))).toBe(false);
    const inward = m.entries.find(
      (e) => e.dst.kind === 'endpoint' && e.dst.index === web1.index && e.src.kind === 'external' && e.src.addresses.has(ip('93.184.216.34')),
    );
    expect(inward?.replyBlocked.hasPacket(tcp('93.184.216.34', '10.0.1.10', 443))).toBe(true);
  });
});

describe('pods of a cluster in a VPC', () => {
  let clusterDir: string;
  let clusterEstate: Estate;

  beforeAll(async () => {
    clusterDir = mkdtempSync(path.join(os.tmpdir(), 'netproof-cluster-routes-'));
    cpSync(clusterFixture('cluster-in-vpc'), clusterDir, { recursive: true });
    const file = path.join(clusterDir, 'aws', 'describe-route-tables.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { RouteTables: { RouteTableId: string; Routes: { DestinationCidrBlock?: string }[] }[] };
    const nodes = doc.RouteTables.find((t) => t.RouteTableId === 'rtb-0e0c1a55e000nodes')!;
    for (const r of nodes.Routes) if (r.DestinationCidrBlock === '0.0.0.0/0') r.DestinationCidrBlock = '52.0.0.0/8';
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const r = await loadEstate([clusterDir]);
    if (r.estate === undefined) throw new Error(JSON.stringify(r.diagnostics));
    clusterEstate = r.estate;
  });

  afterAll(() => rmSync(clusterDir, { recursive: true, force: true }));

  it('leave through their node subnet\'s partial routes', () => {
    const pods = clusterEstate.endpoints.filter((e) => e.kind === 'pod' && e.scopes['subnet'] === 'subnet-0e0c1a55e00nodea' && e.internet.outbound);
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      expect(pod.egressLayers.at(-1)).toBe('route:rtb-0e0c1a55e000nodes');
      const src = pod.addresses.min()!;
      const v = evaluatePath(clusterEstate, { ...tcp('10.0.0.1', '93.184.216.34', 443), srcIp: src }, party(pod), EXTERNAL);
      expect(v.allowed).toBe(false);
    }
    const denied = evaluatePath(clusterEstate, { ...tcp('10.0.0.1', '93.184.216.34', 443), srcIp: pods[0]!.addresses.min()! }, party(pods[0]!), EXTERNAL);
    expect(denied.layers.find((l) => l.verdict === 'deny')?.layer.id).toBe('route:rtb-0e0c1a55e000nodes');
  });
});
