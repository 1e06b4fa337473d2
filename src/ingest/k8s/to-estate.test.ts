// Tests for the Kubernetes → model conversion, judged by the reference
// evaluator: endpoints without addresses, NetworkPolicy unions and isolation,
// named ports (name and protocol, per destination pod), ipBlock with except
// (never a pod), AdminNetworkPolicy Allow/Deny/Pass before NetworkPolicy,
// BaselineAdminNetworkPolicy after it, shared filters and layers, provenance.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint, Estate } from '../../model/estate.js';
import { parseIpv4 } from '../../model/ip.js';
import { PROTO, type Packet } from '../../model/packet.js';
import { evaluatePath, type Party } from '../../semantics/evaluate.js';
import { loadKubernetes } from './load.js';
import { DiagnosticSink } from '../../model/diagnostics.js';
import { isKubernetesEstate, kubernetesToEstate } from './to-estate.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'netproof-k8s-estate-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const PODS = `
apiVersion: v1
kind: Pod
metadata: { name: frontend, namespace: shop, labels: { app: frontend } }
spec:
  containers:
    - name: c
      ports: [{ containerPort: 8080, name: http }]
---
apiVersion: v1
kind: Pod
metadata: { name: backend, namespace: shop, labels: { app: backend } }
spec:
  containers:
    - name: c
      ports: [{ containerPort: 9090, name: http }, { containerPort: 5353, name: dns, protocol: UDP }]
---
apiVersion: v1
kind: Pod
metadata: { name: backend2, namespace: shop, labels: { app: backend } }
spec:
  containers:
    - name: c
      ports: [{ containerPort: 9191, name: http }]
---
apiVersion: v1
kind: Pod
metadata: { name: tool, namespace: ops, labels: { app: tool } }
spec: { containers: [{ name: c }] }
---
apiVersion: v1
kind: Namespace
metadata: { name: ops, labels: { team: ops } }
`;

let counter = 0;
async function estateOf(yamlText: string, sink?: DiagnosticSink): Promise<Estate> {
  const file = path.join(tmp, `case-${counter++}.yaml`);
  await writeFile(file, PODS + '---\n' + yamlText);
  const r = await loadKubernetes([file]);
  if (r.cluster === undefined) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return kubernetesToEstate(r.cluster, sink === undefined ? { sources: [file] } : { sources: [file], sink });
}

function pod(estate: Estate, id: string): Party {
  const endpoint = estate.endpoints.find((e) => e.id === id);
  if (endpoint === undefined) throw new Error(`no ${id} in ${estate.endpoints.map((e) => e.id).join(', ')}`);
  return { kind: 'endpoint', endpoint };
}
const EXTERNAL: Party = { kind: 'external' };

function packet(protocol: number, dstPort: number, srcIp = 0, dstIp = 0): Packet {
  return { srcIp, dstIp, protocol, srcPort: 40000, dstPort, icmpType: 0, icmpCode: 0 };
}
const tcp = (port: number, srcIp?: string, dstIp?: string) => packet(PROTO.TCP, port, srcIp ? parseIpv4(srcIp) : 0, dstIp ? parseIpv4(dstIp) : 0);
const udp = (port: number) => packet(PROTO.UDP, port);

function allowed(estate: Estate, p: Packet, src: Party, dst: Party): boolean {
  return evaluatePath(estate, p, src, dst).allowed;
}

const BACKEND_POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend, namespace: shop }
spec:
  podSelector: { matchLabels: { app: backend } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: frontend } } }]
      ports: [{ port: http }, { port: dns, protocol: UDP }]
    - from: [{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }]
      ports: [{ port: 7000, endPort: 7010 }]
