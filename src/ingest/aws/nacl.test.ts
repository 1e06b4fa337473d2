// Tests for network ACL conversion: ordering, first match, ICMP and ports,
// the default entry, the VPC's default ACL, and the same-subnet bypass.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Estate } from '../../model/estate.js';
import { decideFilter, evaluatePath, evaluateReply } from '../../semantics/evaluate.js';
import { loadEstate } from '../load.js';
import { endpointNamed, fixture, icmp, party, tcp, udp } from './test-fixtures.js';

let estate: Estate;

beforeAll(async () => {
  const r = await loadEstate([fixture('basic')]);
  if (r.estate === undefined) throw new Error(JSON.stringify(r.diagnostics));
  estate = r.estate;
});

function filter(id: string) {
  const f = estate.filters.get(id);
  if (f === undefined) throw new Error(`no filter ${id}`);
  return f;
}

describe('network ACL filters', () => {
  it('orders entries by rule number whatever the file order, default last', () => {
    const f = filter('acl-0app/ingress');
    expect(f.kind).toBe('first-match');
    expect(f.rules.map((r) => r.id)).toEqual(['acl-0app/ingress/100', 'acl-0app/ingress/150', 'acl-0app/ingress/200', 'acl-0app/ingress/300']);
    expect(f.defaultAction).toBe('deny');
    expect(f.defaultProvenance.displayName).toBe('* ALL 0.0.0.0/0 DENY');
    expect(f.displayName).toBe('network ACL acl-0app (app-nacl)');
  });

  it('gives every entry provenance in the console style, with file, pointer and line', () => {
    const rule = filter('acl-0app/ingress').rules[2]!;
    expect(rule.provenance).toMatchObject({
      vendorId: 'acl-0app',
      displayName: '200 TCP 8080-8081 10.0.1.0/24 ALLOW',
      pointer: '/NetworkAcls/1/Entries/2',
    });
    expect(rule.provenance.file).toMatch(/describe-network-acls\.json$/);
    expect(rule.provenance.line).toBeGreaterThan(1);
  });

  it('first match decides: a lower-numbered deny beats a later allow', () => {
    const web2 = party(endpointNamed(estate, 'web-2'));
    const app1 = party(endpointNamed(estate, 'app-1'));
    const f = filter('acl-0app/ingress');
    const denied = decideFilter(f, tcp('10.0.1.20', '10.0.2.10', 8081), web2, app1);
    expect([denied.action, denied.rule?.id]).toEqual(['deny', 'acl-0app/ingress/100']);
    const allowed = decideFilter(f, tcp('10.0.1.20', '10.0.2.10', 8080), web2, app1);
    expect([allowed.action, allowed.rule?.id]).toEqual(['allow', 'acl-0app/ingress/200']);
    const other = decideFilter(f, tcp('10.0.1.10', '10.0.2.10', 8081), web2, app1);
    expect([other.action, other.rule?.id]).toEqual(['allow', 'acl-0app/ingress/200']);
  });

  it('ICMP entries match their type and code only', () => {
    const f = filter('acl-0app/ingress');
    const any = party(endpointNamed(estate, 'bastion'));
    const to = party(endpointNamed(estate, 'app-1'));
    expect(decideFilter(f, icmp('10.0.0.5', '10.0.2.10', 3, 4), any, to).rule?.id).toBe('acl-0app/ingress/150');
    expect(decideFilter(f, icmp('10.0.0.5', '10.0.2.10', 3, 3), any, to).action).toBe('deny');
  });

  it('a protocol entry without a port range matches every port; a missing 32767 entry is synthesized', () => {
    const f = filter('acl-0db/ingress');
    const from = party(endpointNamed(estate, 'app-1'));
    const to = party(endpointNamed(estate, 'db-1'));
    expect(decideFilter(f, udp('10.0.2.10', '10.0.3.10', 12345), from, to).rule?.id).toBe('acl-0db/ingress/110');
    expect(f.defaultAction).toBe('deny');
    expect(f.defaultProvenance.displayName).toContain('implicit');
  });

  it('drops IPv6 entries with one notice per file', () => {
    expect(filter('acl-0default/egress').rules.map((r) => r.id)).toEqual(['acl-0default/egress/100']);
    const notices = estate.diagnostics.filter((d) => d.code === 'ipv6-not-modeled' && d.location?.file.endsWith('describe-network-acls.json'));
    expect(notices).toHaveLength(1);
  });

  it('a subnet without an explicit association uses the VPC default ACL', () => {
    const bastion = endpointNamed(estate, 'bastion');
    expect(bastion.egressLayers).toContain('nacl:acl-0default/egress');
    expect(estate.layers.get('nacl:acl-0default/egress')).toMatchObject({ bypassWithinScope: 'subnet', stateful: false });
  });
});

describe('NACL layers on paths', () => {
  it('are bypassed within a subnet (rule 90 would deny TCP 22 from the VPC)', () => {
    const web1 = party(endpointNamed(estate, 'web-1'));
    const web2 = party(endpointNamed(estate, 'web-2'));
    const v = evaluatePath(estate, tcp('10.0.1.10', '10.0.1.20', 22), web1, web2);
    expect(v.allowed).toBe(true);
    expect(v.layers.filter((l) => l.layer.vendorKind === 'aws-nacl').map((l) => l.verdict)).toEqual(['bypassed', 'bypassed']);
  });

  it('apply across subnets, replies included (stateless)', () => {
    const app1 = party(endpointNamed(estate, 'app-1'));
    const db1 = party(endpointNamed(estate, 'db-1'));
    const pkt = tcp('10.0.2.10', '10.0.3.10', 5432, 40000);
    expect(evaluatePath(estate, pkt, app1, db1).allowed).toBe(true);
    expect(evaluateReply(estate, pkt, app1, db1).allowed).toBe(true);
    const lowPort = tcp('10.0.2.10', '10.0.3.10', 5432, 1000);
    expect(evaluateReply(estate, lowPort, app1, db1).allowed).toBe(false);
  });
});

describe('no network ACLs in the input', () => {
  it('one warning, and every subnet allows all under one assumption', async () => {
    const files = readdirSync(fixture('basic'))
      .filter((f) => f !== 'describe-network-acls.json')
      .map((f) => path.join(fixture('basic'), f));
    const r = await loadEstate(files);
    expect(r.diagnostics.filter((d) => d.code === 'missing-network-acl')).toHaveLength(1);
    const e = r.estate!;
    const web2 = party(endpointNamed(e, 'web-2'));
    const app1 = party(endpointNamed(e, 'app-1'));
    const v = evaluatePath(e, tcp('10.0.1.20', '10.0.2.10', 8081), web2, app1);
    expect(v.allowed).toBe(true);
    expect(v.assumptions).toEqual(['missing-network-acl:*']);
  });
});
