// Tests for listing the json/csv/md and focus runs from a netpol-analyzer
// manifest: which runs are taken, with which files, and which are left out
// (exposure json/csv/md, connection filters, other categories).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNetpolFormatRuns } from './netpol-format-cases.js';

const base = { exposure_analysis: false, multiple_networks: false, focus_workloads: [], focus_workload_peers: [], focus_direction: '', focus_conn: '' };
const MANIFEST = [
  { ...base, test_dir: 'tests/a', category: 'anp_banp', plain: true, expected_outputs: ['o/a_connlist_output.txt', 'o/a_connlist_output.json', 'o/a_connlist_output.csv'] },
  { ...base, test_dir: 'tests/a', category: 'anp_banp', plain: true, exposure_analysis: true, expected_outputs: ['o/a_exposure_output.json'] },
  { ...base, test_dir: 'tests/b', category: 'netpol_v1_only', plain: true, expected_outputs: ['o/b_connlist_output.txt'] },
  { ...base, test_dir: 'tests/c', category: 'ingress_route', plain: true, expected_outputs: ['o/c_connlist_output.md'] },
  { ...base, test_dir: 'tests/a', category: 'anp_banp', plain: false, focus_workloads: ['x', 'y'], expected_outputs: ['o/f.txt', 'o/f.md'] },
  { ...base, test_dir: 'tests/a', category: 'anp_banp', plain: false, focus_workloads: ['x'], focus_workload_peers: ['z'], focus_direction: 'egress', expected_outputs: ['o/g.txt'] },
  { ...base, test_dir: 'tests/a', category: 'anp_banp', plain: false, exposure_analysis: true, focus_workloads: ['x'], expected_outputs: ['o/h.txt', 'o/h.json'] },
  { ...base, test_dir: 'tests/a', category: 'anp_banp', plain: false, focus_workloads: ['x'], focus_conn: 'tcp-80', expected_outputs: ['o/i.txt'] },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'netproof-format-cases-'));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('listNetpolFormatRuns', () => {
  it('takes json/csv/md of plain runs and focus runs without a connection filter', async () => {
    const runs = await listNetpolFormatRuns(dir, ['netpol_v1_only', 'anp_banp']);
    expect(runs.map((r) => [r.group, r.name, r.outputs.map((o) => o.format)])).toEqual([
      ['formats', 'a json/csv', ['json', 'csv']],
      ['focus', 'a focus x,y', ['txt', 'md']],
      ['focus', 'a focus x egress with z', ['txt']],
      ['focus', 'a focus x (exposure run, list only)', ['txt']],
    ]);
    const g = runs[2]!;
    expect(g.focusDirection).toBe('egress');
    expect(g.focusPeers).toEqual(['z']);
    expect(g.outputs[0]!.file).toBe(path.join(dir, 'o/g.txt'));
  });
});
