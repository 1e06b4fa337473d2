// Tests for recognising Kubernetes documents (the future adapter's claim).
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../model/diagnostics.js';
import { parseInputDocuments } from '../document.js';
import { claimKubernetes } from './detect.js';

function claim(file: string, text: string) {
  const doc = parseInputDocuments(file, text, new DiagnosticSink())![0]!;
  return claimKubernetes(doc);
}

describe('claimKubernetes', () => {
  it('claims objects, lists and arrays of objects', () => {
    expect(claim('a.yaml', 'apiVersion: v1\nkind: Pod\n').claimed).toBe(true);
    expect(claim('a.json', '{"apiVersion":"v1","kind":"PodList","items":[]}').claimed).toBe(true);
    expect(claim('a.json', '[{"apiVersion":"v1","kind":"Pod"}]').claimed).toBe(true);
  });

  it('leaves AWS describe output and loose data alone, with a hint for a near miss', () => {
    expect(claim('a.json', '{"SecurityGroups": []}')).toEqual({ claimed: false });
    const near = claim('a.yaml', 'kind: Pod\n');
    expect(near.claimed).toBe(false);
    expect(!near.claimed && near.hint).toMatch(/no apiVersion/);
  });
});
