// Recognises a ClusterTopology document by content: `kind: ClusterTopology`
// with an `apiVersion` of netproof.dev (any version, so that an unsupported
// one gets a clear `topology-invalid` error from parse.ts), YAML or JSON.

import type { InputDocument } from '../document.js';
import { TOPOLOGY_KIND } from './types.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isTopologyDocument(doc: InputDocument): boolean {
  const v = doc.value;
  return isRecord(v) && v['kind'] === TOPOLOGY_KIND && typeof v['apiVersion'] === 'string' && v['apiVersion'].startsWith('netproof.dev/');
}
