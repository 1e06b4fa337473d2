// The Kubernetes loader: walks files and folders of YAML (multi-document) or
// JSON manifests, finds the Kubernetes objects in them (including List and
// *List kinds), parses each kind it reads into the validated vendor
// representation, and returns the cluster with every diagnostic. Kinds that do
// not affect pod connectivity are skipped with an info note; an error anywhere
// means no cluster.

import { readFile } from 'node:fs/promises';
import { DiagnosticSink, type Diagnostic } from '../../model/diagnostics.js';
import type { InputDocument } from '../document.js';
import { parseInputDocuments } from '../document.js';
import { listInputFiles } from '../input-files.js';
import { parseAdminNetworkPolicy, parseBaselineAdminNetworkPolicy } from './admin-policy.js';
import { ClusterBuilder } from './cluster.js';
import { parseSecurityGroupPolicy, parseServiceAccount, SECURITY_GROUP_POLICY_GROUP } from './security-group-policy.js';
import { parseNode } from './nodes.js';
import { parseNamespace } from './namespaces.js';
import { parseNetworkPolicy } from './network-policy.js';
import { collectObjects, type K8sObject } from './objects.js';
import { isRecord, ObjectReader } from './reader.js';
import type { KubernetesCluster } from './types.js';
import { DEFAULT_NAMESPACE, parseWorkload, WORKLOAD_KINDS } from './workloads.js';

export interface KubernetesLoadResult {
  /** Undefined iff some diagnostic has severity 'error'. */
  readonly cluster?: KubernetesCluster;
  readonly diagnostics: readonly Diagnostic[];
}

/** The kinds read, with the API groups each is read from. */
const READ_KINDS: Readonly<Record<string, readonly string[]>> = {
  ...WORKLOAD_KINDS,
  Namespace: [''],
  Node: [''],
  NetworkPolicy: ['networking.k8s.io', 'extensions'],
  AdminNetworkPolicy: ['policy.networking.k8s.io'],
  BaselineAdminNetworkPolicy: ['policy.networking.k8s.io'],
  SecurityGroupPolicy: [SECURITY_GROUP_POLICY_GROUP],
};

/** `Kind ns/name` for messages. */
function describeObject(obj: K8sObject): string {
  const meta = isRecord(obj.value['metadata']) ? obj.value['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '(unnamed)';
  const clusterScoped = obj.kind === 'Namespace' || obj.kind === 'Node' || obj.kind === 'AdminNetworkPolicy' || obj.kind === 'BaselineAdminNetworkPolicy';
  if (clusterScoped) return `${obj.kind} ${name}`;
  const ns = typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : DEFAULT_NAMESPACE;
  return `${obj.kind} ${ns}/${name}`;
}

function readObject(obj: K8sObject, builder: ClusterBuilder, sink: DiagnosticSink): void {
  if (obj.kind === 'ServiceAccount' && (obj.group === undefined || obj.group === '')) {
    // Read for its labels (SecurityGroupPolicy serviceAccountSelector), still noted as not read for connectivity.
    const sa = parseServiceAccount(new ObjectReader(obj.doc, new DiagnosticSink(), describeObject(obj)), obj.value, obj.pointer);
    if (sa !== undefined) builder.addServiceAccount(sa);
  }
  const groups = READ_KINDS[obj.kind];
  if (groups === undefined || (obj.group !== undefined && !groups.includes(obj.group))) {
    const label = groups === undefined || obj.group === undefined ? obj.kind : `${obj.kind} (${obj.group})`;
    builder.skip(label, obj.doc.at(obj.pointer));
    return;
  }
  const r = new ObjectReader(obj.doc, sink, describeObject(obj));
  const { value, pointer } = obj;
  switch (obj.kind) {
    case 'Namespace': {
      const ns = parseNamespace(r, value, pointer);
      if (ns !== undefined) builder.addNamespace(ns);
      return;
    }
    case 'Node': {
      const n = parseNode(r, value, pointer);
      if (n !== undefined) builder.addNode(n);
      return;
    }
    case 'NetworkPolicy': {
      const p = parseNetworkPolicy(r, value, pointer);
      if (p !== undefined) builder.addNetworkPolicy(p, value['spec']);
      return;
    }
    case 'AdminNetworkPolicy': {
      const p = parseAdminNetworkPolicy(r, value, pointer);
      if (p !== undefined) builder.addAdminNetworkPolicy(p, value['spec']);
      return;
    }
    case 'BaselineAdminNetworkPolicy': {
      const p = parseBaselineAdminNetworkPolicy(r, value, pointer);
      if (p !== undefined) builder.addBaselineAdminNetworkPolicy(p, value['spec']);
      return;
    }
    case 'SecurityGroupPolicy': {
      const p = parseSecurityGroupPolicy(r, value, pointer);
      if (p !== undefined) builder.addSecurityGroupPolicy(p, value['spec']);
      return;
    }
    default: {
      const w = parseWorkload(r, value, obj.kind, pointer);
      if (w !== undefined) builder.addWorkload(w);
    }
  }
}

async function readDocuments(file: string, sink: DiagnosticSink): Promise<InputDocument[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    sink.report('input-not-found', `${file}: cannot read (${(err as Error).message})`, { file });
    return [];
  }
  return parseInputDocuments(file, text, sink) ?? [];
}

/**
 * The cluster of already parsed documents (the generic loader's path). Lines
 * of every location are resolved before it returns. `objectCount` is how many
 * Kubernetes objects the documents held.
 */
export function buildCluster(docs: readonly InputDocument[], sink: DiagnosticSink): { cluster: KubernetesCluster; objectCount: number } {
  const builder = new ClusterBuilder(sink);
  let objectCount = 0;
  for (const doc of docs) {
    const objects: K8sObject[] = [];
    objectCount += collectObjects(doc, sink, objects);
    for (const obj of objects) readObject(obj, builder, sink);
  }
  const cluster = builder.finish();
  for (const doc of docs) doc.resolveLines();
  return { cluster, objectCount };
}

/** Files or folders (recursive) of Kubernetes manifests. */
export async function loadKubernetes(paths: readonly string[]): Promise<KubernetesLoadResult> {
  const sink = new DiagnosticSink();
  const files = await listInputFiles(paths, sink);
  if (files.length === 0) {
    if (!sink.hasErrors()) sink.report('input-empty', `no input files in ${paths.join(', ') || '(no paths given)'}`);
    return { diagnostics: sink.items };
  }
  const docs: InputDocument[] = [];
  for (const file of files) docs.push(...(await readDocuments(file, sink)));
  const { cluster, objectCount } = buildCluster(docs, sink);
  if (objectCount === 0 && !sink.hasErrors()) {
    sink.report('input-empty', `none of the ${files.length} input file(s) holds a Kubernetes object`);
  }
  if (sink.hasErrors()) return { diagnostics: sink.items };
  return { cluster, diagnostics: sink.items };
}
