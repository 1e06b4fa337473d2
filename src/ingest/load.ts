// The loader's entry point: walk the named paths, read and parse each file,
// hand every document to the vendor adapter that claims it, and return the
// assembled estate with every diagnostic. With a ClusterTopology document,
// AWS and Kubernetes documents are combined into one estate
// (src/ingest/topology); without one, inputs of several vendors are not
// combined. Files nobody claims are skipped with `input-unrecognized`; an
// error anywhere means no estate. A YAML file may
// hold several documents (Kubernetes manifests); each is claimed on its own.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DiagnosticSink, type Diagnostic } from '../model/diagnostics.js';
import type { Estate } from '../model/estate.js';
import type { VendorAdapter } from './adapter.js';
import { awsAdapter } from './aws/adapter.js';
import { kubernetesAdapter } from './k8s/adapter.js';
import { parseInputDocuments, type InputDocument } from './document.js';
import { listInputFiles } from './input-files.js';
import { assembleClusterInVpc } from './topology/assemble.js';
import { isTopologyDocument } from './topology/detect.js';
import { topologyManifestPaths } from './topology/manifest-paths.js';

export interface LoadResult {
  readonly estate?: Estate;
  readonly diagnostics: readonly Diagnostic[];
}

const ADAPTERS: readonly VendorAdapter[] = [awsAdapter, kubernetesAdapter];

async function readDocuments(file: string, sink: DiagnosticSink): Promise<InputDocument[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    sink.report('input-not-found', `${file}: cannot read (${(err as Error).message})`, { file });
    return undefined;
  }
  return parseInputDocuments(file, text, sink);
}

/** Files or folders (recursive). `estate` is undefined iff some diagnostic has severity 'error'. */
export async function loadEstate(paths: readonly string[]): Promise<LoadResult> {
  const sink = new DiagnosticSink();
  const files = await listInputFiles(paths, sink);
  if (files.length === 0) {
    if (!sink.hasErrors()) sink.report('input-empty', `no input files in ${paths.join(', ') || '(no paths given)'}`);
    return { diagnostics: sink.items };
  }
  const claimed = new Map<VendorAdapter, InputDocument[]>();
  const docs: InputDocument[] = [];
  const topology: InputDocument[] = [];
  await claimFiles(files, sink, claimed, docs, topology);
  if (topology.length > 0) {
    // Manifests a topology names are read even when not named on the command line.
    const named = topology.flatMap(topologyManifestPaths);
    const read = new Set(files.map((f) => path.resolve(f)));
    const more = (await listInputFiles(named, sink)).filter((f) => !read.has(path.resolve(f)));
    await claimFiles(more, sink, claimed, docs, topology);
    const estate = assembleClusterInVpc(
      { topology, aws: claimed.get(awsAdapter) ?? [], kubernetes: claimed.get(kubernetesAdapter) ?? [] },
      sink,
    );
    for (const doc of docs) doc.resolveLines();
    if (estate === undefined || sink.hasErrors()) return { diagnostics: sink.items };
    return { estate: { ...estate, diagnostics: [...sink.items] }, diagnostics: sink.items };
  }
  if (claimed.size === 0) {
    if (!sink.hasErrors()) sink.report('input-empty', `none of the ${files.length} input file(s) is in a supported format`);
    return { diagnostics: sink.items };
  }
  const [first, ...others] = [...claimed.entries()];
  for (const [adapter, list] of others) {
    sink.report(
      'not-modeled',
      `inputs of more than one vendor (${[...claimed.keys()].map((a) => a.vendor).join(', ')}) are not combined yet (a ClusterTopology file places clusters in a VPC); ${list.length} ${adapter.vendor} document(s) ignored`,
      list[0] === undefined ? undefined : { file: list[0].file },
    );
  }
  const [adapter, list] = first!;
  const estate = adapter.assemble(list, sink);
  for (const doc of docs) doc.resolveLines();
  if (sink.hasErrors()) return { diagnostics: sink.items };
  return { estate: { ...estate, diagnostics: [...sink.items] }, diagnostics: sink.items };
}

/** Reads each file and hands its documents to the adapter that claims them (topology documents to `topology`). */
async function claimFiles(
  files: readonly string[],
  sink: DiagnosticSink,
  claimed: Map<VendorAdapter, InputDocument[]>,
  docs: InputDocument[],
  topology: InputDocument[],
): Promise<void> {
  for (const file of files) {
    const fileDocs = await readDocuments(file, sink);
    if (fileDocs === undefined) continue;
    if (fileDocs.length === 0) {
      sink.report('input-unrecognized', `${file}: holds no document, skipped`, { file });
      continue;
    }
    for (const doc of fileDocs) {
      docs.push(doc);
      if (isTopologyDocument(doc)) {
        topology.push(doc);
        continue;
      }
      const hints: string[] = [];
      const adapter = ADAPTERS.find((a) => {
        const c = a.claim(doc);
        if (!c.claimed && c.hint !== undefined) hints.push(c.hint);
        return c.claimed;
      });
      if (adapter === undefined) {
        const why = hints.length > 0 ? `: ${hints.join('; ')}` : '';
        const which = fileDocs.length > 1 ? ` (a document of it)` : '';
        sink.report('input-unrecognized', `${file}${which}: not a supported input format, skipped${why}`, { file });
        continue;
      }
      const list = claimed.get(adapter) ?? [];
      list.push(doc);
      claimed.set(adapter, list);
    }
  }
}
