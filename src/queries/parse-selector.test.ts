// Tests for the text selector syntax and its printer.
import { describe, expect, it } from 'vitest';
import { formatSelector, parseSelector } from './parse-selector.js';

describe('parseSelector', () => {
  it.each([
    ['any', { kind: 'any' }],
    ['Internet', { kind: 'internet' }],
    ['tag:tier=inference', { kind: 'tag', key: 'tier', value: 'inference' }],
    ['tag:team', { kind: 'tag', key: 'team' }],
    ['tag:url=a=b:c', { kind: 'tag', key: 'url', value: 'a=b:c' }],
    ['tag:env=', { kind: 'tag', key: 'env', value: '' }],
    ['name:train-gpu-*', { kind: 'name', pattern: 'train-gpu-*' }],
    ['id:i-0abc', { kind: 'id', id: 'i-0abc' }],
    ['subnet:aiml-prod-training-1a', { kind: 'subnet', ref: 'aiml-prod-training-1a' }],
    ['SG: web-sg ', { kind: 'securityGroup', ref: 'web-sg' }],
    ['vpc:vpc-1', { kind: 'vpc', ref: 'vpc-1' }],
    ['not:tag:tier=edge', { kind: 'not', of: { kind: 'tag', key: 'tier', value: 'edge' } }],
  ])('%s', (text, expected) => {
    expect(parseSelector(text)).toEqual({ ok: true, selector: expected });
  });

  it('parses CIDR blocks and bare addresses', () => {
    const c = parseSelector('cidr:10.20.0.0/16');
    expect(c.ok && c.selector.kind === 'cidr' && c.selector.range.size()).toBe(65536);
    const one = parseSelector('cidr:10.20.0.5');
    expect(one.ok && one.selector.kind === 'cidr' && one.selector.text).toBe('10.20.0.5/32');
  });

  it.each([
    ['', /empty selector/],
    ['web', /is not a selector/],
    ['foo:bar', /unknown selector kind "foo:"/],
    ['tag:', /nothing follows "tag:"/],
    ['tag:=x', /tag key is empty/],
    ['cidr:10.20.0.1/16', /host bits set; the network address is 10.20.0.0\/16/],
    ['cidr:10.20.0.0/33', /not an IPv4 CIDR block/],
    ['not:', /empty selector/],
  ])('rejects %j', (text, message) => {
    const r = parseSelector(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('prints what it parses', () => {
    for (const text of ['any', 'internet', 'tag:a=b', 'tag:a', 'name:x*', 'id:i-1', 'subnet:s', 'sg:g', 'vpc:v', 'cidr:10.0.0.0/8', 'not:sg:g']) {
      const r = parseSelector(text);
      expect(r.ok && formatSelector(r.selector)).toBe(text);
    }
  });
});

describe('parseSelector: Kubernetes forms', () => {
  it.each([
    ['namespace:team-*', { kind: 'namespace', pattern: 'team-*' }],
    ['Cluster: inference ', { kind: 'cluster', pattern: 'inference' }],
    ['label:app=web', { kind: 'label', requirements: [{ key: 'app', op: 'eq', value: 'web' }] }],
    ['label:app==web,!canary', { kind: 'label', requirements: [{ key: 'app', op: 'eq', value: 'web' }, { key: 'canary', op: 'absent' }] }],
    ['nslabel:tenant', { kind: 'namespaceLabel', requirements: [{ key: 'tenant', op: 'exists' }] }],
    ['label:tier notin (a, b)', { kind: 'label', requirements: [{ key: 'tier', op: 'notin', values: ['a', 'b'] }] }],
    ['workload:api', { kind: 'workload', name: 'api' }],
    ['workload:team-a/api[Deployment]', { kind: 'workload', namespace: 'team-a', name: 'api', workloadKind: 'Deployment' }],
    ['workload:*/coredns', { kind: 'workload', namespace: '*', name: 'coredns' }],
    ['workload:db[StatefulSet]', { kind: 'workload', name: 'db', workloadKind: 'StatefulSet' }],
  ])('%s', (text, expected) => {
    expect(parseSelector(text)).toEqual({ ok: true, selector: expected });
  });

  it.each([
    ['label:app in (a,b', /missing its "\)"/],
    ['label:app in a,b', /needs a list of values in parentheses/],
    ['label:app=web server', /not one label value/],
    ['label:,app', /expected a label key, found ","/],
    ['label:app>3', /< and > operators are not supported/],
    ['nslabel:!', /must be followed by a label key/],
    ['label:app in ()', /empty value/],
    ['workload:a/b/c', /one "\/"/],
    ['workload:/api', /namespace before "\/" is empty/],
    ['workload:ns/api[]', /kind in \[ \] is empty/],
    ['workload:ns/[Deployment]', /workload name is empty/],
    ['namespace:', /nothing follows "namespace:"/],
  ])('rejects %j', (text, message) => {
    const r = parseSelector(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('prints what it parses', () => {
    for (const text of [
      'namespace:team-*',
      'cluster:inference',
      'label:app=web,tier!=db,zone in (a,b),x notin (c),y,!z',
      'nslabel:tenant=vision',
      'workload:team-a/api[Deployment]',
      'workload:api',
      'not:namespace:kube-system',
    ]) {
      const r = parseSelector(text);
      expect(r.ok && formatSelector(r.selector)).toBe(text);
    }
  });
});
