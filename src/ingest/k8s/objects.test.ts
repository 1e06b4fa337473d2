// Tests for finding Kubernetes objects in documents: multi-document YAML
// (via parseInputDocuments), List and *List kinds, JSON arrays, and notes for
// documents that are not Kubernetes objects.
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../model/diagnostics.js';
import { parseInputDocuments } from '../document.js';
import { collectObjects, type K8sObject } from './objects.js';

function objects(file: string, text: string): { found: K8sObject[]; sink: DiagnosticSink; lines: (number | undefined)[] } {
  const sink = new DiagnosticSink();
  const docs = parseInputDocuments(file, text, sink) ?? [];
  const found: K8sObject[] = [];
  for (const d of docs) collectObjects(d, sink, found);
  const locs = found.map((o) => o.doc.at(o.pointer));
  for (const d of docs) d.resolveLines();
  return { found, sink, lines: locs.map((l) => l.line) };
}

describe('parseInputDocuments', () => {
  it('splits a YAML stream into documents with lines relative to the file, skipping empty ones', () => {
    const { found, lines } = objects('m.yaml', '# header\n---\nkind: Namespace\napiVersion: v1\n---\n---\nkind: Pod\napiVersion: v1\n---\n# trailing comment\n');
    expect(found.map((o) => o.kind)).toEqual(['Namespace', 'Pod']);
    expect(lines).toEqual([3, 7]);
  });

  it('a syntax error in any document is input-malformed with its line', () => {
    const sink = new DiagnosticSink();
    expect(parseInputDocuments('m.yaml', 'kind: A\n---\nkind: [\n', sink)).toBeUndefined();
    expect(sink.items[0]).toMatchObject({ code: 'input-malformed', location: { file: 'm.yaml' } });
  });

  it('JSON is one document', () => {
    const sink = new DiagnosticSink();
    expect(parseInputDocuments('a.json', '{"kind":"Pod"}', sink)).toHaveLength(1);
  });
});

describe('collectObjects', () => {
  it('items of a *List inherit its kind and API group', () => {
    const { found } = objects('p.yaml', 'apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: a}\n- metadata: {name: b}\n');
    expect(found.map((o) => [o.kind, o.group, o.pointer])).toEqual([
      ['Pod', '', '/items/0'],
      ['Pod', '', '/items/1'],
    ]);
  });

  it('items of a List keep their own kinds and groups', () => {
    const { found } = objects('l.yaml', 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: apps/v1, kind: Deployment}\n- {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy}\n');
    expect(found.map((o) => [o.kind, o.group])).toEqual([
      ['Deployment', 'apps'],
      ['NetworkPolicy', 'networking.k8s.io'],
    ]);
  });

  it('a JSON array of objects is read; a document without kind is noted and skipped', () => {
    const arr = objects('a.json', '[{"apiVersion":"v1","kind":"Namespace"}]');
    expect(arr.found.map((o) => [o.kind, o.pointer])).toEqual([['Namespace', '/0']]);
    const none = objects('n.yaml', 'src: a\ndst: b\n');
    expect(none.found).toEqual([]);
    expect(none.sink.items.map((d) => [d.code, d.severity])).toEqual([['k8s-not-an-object', 'info']]);
  });
});
