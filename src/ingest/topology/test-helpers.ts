// Helpers for ClusterTopology tests: fixture folders and one topology
// document parsed from inline YAML.
import { fileURLToPath } from 'node:url';
import { DiagnosticSink } from '../../model/diagnostics.js';
import { parseInputDocuments, type InputDocument } from '../document.js';

export function clusterFixture(name: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/${name}`, import.meta.url));
}

export function topologyDoc(yamlText: string, file = 'topology.yaml'): { doc: InputDocument; sink: DiagnosticSink } {
  const sink = new DiagnosticSink();
  const doc = parseInputDocuments(file, yamlText, sink)?.[0];
  if (doc === undefined) throw new Error(`topology snippet does not parse: ${sink.items.map((d) => d.message).join('; ')}`);
  return { doc, sink };
}
