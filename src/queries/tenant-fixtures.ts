// Small Kubernetes estates for tenant-isolation tests: two tenant namespaces
// (labelled tenant=a and tenant=b) each with an api and a db, shared DNS in
// kube-system and Prometheus in monitoring. Each team namespace isolates
// ingress and admits its own namespace and monitoring; kube-system admits
// DNS (53) from anywhere; monitoring admits nothing. `leak: true` adds the
// classic mistake: team-b's api admits port 8080 from every namespace.

import { DiagnosticSink } from '../model/diagnostics.js';
import type { Estate } from '../model/estate.js';
import { parseInputDocuments } from '../ingest/document.js';
import { buildCluster } from '../ingest/k8s/load.js';
import { kubernetesToEstate } from '../ingest/k8s/to-estate.js';

/** The estate of manifests given as one multi-document YAML text; throws on any error diagnostic. */
export function estateFromManifests(yamlText: string, file = 'manifests.yaml'): Estate {
  const sink = new DiagnosticSink();
  const docs = parseInputDocuments(file, yamlText, sink) ?? [];
  const { cluster } = buildCluster(docs, sink);
  if (sink.hasErrors()) throw new Error(`bad test manifests: ${sink.items.map((d) => d.message).join('; ')}`);
  return kubernetesToEstate(cluster, { sources: [file], sink });
}

function namespace(name: string, labels: Record<string, string>): string {
  const l = Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ');
  return `apiVersion: v1
kind: Namespace
metadata: { name: ${name}, labels: { ${l} } }
`;
}

function deployment(ns: string, name: string, port: number, protocol = 'TCP'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: main
          ports: [{ containerPort: ${port}, protocol: ${protocol} }]
`;
}

/** Ingress isolation for every pod of `ns`, admitting its own namespace and monitoring. */
function teamPolicy(ns: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: same-namespace-and-monitoring, namespace: ${ns} }
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: {} }]
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } }]
      ports: [{ port: 9090 }]
`;
}

const LEAK = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-everywhere, namespace: team-b }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ namespaceSelector: {} }]
      ports: [{ port: 8080 }]
`;

const DNS_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: dns-from-anywhere, namespace: kube-system }
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
`;

const MONITORING_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-ingress, namespace: monitoring }
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

export interface TwoTenantOptions {
  /** team-b's api admits TCP 8080 from every namespace. */
  readonly leak?: boolean;
}

export function twoTenantManifests(options: TwoTenantOptions = {}): string {
  const docs = [
    namespace('team-a', { tenant: 'a' }),
    namespace('team-b', { tenant: 'b' }),
    namespace('kube-system', { role: 'shared' }),
    namespace('monitoring', { role: 'shared' }),
    deployment('team-a', 'api', 8080),
    deployment('team-a', 'db', 5432),
    deployment('team-b', 'api', 8080),
    deployment('team-b', 'db', 5432),
    deployment('kube-system', 'coredns', 53, 'UDP'),
    deployment('monitoring', 'prometheus', 9090),
    teamPolicy('team-a'),
    teamPolicy('team-b'),
    DNS_POLICY,
    MONITORING_POLICY,
    ...(options.leak === true ? [LEAK] : []),
  ];
  return docs.join('---\n');
}

export function twoTenantEstate(options: TwoTenantOptions = {}): Estate {
  return estateFromManifests(twoTenantManifests(options));
}
