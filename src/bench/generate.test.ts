// Tests of the benchmark generator: determinism for a seed, the counts each
// size promises, AWS CLI shapes, and a load through the real loader with no
// error diagnostics.

import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePlan, writeEstate } from './generate.js';
import { renderAwsJson } from './generate-aws-json.js';
import { SIZES } from './generate-sizes.js';
import { loadEstate } from '../ingest/load.js';
import type { EstatePlan } from './generate-plan.js';

function digest(plan: EstatePlan): string {
  return createHash('sha256').update(JSON.stringify(renderAwsJson(plan))).digest('hex');
}

function customRuleCount(plan: EstatePlan): number[] {
  return plan.securityGroups.filter((g) => g.kind !== 'default').map((g) => g.rules.length);
}

describe('generatePlan', () => {
  it('gives identical output for the same seed and different output for another', () => {
    expect(digest(generatePlan('S', 7))).toBe(digest(generatePlan('S', 7)));
    expect(digest(generatePlan('S', 7))).not.toBe(digest(generatePlan('S', 8)));
  });

  it('builds S with the promised counts', () => {
    const plan = generatePlan('S', 1);
    expect(plan.interfaces).toHaveLength(200);
    expect(plan.subnets).toHaveLength(SIZES.S.subnets);
    expect(plan.securityGroups.filter((g) => g.kind !== 'default')).toHaveLength(SIZES.S.securityGroups);
    expect(plan.networkAcls.filter((a) => !a.isDefault)).toHaveLength(SIZES.S.networkAcls);
  });

  it('builds M with 5,000 interfaces, 500 groups of 20 rules, 50 ACLs of 40 entries and 200 subnets', () => {
    const plan = generatePlan('M');
    expect(plan.interfaces).toHaveLength(5_000);
    expect(plan.subnets).toHaveLength(200);
    expect(customRuleCount(plan)).toEqual(new Array(500).fill(20));
    const custom = plan.networkAcls.filter((a) => !a.isDefault);
    expect(custom).toHaveLength(50);
    // 40 numbered entries plus the "*" default of each direction.
    for (const acl of custom) expect(acl.entries.filter((e) => e.ruleNumber !== 32767)).toHaveLength(40);
  });

  it('builds L at quota scale: 2,500 groups of 60 rules and 200 ACLs of 40 entries', () => {
    const plan = generatePlan('L');
    expect(customRuleCount(plan)).toEqual(new Array(2_500).fill(60));
    const custom = plan.networkAcls.filter((a) => !a.isDefault);
    expect(custom).toHaveLength(200);
    for (const acl of custom) expect(acl.entries.filter((e) => e.ruleNumber !== 32767)).toHaveLength(40);
    expect(plan.interfaces).toHaveLength(SIZES.L.interfaces);
  });

  it('keeps structure valid: 1–5 groups per interface, unique addresses inside their subnet, one ACL per subnet', () => {
    const plan = generatePlan('M');
    const seen = new Set<number>();
    for (const i of plan.interfaces) {
      expect(i.groupIds.length).toBeGreaterThanOrEqual(1);
      expect(i.groupIds.length).toBeLessThanOrEqual(5);
      const subnet = plan.subnets[i.subnet]!;
      for (const ip of i.ips) {
        expect(seen.has(ip)).toBe(false);
        seen.add(ip);
        expect(ip - subnet.base).toBeGreaterThanOrEqual(4);
        expect(ip - subnet.base).toBeLessThanOrEqual(254);
      }
      const groupVpcs = new Set(i.groupIds.map((id) => plan.securityGroups.find((g) => g.id === id)!.vpc));
      expect([...groupVpcs]).toEqual([i.vpc]);
    }
    const associated = plan.networkAcls.flatMap((a) => a.associations.map((s) => s.subnetId)).sort();
    expect(associated).toEqual(plan.subnets.map((s) => s.id).sort());
    // Group references stay inside the VPC, as AWS requires without peering.
    for (const g of plan.securityGroups) {
      for (const r of g.rules) {
        if ('groupId' in r.peer) {
          const peerId = r.peer.groupId;
          expect(plan.securityGroups.find((p) => p.id === peerId)?.vpc).toBe(g.vpc);
        }
      }
    }
    // Every ACL direction is ordered by rule number and ends with the "*" deny.
    for (const acl of plan.networkAcls) {
      for (const egress of [false, true]) {
        const numbers = acl.entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber);
        expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        expect(numbers.at(-1)).toBe(32767);
      }
    }
  });

  it('uses a mix of protocols, group references, public subnets and ephemeral-port ACL entries', () => {
    const plan = generatePlan('M');
    const rules = plan.securityGroups.flatMap((g) => g.rules);
    for (const p of ['tcp', 'udp', 'icmp', '-1']) expect(rules.some((r) => r.protocol === p)).toBe(true);
    expect(rules.some((r) => 'groupId' in r.peer)).toBe(true);
    expect(rules.some((r) => r.protocol === 'tcp' && r.from !== r.to)).toBe(true);
    expect(plan.subnets.some((s) => s.public)).toBe(true);
    expect(plan.subnets.some((s) => !s.public)).toBe(true);
    const entries = plan.networkAcls.flatMap((a) => a.entries);
    expect(entries.some((e) => e.portRange?.from === 1024 && e.portRange.to === 65535 && e.action === 'allow')).toBe(true);
    expect(entries.some((e) => e.action === 'deny' && e.ruleNumber < 32767)).toBe(true);
    expect(plan.interfaces.some((i) => i.requester !== undefined)).toBe(true);
    expect(plan.interfaces.some((i) => i.publicIp !== undefined)).toBe(true);
  });
});

