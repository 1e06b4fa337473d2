// Network ACLs → one first-match Filter per direction. Entries go in
// ascending RuleNumber; entry 32767 is the "*" default (deny). CidrBlock is
// the source for inbound and the destination for outbound entries; IPv6
// entries never match IPv4 packets and are dropped with a notice.

import type { Filter, Rule, Direction, PacketMatch, Action } from '../../model/estate.js';
import type { Provenance } from '../../model/provenance.js';
import { ALL_IPV4 } from '../../model/ip.js';
import { type Located, at, provenanceAt } from './inventory.js';
import type { RawNetworkAcl, RawNaclEntry } from './schemas.js';
import { type AwsContext, nameTag, withName } from './context.js';
import { naclProtocol } from './protocol.js';

export const NACL_DEFAULT_RULE_NUMBER = 32767;

export interface NaclFilters {
  readonly ingress: Filter;
  readonly egress: Filter;
}

export function naclFilterId(aclId: string, direction: Direction): string {
  return `${aclId}/${direction}`;
}

function parseAction(raw: string): Action | undefined {
  const a = raw.toLowerCase();
  return a === 'allow' || a === 'deny' ? a : undefined;
}

function convertEntry(
  acl: Located<RawNetworkAcl>,
  entry: RawNaclEntry,
  index: number,
  direction: Direction,
  ctx: AwsContext,
): Rule | undefined {
  const aclId = acl.value.NetworkAclId;
  const invalid = (field: string, why: string): undefined => {
    const here = at(acl, 'Entries', index, ...(field === '' ? [] : [field]));
    ctx.sink.report('input-invalid', `${here.file}#${here.pointer}: ${why}`, here);
    return undefined;
  };
  const action = parseAction(entry.RuleAction);
  if (action === undefined) return invalid('RuleAction', `"${entry.RuleAction}" is not allow or deny`);
  const proto = naclProtocol(entry.Protocol, entry.PortRange, entry.IcmpTypeCode);
  if (!proto.ok) return proto.ipv6Only ? undefined : invalid('', proto.reason);
  const cidrText = entry.CidrBlock;
  if (cidrText === undefined || cidrText === null) return invalid('', 'entry has neither CidrBlock nor Ipv6CidrBlock');
  const addresses = ctx.cidr(cidrText, () => at(acl, 'Entries', index, 'CidrBlock'), `network ACL ${aclId} entry ${entry.RuleNumber}`);
  if (addresses === undefined) return undefined;
  const { label, ...fields } = proto.match;
  const peer = addresses.equals(ALL_IPV4) ? {} : direction === 'egress' ? { dstIps: addresses } : { srcIps: addresses };
  const match: PacketMatch = { ...fields, ...peer };
  const number = entry.RuleNumber === NACL_DEFAULT_RULE_NUMBER ? '*' : String(entry.RuleNumber);
  const displayName = `${number} ${label} ${cidrText} ${action.toUpperCase()}`;
  return {
    id: `${aclId}/${direction}/${entry.RuleNumber}`,
    action,
    match,
    provenance: provenanceAt(acl, ['Entries', index], aclId, displayName),
  };
}

function directionFilter(acl: Located<RawNetworkAcl>, direction: Direction, ctx: AwsContext): Filter {
  const aclId = acl.value.NetworkAclId;
  const displayName = `network ACL ${withName(aclId, nameTag(acl.value.Tags))}`;
  const entries = (acl.value.Entries ?? [])
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.Egress === (direction === 'egress'))
    .sort((a, b) => a.entry.RuleNumber - b.entry.RuleNumber);
  const rules: Rule[] = [];
  let defaultRule: Rule | undefined;
  let previous: number | undefined;
  for (const { entry, index } of entries) {
    if (entry.Ipv6CidrBlock !== undefined && entry.Ipv6CidrBlock !== null && (entry.CidrBlock ?? null) === null) {
      ctx.ipv6(`network ACL entries (${aclId} ${direction} ${entry.RuleNumber})`, at(acl, 'Entries', index));
      continue;
    }
    if (entry.RuleNumber === previous) {
      const here = at(acl, 'Entries', index);
      ctx.sink.report('input-invalid', `${here.file}#${here.pointer}: network ACL ${aclId} has two ${direction} entries numbered ${entry.RuleNumber}`, here);
      continue;
    }
    previous = entry.RuleNumber;
    const rule = convertEntry(acl, entry, index, direction, ctx);
    if (rule === undefined) continue;
    if (entry.RuleNumber === NACL_DEFAULT_RULE_NUMBER) defaultRule = rule;
    else rules.push(rule);
  }
  const defaultProvenance =
    defaultRule?.provenance ??
    acl.doc.provenance(acl.pointer, aclId, `* ALL 0.0.0.0/0 DENY (implicit ${direction} default)`);
  return {
    id: naclFilterId(aclId, direction),
    kind: 'first-match',
    direction,
    vendorKind: 'aws-nacl',
    rules,
    defaultAction: defaultRule?.action ?? 'deny',
    defaultProvenance,
    displayName,
    provenance: acl.doc.provenance(acl.pointer, aclId, displayName),
  };
}

export function convertNetworkAcl(acl: Located<RawNetworkAcl>, ctx: AwsContext): NaclFilters {
  return { ingress: directionFilter(acl, 'ingress', ctx), egress: directionFilter(acl, 'egress', ctx) };
}

/**
 * Stand-in filters for a subnet whose network ACL is not in the input: allow
 * everything (conservative for isolation), resting on an assumption.
 */
export function missingNaclFilters(subnetId: string, assumption: string, provenanceAt: (vendorId: string, displayName: string) => Provenance): NaclFilters {
  const make = (direction: Direction): Filter => {
    const displayName = `network ACL of ${subnetId} (not in input; assumed to allow all)`;
    const prov = provenanceAt(subnetId, displayName);
    return {
      id: `missing-nacl/${subnetId}/${direction}`,
      kind: 'first-match',
      direction,
      vendorKind: 'aws-nacl',
      rules: [
        {
          id: `missing-nacl/${subnetId}/${direction}/assumed-allow`,
          action: 'allow',
          match: {},
          provenance: provenanceAt(subnetId, 'assumed ALL 0.0.0.0/0 ALLOW'),
          assumption,
        },
      ],
      defaultAction: 'deny',
      defaultProvenance: prov,
      displayName,
      provenance: prov,
    };
  };
  return { ingress: make('ingress'), egress: make('egress') };
}
