// Property: on small random Kubernetes clusters (namespaces with and without
// a tenant label, pods with app labels, NetworkPolicies with namespace and
// pod selectors, ports and port ranges, ingress and egress isolation,
// sometimes an AdminNetworkPolicy), the tenant-isolation answer agrees with
// brute force: the concrete evaluator run on every ordered pair of endpoints
// of different tenants and on one packet per piece of the port space (cut at
// every port the manifests and the query mention) finds an allowed packet
// outside the exceptions exactly when the engine says `violated`.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Estate } from '../model/estate.js';
import type { Packet } from '../model/packet.js';
import { evaluatePath } from '../semantics/evaluate.js';
import { trafficMatches } from '../encode/traffic.js';
import type { QueryAnswer } from './answer.js';
import { QueryEngine } from './engine.js';
import { parseQueryText } from './parse.js';
import type { Query } from './query.js';
import { resolveSelector } from './select.js';
import { estateFromManifests } from './tenant-fixtures.js';
import { tenantName } from './tenant-key.js';

type Gen = fc.GeneratorValue;

function pick<T>(g: Gen, items: readonly T[]): T {
  return items[g(fc.integer, { min: 0, max: items.length - 1 })]!;
}

const TENANTS = ['red', 'blue', 'green'];
const APPS = ['web', 'db'];
/** Port ranges rules may use (single ports are lo = hi). */
const PORT_RANGES: readonly [number, number][] = [[53, 53], [80, 80], [443, 443], [8080, 8080], [8000, 8090], [80, 443]];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
/** Traffic the query or an exception may name; every port here is also a cut below. */
const TRAFFIC = ['tcp', 'udp/53', 'tcp/80,443', 'tcp/8000-8090', 'sctp'];
/** One destination port per piece of the port space cut at every port above (and port 0). */
const CUT_PORTS = [...new Set([0, ...PORT_RANGES.flatMap(([lo, hi]) => [lo, hi + 1]), 65535])].sort((a, b) => a - b);
const PACKET_PROTOCOLS = [6, 17, 132, 1, 47];

interface Ns {
  readonly name: string;
  readonly tenant?: string;
}

function ports(g: Gen): string {
  if (g(fc.integer, { min: 0, max: 3 }) === 0) return '';
  const n = g(fc.integer, { min: 1, max: 2 });
  const items = Array.from({ length: n }, () => {
    const [lo, hi] = pick(g, PORT_RANGES);
    const protocol = pick(g, PROTOCOLS);
    return lo === hi ? `{ port: ${lo}, protocol: ${protocol} }` : `{ port: ${lo}, endPort: ${hi}, protocol: ${protocol} }`;
  });
  return `\n      ports: [${items.join(', ')}]`;
}

function peer(g: Gen, namespaces: readonly Ns[]): string {
  const parts: string[] = [];
  const ns = g(fc.integer, { min: 0, max: 3 });
  if (ns === 1) parts.push('namespaceSelector: {}');
  if (ns === 2) parts.push(`namespaceSelector: { matchLabels: { tenant: ${pick(g, TENANTS)} } }`);
  if (ns === 3) parts.push(`namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ${pick(g, namespaces).name} } }`);
  if (ns === 0 || g(fc.boolean)) parts.push(g(fc.boolean) ? 'podSelector: {}' : `podSelector: { matchLabels: { app: ${pick(g, APPS)} } }`);
  return `{ ${parts.join(', ')} }`;
}

function rules(g: Gen, direction: 'ingress' | 'egress', namespaces: readonly Ns[]): string {
  const count = g(fc.integer, { min: 0, max: 2 });
  const key = direction === 'ingress' ? 'from' : 'to';
  const out = Array.from({ length: count }, () => {
    const peers = g(fc.integer, { min: 0, max: 3 }) === 0 ? '' : `\n      ${key}: [${Array.from({ length: g(fc.integer, { min: 1, max: 2 }) }, () => peer(g, namespaces)).join(', ')}]`;
    const body = `${peers}${ports(g)}`;
    return body.length === 0 ? '    - {}' : `    -${body.replace(/^\n {6}/, ' ')}`;
  });
  return out.length === 0 ? `  ${direction}: []` : `  ${direction}:\n${out.join('\n')}`;
}

function networkPolicy(g: Gen, ns: Ns, i: number, namespaces: readonly Ns[]): string {
  const types = pick(g, [['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
  const selector = g(fc.boolean) ? '{}' : `{ matchLabels: { app: ${pick(g, APPS)} } }`;
  const body = types.map((t) => rules(g, t === 'Ingress' ? 'ingress' : 'egress', namespaces)).join('\n');
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: np-${i}, namespace: ${ns.name} }
spec:
  podSelector: ${selector}
  policyTypes: [${types.join(', ')}]
${body}
`;
}

function adminPolicy(g: Gen): string {
  const tenant = pick(g, TENANTS);
  const action = pick(g, ['Deny', 'Pass', 'Allow']);
  const ports_ = g(fc.boolean) ? `\n      ports: [{ portNumber: { protocol: TCP, port: ${pick(g, [80, 443, 8080])} } }]` : '';
  return `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: anp-${tenant} }
spec:
  priority: 10
  subject: { namespaces: { matchLabels: { tenant: ${tenant} } } }
  ingress:
    - name: r0
      action: ${action}
      from: [{ namespaces: {} }]${ports_}
`;
}

/** A random small cluster as manifests. */
function randomCluster(g: Gen): string {
  const count = g(fc.integer, { min: 2, max: 4 });
  const namespaces: Ns[] = Array.from({ length: count }, (_, i) => {
    const tenant = g(fc.integer, { min: 0, max: 3 }) === 0 ? undefined : pick(g, TENANTS);
    return tenant === undefined ? { name: `ns-${i}` } : { name: `ns-${i}`, tenant };
  });
  const docs: string[] = [];
  for (const ns of namespaces) {
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: { name: ${ns.name}${ns.tenant === undefined ? '' : `, labels: { tenant: ${ns.tenant} }`} }\n`);
    const apps = g(() => fc.uniqueArray(fc.constantFrom(...APPS), { minLength: 1, maxLength: 2 }));
    for (const app of apps) {
      docs.push(`apiVersion: v1\nkind: Pod\nmetadata: { name: ${app}, namespace: ${ns.name}, labels: { app: ${app} } }\nspec: { containers: [{ name: c }] }\n`);
    }
  }
  let i = 0;
  for (const ns of namespaces) {
    const n = g(fc.integer, { min: 0, max: 2 });
    for (let k = 0; k < n; k++) docs.push(networkPolicy(g, ns, i++, namespaces));
  }
  if (g(fc.integer, { min: 0, max: 2 }) === 0) docs.push(adminPolicy(g));
  return docs.join('---\n');
}

