// Tests for AdminNetworkPolicy / BaselineAdminNetworkPolicy parsing: peer
// kinds per direction, required fields, selectors defaulting as in
// netpol-analyzer, and nodes peers (reported later, when the cluster is
// known to have no Node objects: see to-estate.test.ts).
import { describe, expect, it } from 'vitest';
import { parseAdminNetworkPolicy } from './admin-policy.js';
import { isRecord } from './reader.js';
import { snippet } from './test-helpers.js';

function anp(spec: string) {
  const s = snippet(`metadata:\n  name: a\nspec:\n  priority: 1\n  subject:\n    namespaces: {}\n${spec}`, 'AdminNetworkPolicy a');
  if (!isRecord(s.value)) throw new Error('snippet is not an object');
  const policy = parseAdminNetworkPolicy(s.reader, s.value, '');
  s.resolve();
  return { policy, diags: s.sink.items.map((d) => [d.code, d.location?.line]) };
}

describe('parseAdminNetworkPolicy', () => {
  it('networks and nodes peers are egress-only', () => {
    const r = anp('  ingress:\n  - action: Allow\n    from:\n    - networks: [10.0.0.0/8]\n');
    expect(r.policy).toBeUndefined();
    expect(r.diags).toEqual([
      ['k8s-invalid-policy', 10],
      ['k8s-invalid-policy', 10],
    ]);
  });

  it('a nodes peer is kept, located at its selector', () => {
    const r = anp('  egress:\n  - action: Deny\n    to:\n    - nodes:\n        matchLabels: {role: infra}\n');
    expect(r.diags).toEqual([]);
    const peer = r.policy!.egress[0]!.peers[0]!;
    expect(peer.kind).toBe('nodes');
    expect(peer.location.line).toBe(11);
  });

  it('a rule without peers or action is an error', () => {
    expect(anp('  ingress:\n  - action: Allow\n').diags).toEqual([['k8s-invalid-policy', 8]]);
    expect(anp('  ingress:\n  - from:\n    - namespaces: {}\n').diags).toEqual([['k8s-invalid-policy', 8]]);
  });

  it('pods without podSelector reads it as {} (as netpol-analyzer does)', () => {
    const r = anp('  egress:\n  - action: Allow\n    to:\n    - pods:\n        namespaceSelector: {matchLabels: {a: b}}\n');
    expect(r.diags).toEqual([]);
    const peer = r.policy!.egress[0]!.peers[0]!;
    expect(peer.kind === 'pods' && peer.podSelector.matchLabels).toEqual({});
  });

  it('a subject with both namespaces and pods is an error', () => {
    const s = snippet('metadata:\n  name: a\nspec:\n  priority: 1\n  subject:\n    namespaces: {}\n    pods: {namespaceSelector: {}, podSelector: {}}\n', 'AdminNetworkPolicy a');
    if (!isRecord(s.value)) throw new Error('snippet is not an object');
    expect(parseAdminNetworkPolicy(s.reader, s.value, '')).toBeUndefined();
    expect(s.sink.items.map((d) => d.code)).toEqual(['k8s-invalid-policy']);
  });
});