`;

describe('kubernetesToEstate: endpoints', () => {
  it('makes one address-less endpoint per workload, in its namespace and the cluster network', async () => {
    const estate = await estateOf('');
    const e = (pod(estate, 'shop/backend[Pod]') as { endpoint: Endpoint }).endpoint;
    expect(e.addresses.isEmpty()).toBe(true);
    expect(e.kind).toBe('workload');
    expect(e.name).toBe('shop/backend[Pod]');
    expect(e.groups).toEqual(['namespace:shop']);
    expect(e.scopes).toEqual({ namespace: 'shop', cluster: 'cluster', workload: 'shop/backend[Pod]' });
    expect(e.internet.inbound && e.internet.outbound).toBe(true);
    expect(estate.internet.size()).toBe(2 ** 32);
    expect(isKubernetesEstate(estate)).toBe(true);
    // No policy: no layers, everything allowed both ways.
    expect(e.ingressLayers).toEqual([]);
    expect(allowed(estate, udp(1), pod(estate, 'ops/tool[Pod]'), pod(estate, 'shop/backend[Pod]'))).toBe(true);
  });
});

describe('kubernetesToEstate: NetworkPolicy', () => {
  it('isolates selected pods, resolves named ports per destination pod by name and protocol', async () => {
    const estate = await estateOf(BACKEND_POLICY);
    const front = pod(estate, 'shop/frontend[Pod]');
    const back = pod(estate, 'shop/backend[Pod]');
    const back2 = pod(estate, 'shop/backend2[Pod]');
    expect(allowed(estate, tcp(9090), front, back)).toBe(true);
    expect(allowed(estate, tcp(9191), front, back)).toBe(false);
    expect(allowed(estate, tcp(9191), front, back2)).toBe(true);
    expect(allowed(estate, tcp(9090), front, back2)).toBe(false);
    expect(allowed(estate, udp(5353), front, back)).toBe(true);
    // "dns" is a UDP port: TCP 5353 is not opened, and backend2 has no "dns" at all.
    expect(allowed(estate, tcp(5353), front, back)).toBe(false);
    expect(allowed(estate, udp(5353), front, back2)).toBe(false);
    expect(allowed(estate, tcp(9090), pod(estate, 'ops/tool[Pod]'), back)).toBe(false);
    // The frontend is not selected: it accepts anything.
    expect(allowed(estate, udp(1), back, front)).toBe(true);
  });

  it('a named port that resolves on no pod allows nothing and is noted with its line', async () => {
    const sink = new DiagnosticSink();
    const estate = await estateOf(
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: named, namespace: shop }
spec:
  podSelector: { matchLabels: { app: frontend } }
  ingress: [{ ports: [{ port: nope }, { port: http, protocol: SCTP }] }]
`,
      sink,
    );
    const front = pod(estate, 'shop/frontend[Pod]');
    expect(allowed(estate, tcp(8080), pod(estate, 'ops/tool[Pod]'), front)).toBe(false);
    expect(sink.items.map((d) => d.code)).toEqual(['k8s-named-port-unresolved', 'k8s-named-port-unresolved']);
    expect(sink.items[0]!.message).toMatch(/case-\d+\.yaml:\d+#.*: named port "nope" \(TCP\) matches no container port/);
  });

  it('matches ipBlock (with except) on external addresses only, never on pods', async () => {
    const estate = await estateOf(BACKEND_POLICY);
    const back = pod(estate, 'shop/backend[Pod]');
    expect(allowed(estate, tcp(7005, '10.2.3.4'), EXTERNAL, back)).toBe(true);
    expect(allowed(estate, tcp(7011, '10.2.3.4'), EXTERNAL, back)).toBe(false);
    expect(allowed(estate, tcp(7005, '10.1.3.4'), EXTERNAL, back)).toBe(false);
    expect(allowed(estate, tcp(7005, '10.2.3.4'), pod(estate, 'ops/tool[Pod]'), back)).toBe(false);
  });

  it('shares the filter and layer of pods with the same policies, with provenance naming the rule', async () => {
    const estate = await estateOf(BACKEND_POLICY);
    const a = (pod(estate, 'shop/backend[Pod]') as { endpoint: Endpoint }).endpoint;
    const b = (pod(estate, 'shop/backend2[Pod]') as { endpoint: Endpoint }).endpoint;
    expect(a.ingressLayers).toEqual(b.ingressLayers);
    const layer = estate.layers.get(a.ingressLayers[0]!)!;
    expect(layer.combine).toBe('chain');
    expect(layer.emptyAction).toBe('allow');
    const filter = estate.filters.get(layer.filterIds[0]!)!;
    expect(filter.kind).toBe('allow-union');
    expect(filter.defaultAction).toBe('deny');
    const names = filter.rules.map((r) => r.provenance.displayName);
    expect(names).toContain('NetworkPolicy shop/backend ingress rule 0: TCP http=9090 from app=frontend');
    expect(names).toContain('NetworkPolicy shop/backend ingress rule 1: TCP 7000-7010 from 10.0.0.0/8 except 10.1.0.0/16');
    const rule = filter.rules[0]!;
    expect(rule.provenance.vendorId).toBe('shop/backend');
    expect(rule.provenance.file).toMatch(/case-\d+\.yaml$/);
    expect(rule.provenance.line).toBeGreaterThan(40);
  });

  it('joins the plain ports of a rule per protocol: one rule per peer and protocol, exact at every edge', async () => {
    const estate = await estateOf(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: many-ports, namespace: shop }
spec:
  podSelector: { matchLabels: { app: backend } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: frontend } } }, { ipBlock: { cidr: 10.0.0.0/8 } }]
      ports:
        - { port: 80 }
        - { protocol: UDP, port: 53 }
        - { port: 8000, endPort: 8100 }
        - { port: 80 }
        - { port: http }
        - { protocol: UDP, port: 5353, endPort: 5354 }
