// Tests for internet access: gateway + route + public address, NAT for
// outbound only, and assumptions when the input lacks route tables or gateways.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Estate } from '../../model/estate.js';
import { evaluatePath } from '../../semantics/evaluate.js';
import { loadEstate, type LoadResult } from '../load.js';
import { EXTERNAL, endpointNamed, fixture, party, tcp } from './test-fixtures.js';

let estate: Estate;

function basicFilesExcept(...names: string[]): string[] {
  return readdirSync(fixture('basic'))
    .filter((f) => !names.includes(f))
    .map((f) => path.join(fixture('basic'), f));
}

beforeAll(async () => {
  const r = await loadEstate([fixture('basic')]);
  if (r.estate === undefined) throw new Error(JSON.stringify(r.diagnostics));
  estate = r.estate;
});

describe('internet access', () => {
  it('an interface with a public IP in a subnet routed to the gateway: both ways', () => {
    const web1 = endpointNamed(estate, 'web-1');
    expect(web1.internet).toMatchObject({ inbound: true, outbound: true, assumptions: [] });
    expect(web1.internet.reasons).toEqual([
      'igw-0a1 (main-igw) attached to vpc-0a1',
      'route table rtb-0main sends 0.0.0.0/0 to igw-0a1 (main-igw)',
      'public IP 54.10.0.1',
    ]);
    expect(web1.publicAddresses.isEmpty()).toBe(false);
  });

  it('a subnet that maps public IPs on launch counts as a public address', () => {
    const bastion = endpointNamed(estate, 'bastion');
    expect(bastion.internet.inbound).toBe(true);
    expect(bastion.internet.reasons).toContain('subnet public is public (maps public IPs on launch)');
  });

  it('no public address: no access even with a route to the gateway', () => {
    const web2 = endpointNamed(estate, 'web-2');
    expect(web2.internet).toMatchObject({ inbound: false, outbound: false });
    expect(web2.internet.reasons).toContain('subnet web is private (no public IP)');
    const v = evaluatePath(estate, tcp('10.0.1.20', '93.184.216.34', 443), party(web2), EXTERNAL);
    expect(v.allowed).toBe(false);
    expect(v.gate).toMatchObject({ kind: 'internet', verdict: 'deny' });
  });

  it('a private subnet routed to a NAT gateway gets outbound access only', () => {
    const app1 = endpointNamed(estate, 'app-1');
    expect(app1.internet).toMatchObject({ inbound: false, outbound: true });
    expect(app1.internet.reasons).toContain('outbound only, via nat-0a1');
  });

  it('a subnet whose route table has neither gateway nor NAT has no access', () => {
    const db1 = endpointNamed(estate, 'db-1');
    expect(db1.internet).toMatchObject({ inbound: false, outbound: false });
    expect(db1.internet.reasons).toContain('route table rtb-0isolated of subnet db has no route to the internet gateway');
  });

  it('segments: public subnet with gateway both ways, NAT subnet outbound', () => {
    const seg = (name: string) => estate.segments.find((s) => s.name === name)!;
    expect(seg('public').internet).toMatchObject({ inbound: true, outbound: true });
    expect(seg('app').internet).toMatchObject({ inbound: false, outbound: true });
    expect(seg('db').internet).toMatchObject({ inbound: false, outbound: false });
    expect(seg('web').kind).toBe('subnet');
    expect(seg('web').egressLayers).toEqual(['nacl:acl-0default/egress']);
  });

  it('the internet is public IPv4 minus the VPC ranges', () => {
    expect(estate.internet.has(0x5db8d822)).toBe(true); // 93.184.216.34
    expect(estate.internet.has(0x0a000001)).toBe(false);
  });
});

describe('internet access when the input lacks parts', () => {
  let noRoutes: LoadResult;
  let noGateways: LoadResult;
  beforeAll(async () => {
    noRoutes = await loadEstate(basicFilesExcept('describe-route-tables.json'));
    noGateways = await loadEstate(basicFilesExcept('describe-internet-gateways.json', 'describe-route-tables.json'));
  });

  it('without route tables the route is assumed, named, and reported once', () => {
    const e = noRoutes.estate!;
    const web1 = endpointNamed(e, 'web-1');
    expect(web1.internet.inbound).toBe(true);
    expect(web1.internet.assumptions).toEqual(['route-assumed:vpc-0a1']);
    expect(e.assumptions.map((a) => a.id)).toContain('route-assumed:vpc-0a1');
    expect(noRoutes.diagnostics.filter((d) => d.code === 'route-assumed')).toHaveLength(1);
    // app-1 has no NAT knowledge now and no public address: no access.
    expect(endpointNamed(e, 'app-1').internet.outbound).toBe(false);
    const v = evaluatePath(e, tcp('8.8.8.8', '10.0.1.10', 443), EXTERNAL, party(web1));
    expect(v.allowed).toBe(true);
    expect(v.assumptions).toContain('route-assumed:vpc-0a1');
  });

  it('without internet gateways a gateway is assumed (sound for isolation)', () => {
    const e = noGateways.estate!;
    expect(endpointNamed(e, 'web-1').internet.assumptions).toEqual(['internet-gateway-assumed', 'route-assumed:vpc-0a1']);
    expect(noGateways.diagnostics.some((d) => d.code === 'gateway-assumed')).toBe(true);
  });
});

describe('NAT gateway interfaces', () => {
  it('accept no connection initiated from the internet, despite their Elastic IP', async () => {
    const r = await loadEstate([path.resolve(fixture('basic'), '..', '..', '..', '..', 'examples', 'aiml-platform')]);
    const nat = r.estate?.endpoints.find((e) => e.id === 'eni-0c330a12fd708107e');
    expect(nat?.publicAddresses.isEmpty()).toBe(false);
    expect(nat?.internet.inbound).toBe(false);
    expect(nat?.internet.reasons).toContain('a NAT gateway accepts no connection initiated from the internet');
  });
});
