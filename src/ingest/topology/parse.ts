// Validates a ClusterTopology document (see README.md) into `ClusterTopology`.
// Every complaint is a `topology-invalid` error naming the file and the
// place (its line filled in when the document resolves lines); unknown keys
// are errors too, so a misspelt key never silently changes the model.

import path from 'node:path';
import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { SourceLocation } from '../../model/provenance.js';
import type { InputDocument } from '../document.js';
import { ObjectReader, describe, existingPrefix } from '../k8s/reader.js';
import { parseLabelSelector } from '../k8s/selector.js';
import type { LabelSelector } from '../k8s/types.js';
import { TOPOLOGY_API_VERSION, TOPOLOGY_KIND, type ClusterTopology, type ManifestPath, type NodeGroup, type TopologyCluster, type TopologyRef } from './types.js';

type Json = Record<string, unknown>;

const NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/i;

class TopologyReader {
  failed = false;

  constructor(
    readonly doc: InputDocument,
    readonly sink: DiagnosticSink,
  ) {}

  at(pointer: string): SourceLocation {
    return this.doc.at(pointer);
  }

  fail(pointer: string, message: string): undefined {
    this.failed = true;
    this.sink.report('topology-invalid', `${this.doc.file}#${pointer}: ClusterTopology: ${message}`, this.at(existingPrefix(this.doc.value, pointer)));
    return undefined;
  }

  record(value: unknown, pointer: string, what: string, keys: readonly string[]): Json | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(pointer, `${what} must be an object, found ${describe(value)}`);
    const rec = value as Json;
    for (const k of Object.keys(rec)) {
      if (!keys.includes(k)) this.fail(`${pointer}/${k}`, `unknown key "${k}" in ${what} (expected ${keys.join(', ')})`);
    }
    return rec;
  }

  /** A non-empty list when `required`; absent gives undefined (an error when required). */
  list(value: unknown, pointer: string, what: string, required: boolean): unknown[] | undefined {
    if (value === undefined || value === null) return required ? this.fail(pointer, `${what} is required (a non-empty list)`) : undefined;
    if (!Array.isArray(value)) return this.fail(pointer, `${what} must be a list, found ${describe(value)}`);
    if (required && value.length === 0) return this.fail(pointer, `${what} must not be empty`);
    return value;
  }

  string(value: unknown, pointer: string, what: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    return this.fail(pointer, `${what} must be a non-empty string, found ${value === undefined ? 'nothing' : describe(value)}`);
  }

  name(value: unknown, pointer: string, what: string): string | undefined {
    const s = this.string(value, pointer, what);
    if (s === undefined) return undefined;
    if (!NAME.test(s)) return this.fail(pointer, `${what} "${s}" may hold only letters, digits, '-', '_' and '.'`);
    return s;
  }

  refs(value: unknown, pointer: string, what: string): TopologyRef[] {
    const list = this.list(value, pointer, what, true) ?? [];
    const out: TopologyRef[] = [];
    list.forEach((v, i) => {
      const text = this.string(v, `${pointer}/${i}`, `${what} entry`);
      if (text !== undefined) out.push({ text, location: this.at(`${pointer}/${i}`) });
    });
    return out;
  }
}

function parseNodeGroup(r: TopologyReader, value: unknown, pointer: string, cluster: string): NodeGroup | undefined {
  const rec = r.record(value, pointer, 'a node group', ['name', 'subnets', 'securityGroups', 'podSelector', 'namespaces']);
  if (rec === undefined) return undefined;
  const name = r.name(rec['name'], `${pointer}/name`, 'node group name');
  const subnets = r.refs(rec['subnets'], `${pointer}/subnets`, 'subnets');
  const securityGroups = r.refs(rec['securityGroups'], `${pointer}/securityGroups`, 'securityGroups');
  let podSelector: LabelSelector | undefined;
  if (rec['podSelector'] !== undefined && rec['podSelector'] !== null) {
    const k8s = new ObjectReader(r.doc, r.sink, `ClusterTopology cluster ${cluster} node group ${name ?? '?'}`);
    podSelector = parseLabelSelector(k8s, rec['podSelector'], `${pointer}/podSelector`);
    if (k8s.failed) r.failed = true;
  }
  let namespaces: string[] | undefined;
  const nsList = r.list(rec['namespaces'], `${pointer}/namespaces`, 'namespaces', false);
  if (nsList !== undefined) {
    namespaces = [];
    nsList.forEach((v, i) => {
      const ns = r.name(v, `${pointer}/namespaces/${i}`, 'namespace');
      if (ns !== undefined) namespaces!.push(ns);
    });
  }
  if (name === undefined) return undefined;
  return {
    name,
    subnets,
    securityGroups,
    ...(podSelector === undefined ? {} : { podSelector }),
    ...(namespaces === undefined ? {} : { namespaces }),
    location: r.at(pointer),
  };
}

