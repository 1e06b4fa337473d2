// Puts an estate together from a ClusterTopology, AWS describe-* documents
// and Kubernetes manifests: the AWS estate first, then per cluster the
// manifests under its `manifests` paths (a document may belong to several
// clusters; one under none is an error, as dropping its policies could make
// an isolation proof unsound), its Kubernetes policy model, and finally the
// merge that places pods in the VPC (merge.ts).

import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { Estate } from '../../model/estate.js';
import { assembleAws } from '../aws/assemble.js';
import type { InputDocument } from '../document.js';
import { buildCluster } from '../k8s/load.js';
import { kubernetesToEstate } from '../k8s/to-estate.js';
import { isUnder } from './manifest-paths.js';
import { mergeClusters, type PlacedCluster } from './merge.js';
import { parseTopology } from './parse.js';
import { resolveTopology, type ResolvedCluster } from './resolve.js';
import type { TopologyCluster } from './types.js';

export interface ClusterInVpcInput {
  readonly topology: readonly InputDocument[];
  readonly aws: readonly InputDocument[];
  readonly kubernetes: readonly InputDocument[];
}

function parseAll(docs: readonly InputDocument[], sink: DiagnosticSink): TopologyCluster[] | undefined {
  const clusters: TopologyCluster[] = [];
  let ok = true;
  for (const doc of docs) {
    const t = parseTopology(doc, sink);
    doc.resolveLines();
    if (t === undefined) {
      ok = false;
      continue;
    }
    for (const c of t.clusters) {
      const twin = clusters.find((x) => x.name === c.name);
      if (twin !== undefined) {
        sink.report('topology-invalid', `${c.location.file}#${c.location.pointer ?? ''}: cluster "${c.name}" is defined again (first in ${twin.location.file})`, c.location);
        ok = false;
      }
      clusters.push(c);
    }
  }
  return ok ? clusters : undefined;
}

function assignDocuments(clusters: readonly ResolvedCluster[], docs: readonly InputDocument[], sink: DiagnosticSink): Map<string, InputDocument[]> {
  const byCluster = new Map<string, InputDocument[]>(clusters.map((c) => [c.name, []]));
  const unassigned = new Set<string>();
  for (const doc of docs) {
    const owners = clusters.filter((c) => c.manifests.some((m) => isUnder(doc.file, m.path)));
    if (owners.length === 0) unassigned.add(doc.file);
    for (const c of owners) byCluster.get(c.name)?.push(doc);
  }
  for (const file of unassigned) {
    sink.report(
      'topology-unassigned-manifest',
      `${file}: holds Kubernetes objects but lies under the manifests of no cluster of the ClusterTopology (add its folder to a cluster's manifests)`,
      { file },
    );
  }
  return byCluster;
}

/** The combined estate, or undefined after errors (reported to `sink`). */
export function assembleClusterInVpc(input: ClusterInVpcInput, sink: DiagnosticSink): Estate | undefined {
  const parsed = parseAll(input.topology, sink);
  const aws = assembleAws(input.aws, sink);
  for (const d of input.aws) d.resolveLines();
  if (parsed === undefined) return undefined;
  const resolved = resolveTopology({ file: input.topology[0]?.file ?? '', clusters: parsed }, aws.inventory, sink);
  if (resolved === undefined) return undefined;
  const byCluster = assignDocuments(resolved, input.kubernetes, sink);
  const placed: PlacedCluster[] = resolved.map((c) => {
    const docs = byCluster.get(c.name) ?? [];
    const { cluster } = buildCluster(docs, sink);
    const estate = kubernetesToEstate(cluster, { clusterName: c.name, sources: docs.map((d) => d.file), sink });
    return { resolved: c, kubernetes: cluster, estate };
  });
  if (sink.hasErrors()) return undefined;
  const sources = [...new Set([...input.topology, ...input.aws, ...input.kubernetes].map((d) => d.file))];
  return mergeClusters(aws, placed, sink, sources);
}
