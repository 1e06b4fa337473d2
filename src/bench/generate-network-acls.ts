// Generates network ACLs: each VPC's default ACL (allow all, as AWS creates
// it) and custom ACLs per tier with ordered allow/deny entries: blocklist
// denies first, then service ports, SSH/RDP denies, ephemeral-port rules for
// return traffic, VPC-wide allows, and further mixed entries. Every subnet is
// associated with exactly one ACL of its VPC.

import { formatIpv4 } from '../model/ip.js';
import type { Prng } from './prng.js';
import type { SizeSpec } from './generate-sizes.js';
import { awsId } from './generate-network.js';
import { partnerCidrs } from './generate-security-groups.js';
import { CORPORATE_CIDR, TIERS, type AclEntry, type PlanNetworkAcl, type PlanSubnet, type PlanVpc } from './generate-plan.js';

type Draft = Omit<AclEntry, 'ruleNumber' | 'egress'>;

const ANY = '0.0.0.0/0';
const EPHEMERAL = { from: 1024, to: 65535 } as const;

function tcp(action: 'allow' | 'deny', cidr: string, from: number, to = from): Draft {
  return { protocol: '6', action, cidr, portRange: { from, to } };
}

function udp(action: 'allow' | 'deny', cidr: string, from: number, to = from): Draft {
  return { protocol: '17', action, cidr, portRange: { from, to } };
}

function all(action: 'allow' | 'deny', cidr: string): Draft {
  return { protocol: '-1', action, cidr };
}

function randomDraft(prng: Prng, cidrs: readonly string[]): Draft {
  const cidr = prng.pick(cidrs);
  const action = prng.chance(0.3) ? 'deny' : 'allow';
  const roll = prng.next();
  if (roll < 0.45) return tcp(action, cidr, prng.pick([22, 80, 443, 3306, 3389, 5432, 6379, 8080, 8443, 9090, 9200]));
  if (roll < 0.6) {
    const lo = prng.pick([1024, 3000, 8000, 9000, 30000, 32768]);
    return tcp(action, cidr, lo, lo + prng.pick([10, 99, 999, 2767]));
  }
  if (roll < 0.78) return udp(action, cidr, prng.pick([53, 123, 161, 514, 4789]));
  if (roll < 0.92) {
    const [type, code] = prng.pick([
      [8, -1],
      [0, -1],
      [3, 4],
      [-1, -1],
    ] as const);
    return { protocol: '1', action, cidr, icmp: { type, code } };
  }
  return all(action, cidr);
}

function ingressCore(tier: string, vpc: PlanVpc, blocked: readonly string[]): Draft[] {
  const info = TIERS.find((t) => t.name === tier)!;
  const out: Draft[] = blocked.map((c) => all('deny', c));
  if (info.clients === 'internet') for (const p of info.servicePorts) out.push(tcp('allow', ANY, p.from, p.to));
  else if (info.clients === 'corporate') for (const p of info.servicePorts) out.push(tcp('allow', CORPORATE_CIDR, p.from, p.to));
  else for (const p of info.servicePorts) out.push(tcp('allow', vpc.cidr, p.from, p.to));
  out.push(tcp('deny', ANY, 22), tcp('deny', ANY, 3389));
  out.push(tcp('allow', ANY, EPHEMERAL.from, EPHEMERAL.to), udp('allow', ANY, EPHEMERAL.from, EPHEMERAL.to));
  out.push(all('allow', vpc.cidr));
  return out;
}

function egressCore(vpc: PlanVpc, blocked: readonly string[]): Draft[] {
  const out: Draft[] = blocked.map((c) => all('deny', c));
  out.push(tcp('allow', ANY, 443), tcp('allow', ANY, 80));
  out.push(tcp('allow', ANY, EPHEMERAL.from, EPHEMERAL.to));
  out.push(udp('allow', `${formatIpv4(vpc.base + 2)}/32`, 53), udp('allow', ANY, 123));
  out.push(all('allow', vpc.cidr));
  return out;
}

