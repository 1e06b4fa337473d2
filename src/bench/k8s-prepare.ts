// Prepares one Kubernetes size for measurement: generates the cluster,
// writes its manifests as YAML into a folder of their own, and keeps only
// what the measuring process needs (counts and the names queries refer to).

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { generateKubePlan, kubePlanCounts, type KubeCounts, type KubeQueryFacts } from './generate-k8s.js';
import { writeKubeEstate } from './generate-k8s-write.js';
import type { KubeSizeName } from './k8s-sizes.js';
import { timed } from './bench-stats.js';

export interface PreparedKubeSize {
  readonly estateDir: string;
  readonly facts: KubeQueryFacts;
  readonly counts: KubeCounts;
  readonly generateMs: number;
}

/** Writes the manifests of `size` under `root/<size>/estate`. */
export async function prepareKubeSize(size: KubeSizeName, seed: number, root: string): Promise<PreparedKubeSize> {
  const estateDir = path.join(root, size, 'estate');
  const made = await timed(async () => {
    const plan = generateKubePlan(size, seed);
    const files = await writeKubeEstate(plan, estateDir);
    return { plan, files };
  });
  let bytes = 0;
  for (const f of made.value.files) bytes += (await stat(f)).size;
  return { estateDir, facts: made.value.plan.facts, counts: kubePlanCounts(made.value.plan, bytes), generateMs: made.ms };
}
