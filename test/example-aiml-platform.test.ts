// The bundled example estate and query files, checked against each other with
// the concrete evaluator only (no solver): the example (AWS describe-* JSON,
// the two EKS clusters' manifests and their topology) loads without error
// diagnostics, every query parses and selects something, and sampling packets
// on the rule edges gives each query the outcome its comment in queries/
// promises (the planted misconfigurations fail, everything else holds).
// Tenant-isolation queries are sampled over every pair of their endpoints
// whose tenants differ, minus the pairs and packets their exceptions cover.
// Sampling cannot prove isolation; it catches an example or a query that
// drifted from its documented story.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEstate } from '../src/ingest/load.js';
import type { Endpoint, Estate } from '../src/model/estate.js';
import { parseIpv4 } from '../src/model/ip.js';
import { hasIcmp, hasPorts, PROTO, type Packet } from '../src/model/packet.js';
import { parseQueryFiles } from '../src/queries/parse.js';
import type { Query, TenantException, TenantKey, TrafficSpec } from '../src/queries/query.js';
import { resolveSelector } from '../src/queries/select.js';
import { tenantName } from '../src/queries/tenant-key.js';
import { evaluatePath, evaluateReply, type Party } from '../src/semantics/evaluate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(ROOT, 'examples', 'aiml-platform');
const QUERIES = path.join(ROOT, 'queries');

/** The outcome each query's comment promises. */
const EXPECTED: Readonly<Record<string, 'holds' | 'fails'>> = {
  'inference-pods-cannot-reach-training-data': 'holds',
  'training-jobs-read-the-data-lake': 'holds',
  'only-data-access-pods-reach-the-data-stores': 'holds',
  'edge-gateways-reach-the-inference-gateway': 'holds',
  'only-edge-gateways-reach-the-inference-gateway': 'holds',
  'only-the-gateway-reaches-model-servers-on-8443': 'fails',
  'notebooks-cannot-reach-cluster-pods': 'holds',
  'inference-tenants-are-isolated': 'holds',
  'training-tenants-are-isolated': 'holds',
  'training-pods-reach-internet-only-over-https': 'holds',
  'training-jobs-resolve-names-through-coredns': 'holds',
  'inference-cannot-reach-training-data': 'holds',
  'inference-uses-only-the-online-feature-cache': 'holds',
  'only-the-api-gateway-reaches-inference-on-443': 'holds',
  'api-gateway-reaches-inference-on-443': 'holds',
  'training-reads-training-data': 'holds',
  'notebooks-cannot-reach-training-cluster': 'holds',
  'notebooks-cannot-reach-data-stores-directly': 'fails',
  'public-edge-cannot-reach-data-subnet': 'holds',
  'nccl-ports-only-within-the-training-cluster': 'holds',
  'gpu-workers-reach-each-other-over-nccl': 'holds',
  'data-stores-not-reachable-from-internet': 'holds',
  'api-gateway-serves-https-from-internet': 'holds',
  'internet-reaches-only-web-and-ssh': 'holds',
  'ssh-from-internet-only-from-corporate-offices': 'fails',
  'notebooks-reach-internet-only-over-https': 'holds',
  'training-reaches-internet-only-over-https': 'fails',
  'bastion-is-the-only-ssh-path-into-training': 'holds',
  'bastion-reaches-data-hosts-over-ssh': 'holds',
  'monitoring-scrapes-node-exporters': 'holds',
  'only-monitoring-scrapes-node-exporters': 'holds',
  'notebooks-can-resolve-dns': 'holds',
};

const INTERNET_SAMPLES = ['8.8.8.8', '81.2.69.170', '100.42.176.5', '185.220.100.7', '52.94.76.10'].map((ip) => parseIpv4(ip)!);
const PROTOCOLS = [PROTO.TCP, PROTO.UDP, PROTO.ICMP, PROTO.SCTP, 47];
const DST_PORTS = [0, 21, 22, 23, 53, 79, 80, 81, 123, 442, 443, 444, 1023, 1024, 3000, 5432, 6379, 8001, 8002, 8080, 8443, 8888, 9000, 9090, 9100, 29500, 39999, 40000, 49999, 50000, 65535];
const SRC_PORTS = [1000, 40000];

