// Tests for security-group conversion: rules per remote, self and group
// references resolved to interfaces' private IPs, prefix lists, unions of
// groups, and conservative treatment of what the input lacks.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Estate } from '../../model/estate.js';
import { IntervalSet } from '../../model/intervals.js';
import { evaluatePath } from '../../semantics/evaluate.js';
import { loadEstate, type LoadResult } from '../load.js';
import { EXTERNAL, endpointNamed, fixture, icmp, ip, party, tcp, udp } from './test-fixtures.js';

let estate: Estate;
let missing: LoadResult;

beforeAll(async () => {
  const r = await loadEstate([fixture('basic')]);
  if (r.estate === undefined) throw new Error(JSON.stringify(r.diagnostics));
  estate = r.estate;
  missing = await loadEstate([fixture('missing-refs')]);
});

function rules(filterId: string) {
  const f = estate.filters.get(filterId);
  if (f === undefined) throw new Error(`no filter ${filterId}`);
  return f.rules;
}

describe('security group filters', () => {
  it('are allow-unions with an implicit deny, one rule per remote', () => {
    const f = estate.filters.get('sg-0web/ingress')!;
    expect(f.kind).toBe('allow-union');
    expect(f.defaultAction).toBe('deny');
    expect(f.rules.map((r) => r.provenance.displayName)).toEqual([
      'sg-0web (web) inbound TCP 443 from 0.0.0.0/0',
      'sg-0web (web) inbound ICMP 8/any from 10.0.0.0/16',
      'sg-0web (web) inbound ALL from sg-0web (web)',
    ]);
    expect(f.rules[0]!.provenance.pointer).toBe('/SecurityGroups/0/IpPermissions/0/IpRanges/0');
  });

  it('resolve a self-reference to every private IP of interfaces carrying the group', () => {
    const self = rules('sg-0web/ingress')[2]!;
    expect(self.match.srcIps?.equals(IntervalSet.points([ip('10.0.1.10'), ip('10.0.1.11'), ip('10.0.1.20')]))).toBe(true);
  });

  it('resolve a reference to another group to its members', () => {
    const toDb = rules('sg-0app/egress')[0]!;
    expect(toDb.match.dstIps?.key()).toBe(String(ip('10.0.3.10')));
    const app1 = party(endpointNamed(estate, 'app-1'));
    const db1 = party(endpointNamed(estate, 'db-1'));
    const web1 = party(endpointNamed(estate, 'web-1'));
    expect(evaluatePath(estate, tcp('10.0.2.10', '10.0.3.10', 5432), app1, db1).allowed).toBe(true);
    // db accepts 5432 only from app's members.
    const fromWeb = evaluatePath(estate, tcp('10.0.1.10', '10.0.3.10', 5432), web1, db1);
    expect(fromWeb.allowed).toBe(false);
    const dbGroups = fromWeb.layers.find((l) => l.side === 'destination' && l.layer.vendorKind === 'aws-sg');
    expect(dbGroups?.verdict).toBe('deny');
  });

  it('resolve managed prefix lists from an entries file or inline Entries', () => {
    const office = rules('sg-0app/ingress')[1]!;
    expect(office.provenance.displayName).toBe('sg-0app (app) inbound TCP 22 from pl-0abc1234 (office)');
    expect(office.match.srcIps?.key()).toBe(`${ip('198.51.100.0')}-${ip('198.51.100.255')},${ip('203.0.113.0')}-${ip('203.0.113.127')}`);
    const admin = rules('sg-0mgmt/ingress')[0]!;
    expect(admin.match.srcIps?.key()).toBe(`${ip('10.0.0.0')}-${ip('10.0.0.255')}`);
    expect(office.assumption).toBeUndefined();
  });

  it('unite the groups of an interface in one stateful layer', () => {
    const db1 = endpointNamed(estate, 'db-1');
    const layer = estate.layers.get(db1.ingressLayers[1]!)!;
    expect(layer).toMatchObject({ vendorKind: 'aws-sg', stateful: true, emptyAction: 'deny' });
    expect(layer.filterIds).toEqual(['sg-0db/ingress', 'sg-0mgmt/ingress']);
    // ESP (protocol 50) from the VPC passes sg-0mgmt although sg-0db denies it.
    const bastion = party(endpointNamed(estate, 'bastion'));
    const esp = { ...tcp('10.0.0.5', '10.0.3.10', 0, 0), protocol: 50, dstPort: 0, srcPort: 0 };
    const v = evaluatePath(estate, esp, bastion, party(db1));
    const sgTrace = v.layers.find((l) => l.layer.id === layer.id)!;
    expect(sgTrace.verdict).toBe('allow');
    expect(sgTrace.decisions[0]?.filter.id).toBe('sg-0mgmt/ingress');
  });

  it('match ICMP by type and every protocol for -1', () => {
    const bastion = party(endpointNamed(estate, 'bastion'));
    const web1 = party(endpointNamed(estate, 'web-1'));
    expect(evaluatePath(estate, icmp('10.0.0.5', '10.0.1.10', 8, 0), bastion, web1).allowed).toBe(true);
    expect(evaluatePath(estate, icmp('10.0.0.5', '10.0.1.10', 0, 0), bastion, web1).allowed).toBe(false);
    expect(evaluatePath(estate, udp('10.0.1.10', '8.8.8.8', 53), web1, EXTERNAL).allowed).toBe(true);
  });

  it('interfaces whose type takes no security groups (NAT gateways) have NACL layers only', () => {
    const nat = estate.endpoints.find((e) => e.id === 'eni-0nat')!;
    expect(nat.egressLayers).toEqual(['nacl:acl-0default/egress']);
    expect(nat.kind).toBe('interface');
  });
});

