// Golden runs of the built CLI on Kubernetes manifests (dist/cli/main.js,
// built by the global setup), the way cli.test.ts runs the AWS cases: each
// case snapshots the arguments, the exit code, stdout and stderr in one file
// under __snapshots__/k8s-*.txt. Cases run from test/golden/fixtures with
// color off. The fixture `k8s-cluster` is a small cluster (namespaces,
// Deployments, a StatefulSet, NetworkPolicies with named ports, an endPort
// range and an ipBlock with except, an ANP with Pass, an ANP Deny, a BANP);
// the `k8s-bad-*` and `k8s-no-objects` folders are manifests the run must
// refuse with a diagnostic naming file and line (exit code 2). `k8s-tenants`
// (two tenant namespaces, a planted cross-tenant leak, shared DNS and
// monitoring) is asked tenant-isolation queries from `tenant-queries/`, and
// `tenant-queries-bad/` holds tenant queries the parser must refuse.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixtures, render, runCli, snapshots } from './run-cli.js';


interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** The exit code the case must end with (the snapshot records it too). */
  readonly code: number;
}

const CLUSTER = 'k8s-cluster';
/** Two tenant namespaces with one leak, shared DNS and monitoring (queries in tenant-queries/). */
const TENANTS = 'k8s-tenants';

const CASES: readonly Case[] = [
  { name: 'k8s-matrix', code: 0, args: ['matrix', CLUSTER] },
  { name: 'k8s-matrix-txt', code: 0, args: ['matrix', CLUSTER, '--format', 'txt'] },
  { name: 'k8s-matrix-netpol-json', code: 0, args: ['matrix', CLUSTER, '--format', 'netpol-json'] },
  { name: 'k8s-matrix-csv', code: 0, args: ['matrix', CLUSTER, '--format', 'csv'] },
  { name: 'k8s-matrix-md', code: 0, args: ['matrix', CLUSTER, '--format', 'md'] },
  { name: 'k8s-matrix-dot', code: 0, args: ['matrix', CLUSTER, '--format', 'dot'] },
  { name: 'k8s-matrix-text', code: 0, args: ['matrix', CLUSTER, '--format', 'text'] },
  { name: 'k8s-focus', code: 0, args: ['matrix', CLUSTER, '--focus', 'api/backend'] },
  { name: 'k8s-focus-kind-md', code: 0, args: ['matrix', CLUSTER, '--focus', 'data/db[StatefulSet]', '--format', 'md'] },
  { name: 'k8s-focus-two-csv', code: 0, args: ['matrix', CLUSTER, '--focus', 'frontend,prometheus', '--format', 'csv'] },
  { name: 'k8s-focus-egress', code: 0, args: ['matrix', CLUSTER, '--focus', 'frontend', '--focus-direction', 'egress'] },
  { name: 'k8s-explain', code: 0, args: ['matrix', CLUSTER, '--explain'] },
  { name: 'k8s-explain-focus', code: 0, args: ['matrix', CLUSTER, '--explain', '--focus', 'db'] },
  { name: 'k8s-bad-malformed-yaml', code: 2, args: ['matrix', 'k8s-bad-yaml'] },
  { name: 'k8s-bad-endport', code: 2, args: ['matrix', 'k8s-bad-endport'] },
  { name: 'k8s-bad-protocol', code: 2, args: ['matrix', 'k8s-bad-protocol'] },
  { name: 'k8s-bad-selector-operator', code: 2, args: ['matrix', 'k8s-bad-selector'] },
  { name: 'k8s-bad-no-objects', code: 2, args: ['matrix', 'k8s-no-objects'] },
  { name: 'k8s-bad-focus-unknown', code: 2, args: ['matrix', CLUSTER, '--focus', 'nosuch'] },
  { name: 'k8s-bad-focus-syntax', code: 2, args: ['matrix', CLUSTER, '--focus', 'a/b/c'] },
  { name: 'k8s-bad-explain-format', code: 2, args: ['matrix', CLUSTER, '--explain', '--format', 'csv'] },
  { name: 'k8s-bad-focus-with-text', code: 2, args: ['matrix', CLUSTER, '--focus', 'db', '--format', 'text'] },
  { name: 'k8s-bad-format-choice', code: 2, args: ['matrix', CLUSTER, '--format', 'yaml'] },
  { name: 'k8s-tenants-check', code: 1, args: ['check', TENANTS, '--queries', 'tenant-queries', '--details', 'all', '--no-timing'] },
  {
    name: 'k8s-tenants-query-namespace',
    code: 0,
    args: ['query', TENANTS, '--tenant-isolated', 'namespace', '--except', 'to=namespace:kube-system;traffic=udp,tcp/53', '--except', 'from=namespace:monitoring', '--protocol', 'tcp', '--port', '8443', '--no-timing'],
  },
  { name: 'k8s-tenants-query-json', code: 1, args: ['query', TENANTS, '--tenant-isolated', 'nslabel:tenant', '--format', 'json', '--no-timing'] },
  { name: 'k8s-tenants-bad-queries', code: 2, args: ['check', TENANTS, '--queries', 'tenant-queries-bad'] },
  { name: 'k8s-tenants-bad-tenant-key', code: 2, args: ['query', TENANTS, '--tenant-isolated', 'colour'] },
  { name: 'k8s-tenants-bad-from', code: 2, args: ['query', TENANTS, '--tenant-isolated', 'namespace', '--from', 'any'] },
];

describe.concurrent('golden CLI runs on Kubernetes manifests', () => {
  it('has a built CLI to run', () => {
    expect(existsSync(cli), `${cli} is missing: build with npx tsc -p tsconfig.build.json`).toBe(true);
  });

  for (const c of CASES) {
    it(c.name, { timeout: 120_000 }, async ({ expect }) => {
      const run = await runCli(c.args, fixtures);
      expect(run.code, run.stderr).toBe(c.code);
      expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      await expect(render(c.args, run)).toMatchFileSnapshot(path.join(snapshots, `${c.name}.txt`));
    });
  }
});
