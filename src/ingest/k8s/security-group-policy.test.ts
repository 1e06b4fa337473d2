import { describe, expect, it } from 'vitest';
import { parseSecurityGroupPolicy, parseServiceAccount } from './security-group-policy.js';
import { snippet } from './test-helpers.js';
import type { Json } from './reader.js';

function parse(text: string) {
  const s = snippet(text, 'SecurityGroupPolicy ns/p');
  const p = parseSecurityGroupPolicy(s.reader, s.value as Json, '');
  s.resolve();
  return { p, diags: s.sink.items.map((d) => [d.code, d.location?.line, d.message.replace(/^.*: /, '')]) };
}

describe('parseSecurityGroupPolicy', () => {
  it('reads the pod and service-account selectors and the group ids with their lines', () => {
    const { p, diags } = parse(`apiVersion: vpcresources.k8s.aws/v1beta1
kind: SecurityGroupPolicy
metadata: {name: db-access, namespace: team-a}
spec:
  podSelector: {matchLabels: {role: db-client}}
  serviceAccountSelector: {matchExpressions: [{key: team, operator: In, values: [a]}]}
  securityGroups:
    groupIds:
      - sg-0123456789abcdef0
      - sg-0fedcba9876543210
`);
    expect(diags).toEqual([]);
    expect(p?.id).toBe('team-a/db-access');
    expect(p?.podSelector?.matchLabels).toEqual({ role: 'db-client' });
    expect(p?.serviceAccountSelector?.matchExpressions).toEqual([{ key: 'team', operator: 'In', values: ['a'] }]);
    expect(p?.groupIds).toEqual(['sg-0123456789abcdef0', 'sg-0fedcba9876543210']);
    expect(p?.groupIdLocations.map((l) => l.line)).toEqual([9, 10]);
  });

  it('defaults the namespace and needs a selector and at least one well-formed group id', () => {
    const { p, diags } = parse(`kind: SecurityGroupPolicy
metadata: {name: p}
spec:
  securityGroups: {groupIds: [web-sg]}
`);
    expect(p).toBeUndefined();
    expect(diags).toEqual([
      ['k8s-invalid-policy', 4, 'a SecurityGroupPolicy needs podSelector or serviceAccountSelector'],
      ['k8s-invalid-policy', 4, '"web-sg" is not a security group id (sg-…)'],
    ]);
  });

  it('reports a missing groupIds list and an unknown spec field', () => {
    const { p, diags } = parse(`kind: SecurityGroupPolicy
metadata: {name: p, namespace: ns}
spec:
  podSelector: {}
  securityGroup: {groupIds: [sg-01]}
`);
    expect(p).toBeUndefined();
    expect(diags.map((d) => d[0])).toEqual(['k8s-invalid-policy', 'k8s-invalid-policy']);
    expect(diags[0]![2]).toMatch(/unknown field "securityGroup"/);
    expect(diags[1]![2]).toMatch(/needs securityGroups.groupIds/);
  });
});

describe('parseServiceAccount', () => {
  it('keeps namespace, name and labels', () => {
    const s = snippet('kind: ServiceAccount\nmetadata: {name: runner, namespace: ns, labels: {role: db}}\n');
    expect(parseServiceAccount(s.reader, s.value as Json, '')).toMatchObject({ namespace: 'ns', name: 'runner', labels: { role: 'db' } });
  });
});
