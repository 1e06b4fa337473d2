// Helpers for Kubernetes ingest tests: fixture paths, and a reader over one
// inline YAML document so a parser can be tried on a snippet.
import { fileURLToPath } from 'node:url';
import { DiagnosticSink } from '../../model/diagnostics.js';
import { parseInputDocuments } from '../document.js';
import { ObjectReader } from './reader.js';

export function k8sFixture(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/k8s/${name}`, import.meta.url));
}

export interface Snippet {
  readonly reader: ObjectReader;
  readonly sink: DiagnosticSink;
  readonly value: unknown;
  /** Fills lines of locations handed out so far. */
  resolve(): void;
}

/** One YAML document as `snippet.yaml`, with a reader naming it `what`. */
export function snippet(yamlText: string, what = 'Test object'): Snippet {
  const sink = new DiagnosticSink();
  const docs = parseInputDocuments('snippet.yaml', yamlText, sink);
  const doc = docs?.[0];
  if (doc === undefined) throw new Error(`snippet does not parse: ${sink.items.map((d) => d.message).join('; ')}`);
  return { reader: new ObjectReader(doc, sink, what), sink, value: doc.value, resolve: () => doc.resolveLines() };
}