interface Side {
  readonly party: Party;
  readonly ip: number;
  readonly label: string;
}

function sides(estate: Estate, q: Query, which: 'from' | 'to'): Side[] {
  const sel = resolveSelector(estate, which === 'from' ? q.from : q.to);
  const internal = sel.endpoints.map((e: Endpoint): Side => ({ party: { kind: 'endpoint', endpoint: e }, ip: e.addresses.min()!, label: e.name }));
  const external = INTERNET_SAMPLES.filter((ip) => sel.internet.has(ip)).map((ip): Side => ({ party: { kind: 'external' }, ip, label: `internet ${ip}` }));
  return [...internal, ...external];
}

function* packets(src: number, dst: number): Generator<Packet> {
  for (const protocol of PROTOCOLS) {
    if (hasPorts(protocol)) {
      for (const dstPort of DST_PORTS) for (const srcPort of SRC_PORTS) yield { srcIp: src, dstIp: dst, srcPort, dstPort, protocol, icmpType: 0, icmpCode: 0 };
    } else if (hasIcmp(protocol)) {
      yield { srcIp: src, dstIp: dst, srcPort: 0, dstPort: 0, protocol, icmpType: 8, icmpCode: 0 };
    } else {
      yield { srcIp: src, dstIp: dst, srcPort: 0, dstPort: 0, protocol, icmpType: 0, icmpCode: 0 };
    }
  }
}

function inTraffic(t: TrafficSpec | undefined, p: Packet): boolean {
  if (t === undefined) return true;
  if (t.protocols !== undefined && !t.protocols.has(p.protocol)) return false;
  if (t.dstPorts !== undefined && !(hasPorts(p.protocol) && t.dstPorts.has(p.dstPort))) return false;
  return true;
}

/** For a tenant-isolation query: whether the pair is checked at all, and which packets an exception lets across. */
function tenantPair(estate: Estate, q: Query, s: Side, d: Side): { checked: boolean; excepted: (p: Packet) => boolean } {
  if (q.expect.kind !== 'tenant-isolated' || s.party.kind !== 'endpoint' || d.party.kind !== 'endpoint') return { checked: true, excepted: () => false };
  const key: TenantKey = q.expect.tenant;
  if (tenantName(key, s.party.endpoint) === tenantName(key, d.party.endpoint)) return { checked: false, excepted: () => false };
  const src = s.party.endpoint;
  const dst = d.party.endpoint;
  const covering = q.expect.exceptions.filter(
    (x: TenantException) =>
      (x.from === undefined || resolveSelector(estate, x.from).endpoints.includes(src)) &&
      (x.to === undefined || resolveSelector(estate, x.to).endpoints.includes(dst)),
  );
  return { checked: true, excepted: (p) => covering.some((x) => inTraffic(x.traffic, p)) };
}

/** A sampled packet that decides the query: a counterexample, or for `reachable` a witness. */
function sample(estate: Estate, q: Query): string | undefined {
  const froms = sides(estate, q, 'from');
  const tos = sides(estate, q, 'to');
  for (const s of froms) {
    for (const d of tos) {
      if (s.party.kind === 'external' && d.party.kind === 'external') continue;
      if (s.party.kind === 'endpoint' && d.party.kind === 'endpoint' && s.party.endpoint === d.party.endpoint) continue;
      const pair = tenantPair(estate, q, s, d);
      if (!pair.checked) continue;
      for (const p of packets(s.ip, d.ip)) {
        if (!inTraffic(q.traffic, p)) continue;
        if (pair.excepted(p)) continue;
        if (q.expect.kind === 'only' && q.expect.allowed.some((t) => inTraffic(t, p))) continue;
        if (!evaluatePath(estate, p, s.party, d.party).allowed) continue;
        if (q.expect.kind === 'reachable' && p.protocol === PROTO.TCP && !evaluateReply(estate, p, s.party, d.party).allowed) continue;
        return `${s.label} -> ${d.label} proto ${p.protocol} port ${p.dstPort}`;
      }
    }
  }
  return undefined;
}

