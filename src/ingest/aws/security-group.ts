// Security groups → one allow-union Filter per direction, one Rule per remote
// of each permission: an IPv4 range, a managed prefix list (its CIDRs), or a
// referenced group (the private IPs of every interface that carries it,
// self-references included). What the input cannot resolve widens the rule to
// any address under an assumption, which keeps isolation proofs sound.

import type { Direction, Filter, PacketMatch, Rule } from '../../model/estate.js';
import type { IntervalSet } from '../../model/intervals.js';
import { ALL_IPV4 } from '../../model/ip.js';
import type { Provenance } from '../../model/provenance.js';
import { type AwsContext, nameTag, withName } from './context.js';
import { type Located, at, provenanceAt } from './inventory.js';
import { securityGroupProtocol, type ProtocolMatch } from './protocol.js';
import type { RawPermission, RawSecurityGroup } from './schemas.js';

/** How references inside a permission resolve against the rest of the input. */
export interface ReferenceResolver {
  /** Private IPs of the interfaces carrying the group; undefined when the group is unknown. */
  groupMembers(groupId: string): IntervalSet | undefined;
  /** A group id for a name-only reference (default VPC), if one group has that name. */
  groupIdByName(groupName: string): string | undefined;
  groupLabel(groupId: string): string;
  /** CIDRs of a managed prefix list; undefined when its entries are unknown. */
  prefixList(prefixListId: string): IntervalSet | undefined;
  prefixListLabel(prefixListId: string): string;
}

export interface SecurityGroupFilters {
  readonly ingress: Filter;
  readonly egress: Filter;
}

export function securityGroupFilterId(groupId: string, direction: Direction): string {
  return `${groupId}/${direction}`;
}

export function securityGroupLabel(sg: RawSecurityGroup): string {
  return withName(sg.GroupId, nameTag(sg.Tags) ?? sg.GroupName ?? undefined);
}

interface Remote {
  readonly key: string;
  readonly pointer: (string | number)[];
  readonly label: string;
  readonly addresses?: IntervalSet;
  readonly assumption?: string;
  /** The referenced group, for a resolved `UserIdGroupPairs` entry. */
  readonly group?: string;
}

function remotes(
  sg: Located<RawSecurityGroup>,
  perm: RawPermission,
  permPath: (string | number)[],
  direction: Direction,
  resolver: ReferenceResolver,
  ctx: AwsContext,
): Remote[] {
  const out: Remote[] = [];
  const groupId = sg.value.GroupId;
  (perm.IpRanges ?? []).forEach((range, j) => {
    const path = [...permPath, 'IpRanges', j];
    const addresses = ctx.cidr(range.CidrIp, () => at(sg, ...path, 'CidrIp'), `security group ${groupId} rule`);
    if (addresses !== undefined) out.push({ key: `cidr/${j}`, pointer: path, label: range.CidrIp, addresses });
  });
  (perm.Ipv6Ranges ?? []).forEach((_, j) => ctx.ipv6(`security group ranges (${groupId})`, at(sg, ...permPath, 'Ipv6Ranges', j)));
  (perm.PrefixListIds ?? []).forEach((ref, j) => {
    const path = [...permPath, 'PrefixListIds', j];
    const addresses = resolver.prefixList(ref.PrefixListId);
    const label = resolver.prefixListLabel(ref.PrefixListId);
    if (addresses !== undefined) {
      out.push({ key: `pl/${j}`, pointer: path, label, addresses });
      return;
    }
    const here = at(sg, ...path);
    ctx.sink.report(
      'missing-prefix-list',
      `${here.file}#${here.pointer}: security group ${groupId} names prefix list ${ref.PrefixListId}, whose entries are not in the input; the rule is widened to any address`,
      here,
    );
    const assumption = ctx.assume(
      `missing-prefix-list:${ref.PrefixListId}`,
      `prefix list ${ref.PrefixListId} is not in the input; rules naming it are assumed to match any address`,
      here,
    );
    out.push({ key: `pl/${j}`, pointer: path, label, assumption });
  });
  (perm.UserIdGroupPairs ?? []).forEach((pair, j) => {
    const path = [...permPath, 'UserIdGroupPairs', j];
    const refId = pair.GroupId ?? (pair.GroupName ? resolver.groupIdByName(pair.GroupName) : undefined);
    const shown = refId ?? pair.GroupName ?? '(unnamed group)';
    const members = refId === undefined ? undefined : resolver.groupMembers(refId);
    if (members !== undefined && refId !== undefined) {
      out.push({ key: `sg/${j}`, pointer: path, label: resolver.groupLabel(refId), addresses: members, group: refId });
      return;
    }
    const here = at(sg, ...path);
    const peering = pair.VpcPeeringConnectionId ? ` (across peering ${pair.VpcPeeringConnectionId})` : '';
    ctx.sink.report(
      'missing-security-group',
      `${here.file}#${here.pointer}: security group ${groupId} refers to ${shown}${peering}, which is not in the input and carried by no interface in it; the ${direction} rule is widened to any address`,
      here,
    );
    const assumption = ctx.assume(
      `missing-security-group:${shown}`,
      `security group ${shown} is not in the input; rules referring to it are assumed to match any address`,
      here,
    );
    out.push({ key: `sg/${j}`, pointer: path, label: shown, assumption });
  });
  return out;
}

