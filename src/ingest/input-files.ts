// Turns the paths a person named into the list of files to read: files as
// given, folders walked recursively (hidden entries skipped), in a stable
// order. Paths that do not exist yield `input-not-found`.

import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticSink } from '../model/diagnostics.js';

/** Extensions read when walking a folder; files named directly are always read. */
const INPUT_EXTENSIONS = /\.(json|ya?ml)$/i;

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && INPUT_EXTENSIONS.test(entry.name)) out.push(full);
  }
}

export async function listInputFiles(paths: readonly string[], sink: DiagnosticSink): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      sink.report('input-not-found', `${p}: no such file or folder`, { file: p });
      continue;
    }
    if (info.isDirectory()) {
      try {
        await walk(p, files);
      } catch (err) {
        sink.report('input-not-found', `${p}: cannot read folder (${(err as Error).message})`, { file: p });
      }
    } else {
      files.push(p);
    }
  }
  return [...new Set(files)];
}
