// Finds the Kubernetes objects in a parsed document: a single object, a
// `List` or `*List` (items inherit the list's kind when they name none, as in
// `kubectl get pods -o yaml`), or a JSON array of objects. Anything else is
// not a Kubernetes object and is skipped with an info note.

import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { InputDocument } from '../document.js';
import { isRecord, type Json } from './reader.js';

export interface K8sObject {
  readonly doc: InputDocument;
  /** JSON pointer of the object inside its document ('' for the root). */
  readonly pointer: string;
  readonly value: Json;
  readonly kind: string;
  /** API group of `apiVersion` ('' for core `v1`); undefined when the object names none. */
  readonly group?: string;
}

function apiGroup(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function notAnObject(doc: InputDocument, pointer: string, why: string, sink: DiagnosticSink): void {
  const where = pointer === '' ? doc.file : `${doc.file}#${pointer}`;
  sink.report('k8s-not-an-object', `${where}: not a Kubernetes object (${why}), skipped`, doc.at(pointer));
}

function collect(
  doc: InputDocument,
  value: unknown,
  pointer: string,
  inheritedKind: string | undefined,
  inheritedGroup: string | undefined,
  sink: DiagnosticSink,
  out: K8sObject[],
): void {
  if (!isRecord(value)) {
    notAnObject(doc, pointer, Array.isArray(value) ? 'a list' : 'not a mapping', sink);
    return;
  }
  const ownKind = value['kind'];
  const kind = typeof ownKind === 'string' && ownKind !== '' ? ownKind : inheritedKind;
  if (kind === undefined) {
    notAnObject(doc, pointer, 'no "kind"', sink);
    return;
  }
  const group = apiGroup(value['apiVersion']) ?? inheritedGroup;
  const items = value['items'];
  if (kind.endsWith('List') && Array.isArray(items)) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    const itemGroup = kind === 'List' ? undefined : group;
    items.forEach((item, i) => collect(doc, item, `${pointer}/items/${i}`, itemKind, itemGroup, sink, out));
    return;
  }
  out.push(group === undefined ? { doc, pointer, value, kind } : { doc, pointer, value, kind, group });
}

/** Appends the document's objects to `out`; returns how many were found. */
export function collectObjects(doc: InputDocument, sink: DiagnosticSink, out: K8sObject[]): number {
  const before = out.length;
  if (Array.isArray(doc.value)) {
    if (!doc.value.some((item) => isRecord(item) && typeof item['kind'] === 'string')) {
      notAnObject(doc, '', 'a list of values without "kind"', sink);
      return 0;
    }
    doc.value.forEach((item, i) => collect(doc, item, `/${i}`, undefined, undefined, sink, out));
  } else {
    collect(doc, doc.value, '', undefined, undefined, sink, out);
  }
  return out.length - before;
}
