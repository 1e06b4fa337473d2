// Tests for NetworkPolicy parsing: policy types, peer shapes the API rejects,
// and the difference between a missing peer list (all) and an emptied one.
import { describe, expect, it } from 'vitest';
import { parseNetworkPolicy } from './network-policy.js';
import { isRecord } from './reader.js';
import { snippet } from './test-helpers.js';

function np(spec: string) {
  const s = snippet(`metadata:\n  name: p\n  namespace: ns\nspec:\n${spec}`, 'NetworkPolicy ns/p');
  if (!isRecord(s.value)) throw new Error('snippet is not an object');
  const policy = parseNetworkPolicy(s.reader, s.value, '');
  s.resolve();
  return { policy, diags: s.sink.items.map((d) => [d.code, d.location?.line]) };
}

describe('parseNetworkPolicy', () => {
  it('Egress is implied by egress rules, unless policyTypes says otherwise', () => {
    expect(np('  podSelector: {}\n  egress:\n  - {}\n').policy!.isolates).toEqual({ ingress: true, egress: true });
    expect(np('  podSelector: {}\n  egress: []\n').policy!.isolates).toEqual({ ingress: true, egress: false });
    expect(np('  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - {}\n').policy!.isolates).toEqual({ ingress: true, egress: false });
  });

  it('an unknown policy type is an error at its line', () => {
    const r = np('  podSelector: {}\n  policyTypes: [Ingress, Both]\n');
    expect(r.policy).toBeUndefined();
    expect(r.diags).toEqual([['k8s-invalid-policy', 6]]);
  });

  it('rejects ipBlock combined with a selector, an empty peer and an unknown peer field', () => {
    expect(np('  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}\n').diags).toEqual([['k8s-invalid-policy', 8]]);
    expect(np('  podSelector: {}\n  ingress:\n  - from:\n    - {}\n').diags).toEqual([['k8s-invalid-policy', 8]]);
    expect(np('  podSelector: {}\n  ingress:\n  - from:\n    - podSelecter: {}\n').diags.map((d) => d[0])).toContain('k8s-invalid-policy');
  });

  it('missing from/ports mean all; an explicit empty list does too (the API treats [] as absent)', () => {
    const p = np('  podSelector: {}\n  ingress:\n  - from: []\n    ports: []\n').policy!;
    expect(p.ingress[0]).toMatchObject({ peers: 'all', ports: 'all' });
  });

  it('a rule uses `to` for egress; `from` there is an unknown field', () => {
    expect(np('  podSelector: {}\n  egress:\n  - from:\n    - podSelector: {}\n').diags).toEqual([['k8s-invalid-policy', 8]]);
  });
});