describe('examples/aiml-platform with queries/', () => {
  let estate: Estate;
  let queries: readonly Query[];

  beforeAll(async () => {
    const loaded = await loadEstate([EXAMPLE]);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.estate).toBeDefined();
    estate = loaded.estate!;
    const parsed = await parseQueryFiles([QUERIES]);
    expect(parsed.diagnostics).toEqual([]);
    queries = parsed.queries;
  });

  it('loads without warnings and has the documented size', () => {
    expect(estate.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const instances = new Set(estate.endpoints.map((e) => e.scopes['instance']).filter((i) => i !== undefined));
    expect(instances.size).toBe(45);
    const clusters = new Set(estate.endpoints.map((e) => e.scopes['cluster']).filter((c) => c !== undefined));
    expect([...clusters].sort()).toEqual(['aiml-prod-inference', 'aiml-prod-training']);
  });

  it('has an expectation for exactly the queries in queries/', () => {
    expect(queries.map((q) => q.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('every selector of every query names something', () => {
    for (const q of queries) {
      expect(sides(estate, q, 'from').length, `${q.name} from`).toBeGreaterThan(0);
      expect(sides(estate, q, 'to').length, `${q.name} to`).toBeGreaterThan(0);
    }
  });

  it('sampled packets agree with each query\'s documented outcome', () => {
    const outcomes: Record<string, string> = {};
    for (const q of queries) {
      const found = sample(estate, q);
      const holds = q.expect.kind === 'reachable' ? found !== undefined : found === undefined;
      outcomes[q.name] = `${holds ? 'holds' : 'fails'}${found === undefined ? '' : ` (${found})`}`;
    }
    const summary = Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [k, v.split(' ')[0]]));
    expect(summary, JSON.stringify(outcomes, null, 2)).toEqual(EXPECTED);
  });

  it('the planted failures fail for the documented reason', () => {
    const byName = new Map(queries.map((q) => [q.name, q]));
    expect(sample(estate, byName.get('notebooks-cannot-reach-data-stores-directly')!)).toMatch(/^notebook-\w+\[.*\] -> feature-store-db-\d\[.*\] proto 6 port 5432$/);
    expect(sample(estate, byName.get('ssh-from-internet-only-from-corporate-offices')!)).toMatch(/^internet \d+ -> bastion-1\[10\.20\.0\.5\] proto 6 port 22$/);
    expect(sample(estate, byName.get('training-reaches-internet-only-over-https')!)).toMatch(/^train-.* -> internet \d+ proto (6 port 80|17 port (53|123))$/);
    expect(sample(estate, byName.get('only-the-gateway-reaches-model-servers-on-8443')!)).toMatch(
      /^(aiml-prod-inference:)?(kube-system|monitoring)\/[^ ]+ -> (aiml-prod-inference:)?team-nlp\/(llm-server|embedder)\[Deployment\] proto 6 port 8443$/,
    );
  });

  it('the tenant queries depend on their exceptions', () => {
    const byName = new Map(queries.map((q) => [q.name, q]));
    const withoutExceptions = (name: string): Query => {
      const q = byName.get(name)!;
      if (q.expect.kind !== 'tenant-isolated') throw new Error(`${name} is not a tenant query`);
      return { ...q, expect: { ...q.expect, exceptions: [] } };
    };
    expect(sample(estate, withoutExceptions('inference-tenants-are-isolated'))).toMatch(/team-recsys\/ranker\[Deployment\].* -> .*team-nlp\/embedder\[Deployment\] proto 6 port 8001$/);
    expect(sample(estate, withoutExceptions('training-tenants-are-isolated'))).toBeDefined();
  });
});