function randomQuery(g: Gen): string {
  const tenant = pick(g, ['nslabel:tenant', 'namespace', 'label:app']);
  const among = pick(g, ['', 'any', 'namespace:ns-*', '"label:app in (web)"', 'not:namespace:ns-0']);
  const traffic = g(fc.integer, { min: 0, max: 2 }) === 0 ? pick(g, TRAFFIC) : '';
  const exceptions = Array.from({ length: g(fc.integer, { min: 0, max: 2 }) }, () => {
    const parts: string[] = [];
    if (g(fc.boolean)) parts.push(`from: namespace:ns-${g(fc.integer, { min: 0, max: 3 })}`);
    if (g(fc.boolean)) parts.push(`to: "label:app=${pick(g, APPS)}"`);
    if (parts.length === 0 || g(fc.boolean)) parts.push(`traffic: "${pick(g, TRAFFIC)}"`);
    return `{ ${parts.join(', ')} }`;
  });
  return [
    '- name: random-tenants',
    '  expect: tenant-isolated',
    `  tenant: ${tenant}`,
    ...(among === '' ? [] : [`  among: ${among}`]),
    ...(traffic === '' ? [] : [`  traffic: "${traffic}"`]),
    ...(exceptions.length === 0 ? [] : [`  except: [${exceptions.join(', ')}]`]),
  ].join('\n');
}

function packets(): Packet[] {
  const out: Packet[] = [];
  for (const protocol of PACKET_PROTOCOLS) {
    const carries = protocol === 6 || protocol === 17 || protocol === 132;
    for (const dstPort of carries ? CUT_PORTS : [0]) {
      out.push({ protocol, srcIp: 0, dstIp: 0, srcPort: carries ? 49152 : 0, dstPort, icmpType: protocol === 1 ? 8 : 0, icmpCode: 0 });
    }
  }
  return out;
}

/** Whether some endpoint pair of different tenants has an allowed packet no exception covers. */
function bruteForceLeaks(estate: Estate, query: Query): boolean {
  if (query.expect.kind !== 'tenant-isolated') throw new Error('test bug');
  const key = query.expect.tenant;
  const among = resolveSelector(estate, query.from).endpoints;
  const exceptions = query.expect.exceptions.map((x) => ({
    from: x.from === undefined ? undefined : new Set(resolveSelector(estate, x.from).endpoints.map((e) => e.index)),
    to: x.to === undefined ? undefined : new Set(resolveSelector(estate, x.to).endpoints.map((e) => e.index)),
    traffic: x.traffic,
  }));
  const candidates = packets().filter((p) => trafficMatches(query.traffic, p));
  for (const s of among) {
    for (const d of among) {
      if (s.index === d.index || tenantName(key, s) === tenantName(key, d)) continue;
      for (const p of candidates) {
        const covered = exceptions.some(
          (x) => (x.from === undefined || x.from.has(s.index)) && (x.to === undefined || x.to.has(d.index)) && trafficMatches(x.traffic, p),
        );
        if (covered) continue;
        if (evaluatePath(estate, p, { kind: 'endpoint', endpoint: s }, { kind: 'endpoint', endpoint: d }).allowed) return true;
      }
    }
  }
  return false;
}

const seen = { holds: 0, violated: 0 };
afterAll(() => {
  // Both outcomes must occur, or the property proves little.
  expect(seen.holds).toBeGreaterThan(0);
  expect(seen.violated).toBeGreaterThan(0);
});

describe('tenant isolation on random clusters', () => {
  it('agrees with brute force over every endpoint pair and every piece of the port space', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const manifests = randomCluster(g);
        const queryText = randomQuery(g);
        const estate = estateFromManifests(manifests);
        const parsed = parseQueryText('random.yaml', queryText);
        expect(parsed.diagnostics, queryText).toEqual([]);
        const query = parsed.queries[0]!;
        if (resolveSelector(estate, query.from).endpoints.length === 0) return;
        const engine = await QueryEngine.create(estate, { timeoutMs: 20_000 });
        let a: QueryAnswer;
        try {
          a = await engine.answer(query);
        } finally {
          engine.close();
        }
        const leaks = bruteForceLeaks(estate, query);
        const context = `${queryText}\n---\n${manifests}`;
        expect(a.verdict, `${a.reason ?? ''}\n${context}`).toBe(leaks ? 'violated' : 'holds');
        if (a.verdict === 'holds') seen.holds++;
        if (a.verdict === 'violated') {
          seen.violated++;
          const w = a.witness!;
          expect(w.path.allowed).toBe(true);
          expect(w.tenants!.src).not.toBe(w.tenants!.dst);
        }
      }),
      { numRuns: Number(process.env['NP_RUNS'] ?? 80) },
    );
  });
});