`);
    const back = pod(estate, 'shop/backend[Pod]');
    const layer = estate.layers.get((back as { endpoint: Endpoint }).endpoint.ingressLayers[0]!)!;
    const filter = estate.filters.get(layer.filterIds.find((id) => id.startsWith('np/'))!)!;
    const names = filter.rules.map((r) => r.provenance.displayName);
    expect(names).toEqual([
      'NetworkPolicy shop/many-ports ingress rule 0: TCP 80, 8000-8100 from app=frontend',
      'NetworkPolicy shop/many-ports ingress rule 0: UDP 53, 5353-5354 from app=frontend',
      // A named port resolves per destination pod: a rule of its own per resolution.
      'NetworkPolicy shop/many-ports ingress rule 0: TCP http=9191 from app=frontend',
      'NetworkPolicy shop/many-ports ingress rule 0: TCP http=9090 from app=frontend',
      'NetworkPolicy shop/many-ports ingress rule 0: TCP http=8080 from app=frontend',
      'NetworkPolicy shop/many-ports ingress rule 0: TCP 80, 8000-8100 from 10.0.0.0/8',
      'NetworkPolicy shop/many-ports ingress rule 0: UDP 53, 5353-5354 from 10.0.0.0/8',
      'NetworkPolicy shop/many-ports ingress rule 0: TCP http=9191 from 10.0.0.0/8',
      'NetworkPolicy shop/many-ports ingress rule 0: TCP http=9090 from 10.0.0.0/8',
      'NetworkPolicy shop/many-ports ingress rule 0: TCP http=8080 from 10.0.0.0/8',
    ]);
    const front = pod(estate, 'shop/frontend[Pod]');
    for (const [port, expected] of [[79, false], [80, true], [81, false], [7999, false], [8000, true], [8100, true], [8101, false]] as const) {
      expect(allowed(estate, tcp(port), front, back)).toBe(expected);
      expect(allowed(estate, tcp(port, '10.9.9.9'), EXTERNAL, back)).toBe(expected);
    }
    for (const [port, expected] of [[53, true], [54, false], [5352, false], [5353, true], [5354, true], [5355, false]] as const) {
      expect(allowed(estate, udp(port), front, back)).toBe(expected);
    }
    expect(allowed(estate, udp(80), front, back)).toBe(false);
  });

  it('isolates egress only with an Egress policy type; empty egress denies everything', async () => {
    const estate = await estateOf(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-egress, namespace: ops }
spec:
  podSelector: {}
  policyTypes: [Egress]
`);
    const tool = pod(estate, 'ops/tool[Pod]');
    expect(allowed(estate, udp(53), tool, EXTERNAL)).toBe(false);
    expect(allowed(estate, udp(53), tool, pod(estate, 'shop/backend[Pod]'))).toBe(false);
    expect(allowed(estate, udp(53), EXTERNAL, tool)).toBe(true);
  });
});

