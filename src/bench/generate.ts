// The benchmark's estate generator: from a size and a seed, a deterministic
// synthetic AWS estate (plan), written as `aws ec2 describe-*` JSON files so
// the benchmark measures the real loader.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Prng } from './prng.js';
import { SIZES, type SizeName, type SizeSpec } from './generate-sizes.js';
import type { EstatePlan } from './generate-plan.js';
import { generateSubnets, generateVpcs } from './generate-network.js';
import { generateSecurityGroupRules, generateSecurityGroupShells } from './generate-security-groups.js';
import { generateNetworkAcls } from './generate-network-acls.js';
import { generateRoles, generateWorkloads } from './generate-workloads.js';
import { renderAwsJson } from './generate-aws-json.js';

export const DEFAULT_SEED = 20_240_611;

export function generatePlan(size: SizeName | SizeSpec, seed: number = DEFAULT_SEED): EstatePlan {
  const spec = typeof size === 'string' ? SIZES[size] : size;
  const root = new Prng(seed);
  const region = 'eu-west-1';
  const accountId = String(100_000_000_000 + root.int(0, 899_999_999)).padStart(12, '0');
  const vpcs = generateVpcs(spec, root.fork('vpcs'));
  const subnets = generateSubnets(spec, vpcs, region, root.fork('subnets'));
  const shells = generateSecurityGroupShells(spec, vpcs, root.fork('security-groups'));
  generateSecurityGroupRules(spec, vpcs, subnets, shells, root.fork('security-group-rules'));
  const networkAcls = generateNetworkAcls(spec, vpcs, subnets, root.fork('network-acls'));
  const roles = generateRoles(spec, vpcs, subnets, shells, root.fork('roles'));
  const { interfaces, instances } = generateWorkloads(spec, vpcs, subnets, roles, root.fork('workloads'));
  return { spec, seed, accountId, region, vpcs, subnets, securityGroups: shells.groups, networkAcls, roles, interfaces, instances };
}

/** Writes one JSON file per describe command into `dir` (created if needed); returns the file paths. */
export async function writeEstate(plan: EstatePlan, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, doc] of Object.entries(renderAwsJson(plan))) {
    const file = path.join(dir, name);
    await writeFile(file, JSON.stringify(doc, null, 4) + '\n', 'utf8');
    files.push(file);
  }
  return files;
}