function parseCluster(r: TopologyReader, value: unknown, pointer: string): TopologyCluster | undefined {
  const rec = r.record(value, pointer, 'a cluster', ['name', 'vpc', 'manifests', 'podNetworking', 'nodeGroups']);
  if (rec === undefined) return undefined;
  const name = r.name(rec['name'], `${pointer}/name`, 'cluster name');
  const vpcText = r.string(rec['vpc'], `${pointer}/vpc`, 'vpc');
  const networking = rec['podNetworking'];
  if (networking !== undefined && networking !== 'vpc-cni') {
    r.fail(
      `${pointer}/podNetworking`,
      `podNetworking ${describe(networking)} is not modeled: only "vpc-cni" (pods take addresses of their node group's subnets) is`,
    );
  }
  const dir = path.dirname(r.doc.file);
  const manifests: ManifestPath[] = [];
  (r.list(rec['manifests'], `${pointer}/manifests`, 'manifests', true) ?? []).forEach((v, i) => {
    const text = r.string(v, `${pointer}/manifests/${i}`, 'manifests entry');
    if (text !== undefined) manifests.push({ text, path: path.resolve(dir, text), location: r.at(`${pointer}/manifests/${i}`) });
  });
  const nodeGroups: NodeGroup[] = [];
  const seen = new Set<string>();
  (r.list(rec['nodeGroups'], `${pointer}/nodeGroups`, 'nodeGroups', true) ?? []).forEach((v, i) => {
    const ng = parseNodeGroup(r, v, `${pointer}/nodeGroups/${i}`, name ?? '?');
    if (ng === undefined) return;
    if (seen.has(ng.name)) r.fail(`${pointer}/nodeGroups/${i}/name`, `node group "${ng.name}" is defined twice in cluster ${name ?? '?'}`);
    seen.add(ng.name);
    nodeGroups.push(ng);
  });
  if (name === undefined || vpcText === undefined) return undefined;
  return { name, vpc: { text: vpcText, location: r.at(`${pointer}/vpc`) }, manifests, nodeGroups, location: r.at(pointer) };
}

/** The topology of one document; undefined after `topology-invalid` errors. */
export function parseTopology(doc: InputDocument, sink: DiagnosticSink): ClusterTopology | undefined {
  const r = new TopologyReader(doc, sink);
  const root = r.record(doc.value, '', 'the document', ['apiVersion', 'kind', 'metadata', 'clusters']);
  if (root === undefined) return undefined;
  if (root['apiVersion'] !== TOPOLOGY_API_VERSION) {
    r.fail('/apiVersion', `apiVersion ${describe(root['apiVersion'])} is not supported (expected ${TOPOLOGY_API_VERSION})`);
  }
  if (root['kind'] !== TOPOLOGY_KIND) r.fail('/kind', `kind must be ${TOPOLOGY_KIND}`);
  const clusters: TopologyCluster[] = [];
  const seen = new Set<string>();
  (r.list(root['clusters'], '/clusters', 'clusters', true) ?? []).forEach((v, i) => {
    const c = parseCluster(r, v, `/clusters/${i}`);
    if (c === undefined) return;
    if (seen.has(c.name)) r.fail(`/clusters/${i}/name`, `cluster "${c.name}" is defined twice`);
    seen.add(c.name);
    clusters.push(c);
  });
  return r.failed ? undefined : { file: doc.file, clusters };
}
