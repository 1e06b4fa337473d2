// Golden runs of the built CLI on a Kubernetes cluster placed in a VPC by a
// ClusterTopology (test/fixtures/cluster-in-vpc: AWS describe-* JSON, the
// cluster's manifests, topology.yaml). Cases run from test/fixtures with
// color off; each snapshots arguments, exit code, stdout and stderr under
// __snapshots__/cluster-in-vpc-*.txt. The bad cases are topologies the run
// must refuse with a diagnostic naming file and line (exit code 2).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, render, repoRoot, runCli, snapshots } from './run-cli.js';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly code: number;
}

const ESTATE = 'cluster-in-vpc';
const FEEDER_A = 'team-a/feeder[Deployment]@general/eks-nodes-a';

const CASES: readonly Case[] = [
  { name: 'check', code: 1, args: ['check', ESTATE, '--queries', 'cluster-in-vpc-queries/queries.yaml', '--no-timing'] },
  {
    name: 'explain-pod-to-instance',
    code: 0,
    args: ['explain', ESTATE, '--src', '10.40.1.20', '--src-endpoint', FEEDER_A, '--dst', '10.40.3.10', '--port', '5432'],
  },
  { name: 'explain-shared-address', code: 0, args: ['explain', ESTATE, '--src', '10.40.2.20', '--dst', '10.40.3.10', '--port', '5432'] },
  { name: 'matrix', code: 0, args: ['matrix', ESTATE] },
  { name: 'bad-unknown-refs', code: 2, args: ['check', `${ESTATE}/aws`, 'cluster-in-vpc-errors/unknown-refs.yaml', '--queries', 'cluster-in-vpc-queries/queries.yaml'] },
  { name: 'bad-malformed', code: 2, args: ['check', `${ESTATE}/aws`, 'cluster-in-vpc-errors/malformed.yaml', '--queries', 'cluster-in-vpc-queries/queries.yaml'] },
];

const cwd = path.join(repoRoot, 'test', 'fixtures');

describe.concurrent('golden CLI runs on a cluster in a VPC', () => {
  it('has a built CLI to run', () => {
    expect(existsSync(cli), `${cli} is missing: build with npx tsc -p tsconfig.build.json`).toBe(true);
  });

  for (const c of CASES) {
    it(c.name, { timeout: 180_000 }, async ({ expect }) => {
      const run = await runCli(c.args, cwd);
      expect(run.code, run.stderr).toBe(c.code);
      expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      await expect(render(c.args, run)).toMatchFileSnapshot(path.join(snapshots, `cluster-in-vpc-${c.name}.txt`));
    });
  }
});
