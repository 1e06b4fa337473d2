// The netpol-analyzer cases of the conformance corpus: reads `manifest.json`
// and lists the `plain` runs of chosen categories with the txt file that holds
// each one's expected connectivity list.

import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type NetpolCategory = 'netpol_v1_only' | 'anp_banp' | 'ingress_route' | 'multi_network';

export interface NetpolCase {
  /** The case folder name (last part of `test_dir`). */
  readonly name: string;
  readonly category: NetpolCategory;
  /** Absolute folder of the inputs. */
  readonly inputDir: string;
  /** Absolute path of the txt expected output; an exposure output holds the list before its marker. */
  readonly expectedTxt?: string;
  readonly exposure: boolean;
}

interface ManifestRecord {
  readonly test_dir: string;
  readonly category: NetpolCategory;
  readonly plain: boolean;
  readonly exposure_analysis: boolean;
  readonly expected_outputs: readonly string[];
}

/** Plain runs of the given categories, one per case folder (the non-exposure run preferred). */
export async function listNetpolCases(corpusDir: string, categories: readonly NetpolCategory[]): Promise<NetpolCase[]> {
  const records = JSON.parse(await readFile(path.join(corpusDir, 'manifest.json'), 'utf8')) as ManifestRecord[];
  const byDir = new Map<string, NetpolCase>();
  for (const r of records) {
    if (!r.plain || !categories.includes(r.category)) continue;
    const txt = r.expected_outputs.find((o) => o.endsWith('.txt'));
    const c: NetpolCase = {
      name: path.basename(r.test_dir),
      category: r.category,
      inputDir: path.join(corpusDir, r.test_dir),
      ...(txt === undefined ? {} : { expectedTxt: path.join(corpusDir, txt) }),
      exposure: r.exposure_analysis,
    };
    const seen = byDir.get(r.test_dir);
    if (seen === undefined || (seen.exposure && !c.exposure && c.expectedTxt !== undefined) || (seen.expectedTxt === undefined && c.expectedTxt !== undefined)) {
      byDir.set(r.test_dir, c);
    }
  }
  return [...byDir.values()];
}
