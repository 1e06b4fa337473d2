// The manifest paths a ClusterTopology names, resolved against its file's
// folder, read without validation (parse.ts reports what is wrong): the
// loader reads these too, so a topology may point at manifests that were not
// named on the command line.

import path from 'node:path';
import type { InputDocument } from '../document.js';

export function topologyManifestPaths(doc: InputDocument): string[] {
  const v = doc.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
  const clusters = (v as Record<string, unknown>)['clusters'];
  if (!Array.isArray(clusters)) return [];
  const dir = path.dirname(doc.file);
  const out: string[] = [];
  for (const c of clusters) {
    const manifests = typeof c === 'object' && c !== null ? (c as Record<string, unknown>)['manifests'] : undefined;
    if (!Array.isArray(manifests)) continue;
    for (const m of manifests) if (typeof m === 'string' && m.trim() !== '') out.push(path.join(dir, m.trim()));
  }
  return [...new Set(out)];
}

/** Whether `file` is `root` or lies under it (both resolved). */
export function isUnder(file: string, root: string): boolean {
  const f = path.resolve(file);
  const r = path.resolve(root);
  return f === r || f.startsWith(r.endsWith(path.sep) ? r : r + path.sep);
}