describe('writeEstate', () => {
  it('writes the eight describe-* documents in AWS CLI shapes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'netproof-gen-'));
    try {
      const files = await writeEstate(generatePlan('S', 3), dir);
      expect(files.map((f) => path.basename(f)).sort()).toEqual(
        [
          'describe-instances.json',
          'describe-internet-gateways.json',
          'describe-network-acls.json',
          'describe-network-interfaces.json',
          'describe-route-tables.json',
          'describe-security-groups.json',
          'describe-subnets.json',
          'describe-vpcs.json',
        ].sort(),
      );
      const sgs = JSON.parse(await readFile(path.join(dir, 'describe-security-groups.json'), 'utf8')) as {
        SecurityGroups: { GroupId: string; IpPermissions: { IpProtocol: string; FromPort?: number }[] }[];
      };
      expect(sgs.SecurityGroups[0]!.GroupId).toMatch(/^sg-0[0-9a-f]{16}$/);
      for (const g of sgs.SecurityGroups) {
        for (const p of g.IpPermissions) expect(p.IpProtocol === '-1' ? p.FromPort === undefined : typeof p.FromPort === 'number').toBe(true);
      }
      const enis = JSON.parse(await readFile(path.join(dir, 'describe-network-interfaces.json'), 'utf8')) as {
        NetworkInterfaces: { NetworkInterfaceId: string; Groups: unknown[] }[];
      };
      expect(enis.NetworkInterfaces).toHaveLength(200);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('generated estates through the real loader', () => {
  it.each(['S', 'M'] as const)('%s loads with no error or warning diagnostics and one endpoint per interface', { timeout: 180_000 }, async (size) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'netproof-gen-'));
    try {
      const plan = generatePlan(size);
      await writeEstate(plan, dir);
      const loaded = await loadEstate([dir]);
      const serious = loaded.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code}: ${d.message}`);
      expect(serious).toEqual([]);
      expect(loaded.estate?.endpoints).toHaveLength(plan.interfaces.length);
      const tiers = new Set(loaded.estate?.endpoints.map((e) => e.labels['Tier']));
      expect(tiers.has('web') && tiers.has('db')).toBe(true);
      expect(loaded.estate?.endpoints.some((e) => e.internet.inbound)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