function permissionRules(
  sg: Located<RawSecurityGroup>,
  perm: RawPermission,
  permIndex: number,
  direction: Direction,
  resolver: ReferenceResolver,
  ctx: AwsContext,
): Rule[] {
  const groupId = sg.value.GroupId;
  const listKey = direction === 'ingress' ? 'IpPermissions' : 'IpPermissionsEgress';
  const permPath = [listKey, permIndex];
  const proto = securityGroupProtocol(perm.IpProtocol, perm.FromPort, perm.ToPort);
  if (!proto.ok) {
    const here = at(sg, ...permPath);
    if (proto.ipv6Only) ctx.ipv6(`ICMPv6 permissions (${groupId})`, here);
    else ctx.sink.report('input-invalid', `${here.file}#${here.pointer}: ${proto.reason}`, here);
    return [];
  }
  const { label: protoLabel, ...fields }: ProtocolMatch = proto.match;
  const sgLabel = securityGroupLabel(sg.value);
  const bound = direction === 'ingress' ? 'inbound' : 'outbound';
  const preposition = direction === 'ingress' ? 'from' : 'to';
  return remotes(sg, perm, permPath, direction, resolver, ctx).map((remote) => {
    const peer =
      remote.addresses === undefined || remote.addresses.equals(ALL_IPV4)
        ? {}
        : direction === 'ingress'
          ? { srcIps: remote.addresses }
          : { dstIps: remote.addresses };
    const match: PacketMatch = { ...fields, ...peer };
    const displayName = `${sgLabel} ${bound} ${protoLabel} ${preposition} ${remote.label}`;
    const provenance = provenanceAt(sg, remote.pointer, groupId, displayName);
    const rule: Rule = { id: `${groupId}/${direction}/${permIndex}/${remote.key}`, action: 'allow', match, provenance };
    if (remote.group !== undefined) ctx.groupReferences.set(rule.id, remote.group);
    return remote.assumption === undefined ? rule : { ...rule, assumption: remote.assumption };
  });
}

function directionFilter(
  sg: Located<RawSecurityGroup>,
  direction: Direction,
  resolver: ReferenceResolver,
  ctx: AwsContext,
): Filter {
  const groupId = sg.value.GroupId;
  const perms = (direction === 'ingress' ? sg.value.IpPermissions : sg.value.IpPermissionsEgress) ?? [];
  const rules = perms.flatMap((perm, i) => permissionRules(sg, perm, i, direction, resolver, ctx));
  const displayName = `security group ${securityGroupLabel(sg.value)}`;
  return {
    id: securityGroupFilterId(groupId, direction),
    kind: 'allow-union',
    direction,
    vendorKind: 'aws-sg',
    rules,
    defaultAction: 'deny',
    defaultProvenance: sg.doc.provenance(sg.pointer, groupId, `${displayName} implicit deny (${direction})`),
    displayName,
    provenance: sg.doc.provenance(sg.pointer, groupId, displayName),
  };
}

export function convertSecurityGroup(
  sg: Located<RawSecurityGroup>,
  resolver: ReferenceResolver,
  ctx: AwsContext,
): SecurityGroupFilters {
  return {
    ingress: directionFilter(sg, 'ingress', resolver, ctx),
    egress: directionFilter(sg, 'egress', resolver, ctx),
  };
}

/**
 * Stand-in filters for a group an interface carries but whose definition is
 * not in the input: allow everything both ways under an assumption.
 */
export function missingSecurityGroupFilters(
  groupId: string,
  assumption: string,
  provenanceAt: (vendorId: string, displayName: string) => Provenance,
): SecurityGroupFilters {
  const make = (direction: Direction): Filter => {
    const displayName = `security group ${groupId} (not in input; assumed to allow all)`;
    const prov = provenanceAt(groupId, displayName);
    return {
      id: securityGroupFilterId(groupId, direction),
      kind: 'allow-union',
      direction,
      vendorKind: 'aws-sg',
      rules: [
        {
          id: `${groupId}/${direction}/assumed-allow`,
          action: 'allow',
          match: {},
          provenance: provenanceAt(groupId, `${groupId} ${direction === 'ingress' ? 'inbound' : 'outbound'} ALL assumed`),
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