describe('kubernetesToEstate: admin tiers', () => {
  const ANP = (action: string, priority = 10) => `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: anp-${action.toLowerCase()}-${priority} }
spec:
  priority: ${priority}
  subject: { namespaces: { matchLabels: { kubernetes.io/metadata.name: shop } } }
  ingress:
    - name: r
      action: ${action}
      from: [{ namespaces: { matchLabels: { team: ops } } }]
`;
  const BANP_DENY = `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: { name: default }
spec:
  subject: { namespaces: {} }
  ingress:
    - action: Deny
      from: [{ namespaces: {} }]
`;

  it('an ANP Deny overrides a NetworkPolicy allow; Allow overrides isolation', async () => {
    const allowTool = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-all, namespace: shop }
spec:
  podSelector: {}
  ingress: [{}]
`;
    const denied = await estateOf(ANP('Deny') + '---\n' + allowTool);
    expect(allowed(denied, tcp(80), pod(denied, 'ops/tool[Pod]'), pod(denied, 'shop/frontend[Pod]'))).toBe(false);
    expect(allowed(denied, tcp(80), EXTERNAL, pod(denied, 'shop/frontend[Pod]'))).toBe(true);
    const allowedAnp = await estateOf(ANP('Allow') + '---\n' + BACKEND_POLICY);
    expect(allowed(allowedAnp, tcp(80), pod(allowedAnp, 'ops/tool[Pod]'), pod(allowedAnp, 'shop/backend[Pod]'))).toBe(true);
  });

  it('an ANP Pass skips later ANPs and lets the NetworkPolicy, then the BANP, decide', async () => {
    const passThenBanp = await estateOf(ANP('Pass', 1) + '---\n' + ANP('Allow', 5) + '---\n' + BANP_DENY);
    const tool = pod(passThenBanp, 'ops/tool[Pod]');
    // Pass (priority 1) wins over Allow (priority 5); no NetworkPolicy; the baseline denies.
    expect(allowed(passThenBanp, tcp(80), tool, pod(passThenBanp, 'shop/frontend[Pod]'))).toBe(false);
    const withNp = await estateOf(ANP('Pass', 1) + '---\n' + BANP_DENY + '---\n' + BACKEND_POLICY);
    // backend is isolated by its NetworkPolicy: it decides (deny here), frontend falls to the baseline.
    expect(allowed(withNp, tcp(9090), pod(withNp, 'shop/frontend[Pod]'), pod(withNp, 'shop/backend[Pod]'))).toBe(true);
    expect(allowed(withNp, tcp(9090), pod(withNp, 'shop/backend[Pod]'), pod(withNp, 'shop/frontend[Pod]'))).toBe(false);
    const ids = [...withNp.filters.values()].map((f) => `${f.vendorKind}:${f.defaultAction}`).sort();
    expect(ids).toEqual(['k8s-anp:pass', 'k8s-banp:pass', 'k8s-np:deny']);
  });

  const NODES_DENY = `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: nodes }
spec:
  priority: 3
  subject: { namespaces: {} }
  egress:
    - action: Deny
      to: [{ nodes: { matchLabels: { role: infra } } }]
`;

  it('records an assumption for nodes peers, which match no address', async () => {
    const estate = await estateOf(NODES_DENY);
    expect(estate.assumptions.map((a) => a.id)).toEqual(['k8s-nodes-peer']);
    expect(allowed(estate, tcp(80, undefined, '1.2.3.4'), pod(estate, 'ops/tool[Pod]'), EXTERNAL)).toBe(true);
  });

  it('warns where a nodes peer is written when the input has no Node objects', async () => {
    const sink = new DiagnosticSink();
    await estateOf(NODES_DENY, sink);
    const file = path.join(tmp, `case-${counter - 1}.yaml`);
    const r = await loadKubernetes([file]);
    const warned = r.diagnostics.filter((d) => d.code === 'k8s-nodes-peer');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.message).toMatch(/case-\d+\.yaml#.*\/nodes: AdminNetworkPolicy nodes: a nodes peer selects Node objects/);
    expect(warned[0]!.location?.line).toBeGreaterThan(40);
  });

  it('matches a nodes peer on the addresses of the Node objects it selects', async () => {
    const estate = await estateOf(`${NODES_DENY}
---
apiVersion: v1
kind: Node
metadata: { name: infra-1, labels: { role: infra } }
status:
  addresses:
    - { type: Hostname, address: infra-1 }
    - { type: InternalIP, address: 10.0.0.5 }
    - { type: ExternalIP, address: 203.0.113.5 }
    - { type: InternalIP, address: "fd00::5" }
---
apiVersion: v1
kind: Node
metadata: { name: worker-1, labels: { role: worker } }
status:
  addresses: [{ type: InternalIP, address: 10.0.0.6 }]
`);
    expect(estate.assumptions).toEqual([]);
    const tool = pod(estate, 'ops/tool[Pod]');
    expect(allowed(estate, tcp(10250, undefined, '10.0.0.5'), tool, EXTERNAL)).toBe(false);
    expect(allowed(estate, tcp(10250, undefined, '203.0.113.5'), tool, EXTERNAL)).toBe(false);
    expect(allowed(estate, tcp(10250, undefined, '10.0.0.4'), tool, EXTERNAL)).toBe(true);
    expect(allowed(estate, tcp(10250, undefined, '10.0.0.6'), tool, EXTERNAL)).toBe(true);
    const names = [...estate.filters.values()].flatMap((f) => f.rules.map((r) => r.provenance.displayName));
    expect(names).toContain('AdminNetworkPolicy nodes egress rule 0: DENY all ports to nodes role=infra');
  });
});
