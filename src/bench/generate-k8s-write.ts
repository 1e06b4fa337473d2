// Writes a generated Kubernetes plan as multi-document YAML manifests, one
// file per namespace (its Namespace, Deployments and NetworkPolicies) plus
// one for the cluster-scoped admin policies, the way a GitOps repository
// holds them.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { KubePlan, Manifest } from './generate-k8s.js';

function namespaceOf(m: Manifest): string {
  const meta = m['metadata'] as { namespace?: string; name?: string } | undefined;
  return meta?.namespace ?? meta?.name ?? 'default';
}

function yamlDocuments(docs: readonly Manifest[]): string {
  return docs.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('');
}

/** Writes the manifests into `dir` (created if needed); returns the file paths. */
export async function writeKubeEstate(plan: KubePlan, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const byNamespace = new Map<string, Manifest[]>();
  const add = (m: Manifest, ns: string): void => {
    const list = byNamespace.get(ns) ?? [];
    list.push(m);
    byNamespace.set(ns, list);
  };
  for (const n of plan.namespaces) add(n, namespaceOf(n));
  for (const d of plan.deployments) add(d, namespaceOf(d));
  for (const p of plan.networkPolicies) add(p, namespaceOf(p));
  const files: string[] = [];
  for (const [ns, docs] of byNamespace) {
    const file = path.join(dir, `${ns}.yaml`);
    await writeFile(file, yamlDocuments(docs), 'utf8');
    files.push(file);
  }
  const admin = path.join(dir, 'cluster-admin-policies.yaml');
  await writeFile(admin, yamlDocuments([...plan.adminPolicies, plan.baseline]), 'utf8');
  files.push(admin);
  return files;
}
