// Tests for endpoints built from interfaces: merging by ENI id, names,
// labels, groups, scopes, terminated instances and unplaced interfaces.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Estate } from '../../model/estate.js';
import { loadEstate, type LoadResult } from '../load.js';
import { endpointNamed, fixture, ip } from './test-fixtures.js';

let estate: Estate;
let missing: LoadResult;

beforeAll(async () => {
  const r = await loadEstate([fixture('basic')]);
  if (r.estate === undefined) throw new Error(JSON.stringify(r.diagnostics));
  estate = r.estate;
  missing = await loadEstate([fixture('missing-refs')]);
});

describe('endpoints', () => {
  it('one per interface of a live instance, indexed by position, named name[primary IP]', () => {
    expect(estate.endpoints.map((e) => e.name)).toEqual([
      'app-1[10.0.2.10]',
      'bastion[10.0.0.5]',
      'db-1[10.0.3.10]',
      'Interface for NAT Gateway nat-0a1[10.0.0.100]',
      'web-1[10.0.1.10]',
      'web-2[10.0.1.20]',
    ]);
    estate.endpoints.forEach((e, i) => expect(e.index).toBe(i));
    expect(estate.endpoints.some((e) => e.id.includes('old'))).toBe(false);
  });

  it('merges an interface described twice, keeping every address and tag', () => {
    const web1 = endpointNamed(estate, 'web-1');
    expect(web1.id).toBe('eni-0web1');
    expect(web1.kind).toBe('instance');
    expect(web1.addresses.has(ip('10.0.1.11'))).toBe(true);
    expect(web1.publicAddresses.has(ip('54.10.0.1'))).toBe(true);
    expect(web1.labels).toEqual({ team: 'frontend', Name: 'web-1', env: 'prod' });
    expect(web1.groups).toEqual(['sg-0web', 'web-sg']);
    expect(web1.scopes).toEqual({ vpc: 'vpc-0a1', subnet: 'subnet-web', instance: 'i-0web1', az: 'eu-west-1a' });
    expect(web1.network).toBe('vpc-0a1');
    expect(web1.provenance.vendorId).toBe('eni-0web1');
  });

  it('egress passes groups then the subnet ACL; ingress the ACL then groups', () => {
    const app1 = endpointNamed(estate, 'app-1');
    expect(app1.egressLayers).toEqual(['sg:sg-0app/egress', 'nacl:acl-0app/egress']);
    expect(app1.ingressLayers).toEqual(['nacl:acl-0app/ingress', 'sg:sg-0app/ingress']);
    // Endpoints with the same groups share one layer object.
    expect(endpointNamed(estate, 'web-2').egressLayers[0]).toBe(endpointNamed(estate, 'web-1').egressLayers[0]);
  });

  it('segments carry provenance into YAML inputs with lines', () => {
    const web = estate.segments.find((x) => x.id === 'subnet-web')!;
    expect(web.provenance).toMatchObject({ pointer: '/Subnets/1', vendorId: 'subnet-web', displayName: 'subnet-web (web)' });
    expect(web.provenance.file).toMatch(/subnets\.yaml$/);
    expect(web.provenance.line).toBe(18);
    expect(web.addresses.key()).toBe(`${ip('10.0.1.0')}-${ip('10.0.1.255')}`);
    expect(web.scopes).toEqual({ vpc: 'vpc-0a1', subnet: 'subnet-web', az: 'eu-west-1a' });
  });

  it('names scopes for reports', () => {
    expect(estate.scopeNames).toMatchObject({
      'vpc-0a1': 'main',
      'subnet-web': 'web',
      'sg-0web': 'web',
      'acl-0app': 'app-nacl',
      'acl-0default': 'acl-0default',
    });
  });
});

describe('incomplete inputs', () => {
  it('an interface without subnet or address is left out with endpoint-unplaced', () => {
    expect(missing.estate!.endpoints.map((e) => e.name)).toEqual(['alpha[10.1.0.10]', 'beta[10.1.0.20]']);
    const d = missing.diagnostics.find((x) => x.code === 'endpoint-unplaced')!;
    expect(d.message).toContain('eni-3');
    expect(d.location?.pointer).toBe('/Reservations/0/Instances/2/NetworkInterfaces/0');
  });

  it('a subnet without network ACL in the input gets an allow-all stand-in under an assumption', () => {
    const e = missing.estate!;
    expect(missing.diagnostics.filter((d) => d.code === 'missing-network-acl')).toHaveLength(1);
    expect(missing.diagnostics.some((d) => d.code === 'missing-subnet')).toBe(true);
    const layer = e.layers.get(endpointNamed(e, 'alpha').egressLayers[1]!)!;
    const f = e.filters.get(layer.filterIds[0]!)!;
    expect(f.rules[0]).toMatchObject({ action: 'allow', assumption: 'missing-network-acl:subnet-1' });
    expect(e.assumptions.map((a) => a.id)).toContain('missing-network-acl:subnet-1');
  });
});
