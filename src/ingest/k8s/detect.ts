// Recognises Kubernetes manifests, for a vendor adapter's `claim`: a document
// is Kubernetes when it is (or lists) objects with `apiVersion` and `kind`.
// Used by the adapter (adapter.ts).

import type { ClaimResult } from '../adapter.js';
import type { InputDocument } from '../document.js';
import { isRecord } from './reader.js';

function isObject(value: unknown): boolean {
  return isRecord(value) && typeof value['kind'] === 'string' && typeof value['apiVersion'] === 'string';
}

export function claimKubernetes(doc: InputDocument): ClaimResult {
  const v = doc.value;
  if (isObject(v)) return { claimed: true };
  if (Array.isArray(v) && v.some(isObject)) return { claimed: true };
  if (isRecord(v) && typeof v['kind'] === 'string' && v['apiVersion'] === undefined) {
    return { claimed: false, hint: `has "kind: ${v['kind']}" but no apiVersion, so it is not read as a Kubernetes object` };
  }
  return { claimed: false };
}
