// Golden runs of the built CLI (dist/cli/main.js, built by the global setup):
// each case snapshots the arguments, the exit code, stdout and stderr in one
// file under __snapshots__/. Cases run from test/golden/fixtures (so paths in
// the output are short and machine-independent), with color off and timings
// left out (--no-timing) so the output is reproducible.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixtures, render, repoRoot, runCli, snapshots } from './run-cli.js';


interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** The exit code the case must end with (the snapshot records it too). */
  readonly code: number;
  /** Working directory: the fixtures folder unless 'repo'. */
  readonly cwd?: 'fixtures' | 'repo';
  /** Skip (with a message) unless this path, relative to cwd, exists. */
  readonly needs?: string;
}

const SHOP_WITH_MISSING_SG = [
  'shop/describe-vpcs.json',
  'shop/describe-subnets.json',
  'shop/describe-instances.json',
  'shop/describe-network-acls.json',
  'shop/describe-route-tables.json',
  'shop/describe-internet-gateways.json',
  'missing-sg/describe-security-groups.json',
];

const CASES: readonly Case[] = [
  { name: 'check-text', code: 1, args: ['check', 'shop', '--queries', 'queries/shop.yaml', '--no-timing'] },
  { name: 'check-details-all', code: 1, args: ['check', 'shop', '--queries', 'queries/shop.yaml', '--no-timing', '--details', 'all'] },
  { name: 'check-json', code: 1, args: ['check', 'shop', '--queries', 'queries/shop.yaml', '--no-timing', '--format', 'json'] },
  {
    name: 'check-example',
    code: 1,
    args: ['check', 'examples/aiml-platform', '--queries', 'queries', '--no-timing'],
    cwd: 'repo',
    needs: 'examples/aiml-platform',
  },
  { name: 'query-holds', code: 0, args: ['query', 'shop', '--from', 'internet', '--to', 'tag:tier=web', '--protocol', 'tcp', '--port', '443', '--no-timing'] },
  {
    name: 'query-violated',
    code: 1,
    args: ['query', 'shop', '--from', 'tag:tier=web', '--to', 'tag:tier=db', '--expect', 'isolated', '--no-timing'],
  },
  { name: 'query-unreachable', code: 1, args: ['query', 'shop', '--from', 'internet', '--to', 'tag:tier=db', '--no-timing'] },
  {
    name: 'query-json',
    code: 0,
    args: ['query', 'shop', '--from', 'tag:tier=web', '--to', 'tag:tier=app', '--expect', 'only', '--protocol', 'tcp', '--port', '8080', '--format', 'json', '--no-timing'],
  },
  {
    name: 'query-missing-sg',
    code: 3,
    args: ['query', ...SHOP_WITH_MISSING_SG, '--from', 'tag:tier=db', '--to', 'tag:tier=app', '--expect', 'isolated', '--protocol', 'tcp', '--port', '8080', '--no-timing'],
  },
  { name: 'explain-allowed', code: 0, args: ['explain', 'shop', '--src', '10.0.2.20', '--dst', '10.0.3.30', '--port', '5432'] },
  { name: 'explain-denied-by-nacl', code: 0, args: ['explain', 'shop', '--src', '10.0.2.20', '--dst', '10.0.3.30', '--port', '22'] },
  { name: 'explain-reply-blocked', code: 0, args: ['explain', 'shop', '--src', '10.0.2.20', '--dst', '10.0.3.30', '--port', '5432', '--src-port', '80'] },
  { name: 'explain-same-subnet', code: 0, args: ['explain', 'shop', '--src', '10.0.3.31', '--dst', '10.0.3.30', '--port', '22'] },
  { name: 'explain-to-internet', code: 0, args: ['explain', 'shop', '--src', '10.0.1.10', '--dst', '93.184.216.34', '--port', '443'] },
  { name: 'explain-from-internet-icmp', code: 0, args: ['explain', 'shop', '--src', '93.184.216.34', '--dst', '10.0.1.10', '--protocol', 'icmp'] },
  { name: 'explain-json', code: 0, args: ['explain', 'shop', '--src', '10.0.1.10', '--dst', '10.0.2.20', '--port', '8080', '--format', 'json'] },
  { name: 'explain-unknown-address', code: 2, args: ['explain', 'shop', '--src', '10.0.9.9', '--dst', '10.0.3.30', '--port', '5432'] },
  { name: 'matrix', code: 0, args: ['matrix', 'shop'] },
  { name: 'matrix-subnets-json', code: 0, args: ['matrix', 'shop', '--level', 'subnets', '--format', 'json'] },
  { name: 'bad-malformed-json', code: 2, args: ['check', 'bad-json', '--queries', 'queries/shop.yaml'] },
  { name: 'bad-host-bits', code: 2, args: ['check', 'host-bits', '--queries', 'queries/shop.yaml'] },
  { name: 'bad-host-bits-json', code: 2, args: ['check', 'host-bits', '--queries', 'queries/shop.yaml', '--format', 'json'] },
  { name: 'bad-empty-folder', code: 2, args: ['check', 'empty', '--queries', 'queries/shop.yaml'] },
  { name: 'bad-missing-path', code: 2, args: ['check', 'no-such-folder', '--queries', 'queries/shop.yaml'] },
  { name: 'bad-selector-empty', code: 2, args: ['check', 'shop', '--queries', 'queries-typo/typo.yaml'] },
  { name: 'bad-query-selector-empty', code: 2, args: ['query', 'shop', '--from', 'tag:tier=web', '--to', 'name:nothing-*'] },
  { name: 'bad-selector-syntax', code: 2, args: ['query', 'shop', '--from', 'tier=web', '--to', 'any'] },
  { name: 'bad-unknown-command', code: 2, args: ['chek', 'shop'] },
  { name: 'bad-unknown-option', code: 2, args: ['check', 'shop', '--formt', 'json'] },
  { name: 'bad-format-choice', code: 2, args: ['check', 'shop', '--format', 'yaml'] },
  { name: 'bad-timeout', code: 2, args: ['check', 'shop', '--timeout', 'soon'] },
  { name: 'bad-missing-required', code: 2, args: ['query', 'shop', '--from', 'any'] },
  { name: 'no-arguments', code: 2, args: [] },
];

describe.concurrent('golden CLI runs', () => {
  it('has a built CLI to run', () => {
    expect(existsSync(cli), `${cli} is missing: build with npx tsc -p tsconfig.build.json`).toBe(true);
  });

  for (const c of CASES) {
    // Each case starts a Node process (and Z3 for check/query); generous for loaded machines.
    it(c.name, { timeout: 180_000 }, async ({ expect, skip }) => {
      const cwd = c.cwd === 'repo' ? repoRoot : fixtures;
      if (c.needs !== undefined && !existsSync(path.join(cwd, c.needs))) {
        skip(`${c.needs} is not there yet`);
      }
      const run = await runCli(c.args, cwd);
      expect(run.code, run.stderr).toBe(c.code);
      expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      await expect(render(c.args, run)).toMatchFileSnapshot(path.join(snapshots, `${c.name}.txt`));
    });
  }
});
