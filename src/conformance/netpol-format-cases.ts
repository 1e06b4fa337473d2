// The netpol-analyzer runs compared beyond the plain txt lists: for plain
// runs, the json/csv/md variants of the list (`<case>_connlist_output.*`);
// and the focus runs (`focus_workloads`, optionally `focus_workload_peers`
// and `focus_direction`), in every format the manifest lists. Runs filtered
// by connection (`focus_conn`) are not listed: netproof has no such filter.
// For exposure runs only the txt list (before its exposure section) is
// compared: their json/csv/md files hold a different document.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NetpolCategory } from './netpol-expected-cases.js';
import type { NetpolListFormat } from './netpol-format-parse.js';

export interface NetpolFormatRun {
  /** e.g. `anp_banp_blog_demo focus myfoo,mybar`. */
  readonly name: string;
  readonly category: NetpolCategory;
  readonly inputDir: string;
  /** 'formats': a plain run's json/csv/md; 'focus': a focus run. */
  readonly group: 'formats' | 'focus';
  readonly focus: readonly string[];
  readonly focusPeers: readonly string[];
  readonly focusDirection?: 'ingress' | 'egress';
  /** Expected files by format. */
  readonly outputs: readonly { readonly format: NetpolListFormat; readonly file: string }[];
}

interface ManifestRecord {
  readonly test_dir: string;
  readonly category: NetpolCategory;
  readonly plain: boolean;
  readonly exposure_analysis: boolean;
  readonly focus_workloads?: readonly string[];
  readonly focus_workload_peers?: readonly string[];
  readonly focus_direction?: string;
  readonly focus_conn?: string;
  readonly expected_outputs: readonly string[];
}

const FORMATS: readonly NetpolListFormat[] = ['txt', 'json', 'csv', 'md'];

function outputsOf(corpusDir: string, r: ManifestRecord, formats: readonly NetpolListFormat[]): NetpolFormatRun['outputs'] {
  return r.expected_outputs.flatMap((o) => {
    const format = FORMATS.find((f) => o.endsWith(`.${f}`));
    return format !== undefined && formats.includes(format) ? [{ format, file: path.join(corpusDir, o) }] : [];
  });
}

export async function listNetpolFormatRuns(corpusDir: string, categories: readonly NetpolCategory[]): Promise<NetpolFormatRun[]> {
  const records = JSON.parse(await readFile(path.join(corpusDir, 'manifest.json'), 'utf8')) as ManifestRecord[];
  const runs: NetpolFormatRun[] = [];
  for (const r of records) {
    if (!categories.includes(r.category)) continue;
    const base = { category: r.category, inputDir: path.join(corpusDir, r.test_dir) };
    const caseName = path.basename(r.test_dir);
    const focus = r.focus_workloads ?? [];
    if (r.plain && focus.length === 0) {
      if (r.exposure_analysis) continue;
      const outputs = outputsOf(corpusDir, r, ['json', 'csv', 'md']);
      if (outputs.length > 0) runs.push({ ...base, name: `${caseName} ${outputs.map((o) => o.format).join('/')}`, group: 'formats', focus: [], focusPeers: [], outputs });
      continue;
    }
    if (focus.length === 0 || (r.focus_conn ?? '') !== '') continue;
    const direction = r.focus_direction === 'ingress' || r.focus_direction === 'egress' ? r.focus_direction : undefined;
    if ((r.focus_direction ?? '') !== '' && direction === undefined) continue;
    const outputs = outputsOf(corpusDir, r, r.exposure_analysis ? ['txt'] : FORMATS);
    if (outputs.length === 0) continue;
    const peers = r.focus_workload_peers ?? [];
    const name = [
      `${caseName} focus ${focus.join(',')}`,
      ...(direction === undefined ? [] : [direction]),
      ...(peers.length === 0 ? [] : [`with ${peers.join(',')}`]),
      ...(r.exposure_analysis ? ['(exposure run, list only)'] : []),
    ].join(' ');
    runs.push({ ...base, name, group: 'focus', focus, focusPeers: peers, ...(direction === undefined ? {} : { focusDirection: direction }), outputs });
  }
  return runs;
}
