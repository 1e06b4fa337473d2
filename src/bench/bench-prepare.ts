// Prepares one size for measurement: generates the estate, writes the
// describe-* files into a folder of their own, and keeps only what the
// measuring process needs (counts and the names queries refer to).

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { generatePlan, writeEstate } from './generate.js';
import type { EstatePlan } from './generate-plan.js';
import type { SizeName } from './generate-sizes.js';
import { queryFacts, type QueryFacts } from './bench-queries.js';
import type { EstateCounts } from './bench-result.js';
import { timed } from './bench-stats.js';

export interface PreparedSize {
  readonly estateDir: string;
  readonly facts: QueryFacts;
  readonly counts: EstateCounts;
  readonly generateMs: number;
}

export function planCounts(plan: EstatePlan, inputBytes: number): EstateCounts {
  return {
    vpcs: plan.vpcs.length,
    subnets: plan.subnets.length,
    interfaces: plan.interfaces.length,
    instances: plan.instances.length,
    securityGroups: plan.securityGroups.length,
    securityGroupRules: plan.securityGroups.reduce((n, g) => n + g.rules.length, 0),
    networkAcls: plan.networkAcls.length,
    networkAclEntries: plan.networkAcls.reduce((n, a) => n + a.entries.filter((e) => e.ruleNumber !== 32767).length, 0),
    inputBytes,
  };
}

/** Writes the estate of `size` under `root/<size>/estate`. */
export async function prepareSize(size: SizeName, seed: number, root: string): Promise<PreparedSize> {
  const estateDir = path.join(root, size, 'estate');
  const made = await timed(async () => {
    const plan = generatePlan(size, seed);
    const files = await writeEstate(plan, estateDir);
    return { plan, files };
  });
  let bytes = 0;
  for (const f of made.value.files) bytes += (await stat(f)).size;
  return {
    estateDir,
    facts: queryFacts(made.value.plan),
    counts: planCounts(made.value.plan, bytes),
    generateMs: made.ms,
  };
}