/** Core entries first (truncated to fit), random entries inserted before the catch-all allows. */
function direction(core: Draft[], count: number, prng: Prng, cidrs: readonly string[]): Draft[] {
  const keep = core.slice(0, count);
  const fillers: Draft[] = [];
  while (keep.length + fillers.length < count) fillers.push(randomDraft(prng, cidrs));
  // Fillers go after the blocklist denies and service rules, before the ephemeral/VPC allows.
  const cut = Math.max(0, keep.length - 3);
  return [...keep.slice(0, cut), ...fillers, ...keep.slice(cut)];
}

function number(drafts: readonly Draft[], egress: boolean): AclEntry[] {
  const entries = drafts.map((d, i) => ({ ...d, egress, ruleNumber: 100 + i * 10 }));
  entries.push({ protocol: '-1', action: 'deny', cidr: ANY, egress, ruleNumber: 32767 });
  return entries;
}

export function generateNetworkAcls(
  spec: SizeSpec,
  vpcs: readonly PlanVpc[],
  subnets: PlanSubnet[],
  prng: Prng,
): PlanNetworkAcl[] {
  const acls: PlanNetworkAcl[] = [];
  const blocklist = partnerCidrs(prng, 12).map((c) => c.replace(/\.\d+\.\d+\/\d+$/, '.0.0/16'));
  for (const vpc of vpcs) {
    const defaultAcl: PlanNetworkAcl = {
      id: vpc.defaultNetworkAclId,
      vpc: vpc.index,
      isDefault: true,
      entries: [
        ...number([all('allow', ANY)], false),
        ...number([all('allow', ANY)], true),
      ].sort((a, b) => Number(b.egress) - Number(a.egress)),
      associations: [],
    };
    acls.push(defaultAcl);
    const count = Math.floor(spec.networkAcls / vpcs.length) + (vpc.index < spec.networkAcls % vpcs.length ? 1 : 0);
    const vpcSubnets = subnets.filter((s) => s.vpc === vpc.index);
    const cidrs = [ANY, vpc.cidr, CORPORATE_CIDR, ...vpcSubnets.map((s) => s.cidr), ...blocklist];
    const byTier = new Map<string, PlanNetworkAcl[]>();
    for (let k = 0; k < count; k++) {
      const tier = TIERS[k % TIERS.length]!.name;
      const blocked = prng.sample(blocklist, prng.int(1, 2));
      const perDirection = Math.floor(spec.entriesPerNetworkAcl / 2);
      const inbound = direction(ingressCore(tier, vpc, blocked), perDirection, prng, cidrs);
      const outbound = direction(egressCore(vpc, blocked), spec.entriesPerNetworkAcl - perDirection, prng, cidrs);
      const acl: PlanNetworkAcl = {
        id: awsId(prng, 'acl'),
        vpc: vpc.index,
        isDefault: false,
        name: `${vpc.name}-${tier}-nacl-${String(Math.floor(k / TIERS.length) + 1).padStart(2, '0')}`,
        tier,
        entries: [...number(outbound, true), ...number(inbound, false)],
        associations: [],
      };
      acls.push(acl);
      const list = byTier.get(tier) ?? [];
      list.push(acl);
      byTier.set(tier, list);
    }
    const seen = new Map<string, number>();
    for (const s of vpcSubnets) {
      const candidates = byTier.get(s.tier);
      let acl = defaultAcl;
      if (candidates !== undefined && candidates.length > 0) {
        const n = seen.get(s.tier) ?? 0;
        seen.set(s.tier, n + 1);
        acl = candidates[n % candidates.length]!;
      }
      s.networkAclId = acl.id;
      acl.associations.push({ subnetId: s.id, associationId: awsId(prng, 'aclassoc') });
    }
  }
  return acls;
}