describe('references the input cannot resolve', () => {
  it('widen the rule to any address under an assumption, with a warning naming the place', () => {
    const e = missing.estate!;
    const sgA = e.filters.get('sg-a/ingress')!;
    const ghost = sgA.rules.find((r) => r.provenance.displayName.includes('sg-ghost'))!;
    expect(ghost.match.srcIps).toBeUndefined();
    expect(ghost.assumption).toBe('missing-security-group:sg-ghost');
    const pl = sgA.rules.find((r) => r.provenance.displayName.includes('pl-0missing'))!;
    expect(pl.match.srcIps).toBeUndefined();
    expect(pl.assumption).toBe('missing-prefix-list:pl-0missing');
    expect(e.assumptions.map((a) => a.id)).toEqual(expect.arrayContaining([ghost.assumption, pl.assumption]));
    const warning = missing.diagnostics.find((d) => d.code === 'missing-security-group' && d.message.includes('sg-ghost'))!;
    expect(warning.location).toMatchObject({ pointer: '/SecurityGroups/0/IpPermissions/0/UserIdGroupPairs/0' });
    expect(warning.location?.line).toBeGreaterThan(1);
    expect(missing.diagnostics.some((d) => d.code === 'missing-prefix-list')).toBe(true);
  });

  it('a group missing from the input but carried by an interface resolves to that interface', () => {
    const e = missing.estate!;
    const gone = e.filters.get('sg-a/ingress')!.rules.find((r) => r.provenance.displayName.includes('sg-gone'))!;
    expect(gone.match.srcIps?.key()).toBe(String(ip('10.1.0.10')));
    expect(gone.assumption).toBeUndefined();
  });

  it('a carried group whose definition is missing allows all both ways under an assumption', () => {
    const e = missing.estate!;
    const stand = e.filters.get('sg-gone/ingress')!;
    expect(stand.rules).toHaveLength(1);
    expect(stand.rules[0]).toMatchObject({ action: 'allow', match: {}, assumption: 'missing-security-group:sg-gone' });
    expect(e.filters.get('sg-gone/egress')!.rules[0]!.assumption).toBe('missing-security-group:sg-gone');
    const alpha = party(endpointNamed(e, 'alpha'));
    const beta = party(endpointNamed(e, 'beta'));
    // beta's only group sg-a allows TCP 22 from "sg-ghost" (widened) → allowed, resting on the assumption.
    const v = evaluatePath(e, tcp('10.1.0.10', '10.1.0.20', 22), alpha, beta);
    expect(v.allowed).toBe(true);
    expect(v.assumptions).toContain('missing-security-group:sg-ghost');
  });
});
