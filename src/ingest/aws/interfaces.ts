// Network interfaces (ENIs) from describe-network-interfaces and from the
// NetworkInterfaces of instances, merged by ENI id into one record each:
// addresses, groups, tags, placement and the instance it belongs to.
// Interfaces of terminated instances are left out.

import { parseIpv4 } from '../../model/ip.js';
import { jsonPointer } from '../../model/provenance.js';
import { type AwsContext, nameTag } from './context.js';
import { type AwsInventory, type Located, at } from './inventory.js';
import type { RawInstance, RawNetworkInterface, RawTag } from './schemas.js';

export interface InterfaceRecord {
  readonly id: string;
  /** Where the interface is described (describe-network-interfaces preferred). */
  readonly source: Located<unknown>;
  readonly instance?: Located<RawInstance>;
  readonly instanceId?: string;
  readonly subnetId?: string;
  readonly vpcId?: string;
  readonly az?: string;
  readonly interfaceType?: string;
  readonly description?: string;
  /** Private IPv4 addresses, the primary first. */
  readonly privateIps: readonly number[];
  readonly publicIps: readonly number[];
  readonly groups: readonly { readonly id: string; readonly name?: string }[];
  readonly tags: Readonly<Record<string, string>>;
  readonly hasIpv6: boolean;
}

function tagsOf(tags: readonly RawTag[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) out[t.Key] = t.Value ?? '';
  return out;
}

function isTerminated(instance: RawInstance): boolean {
  const state = instance.State?.Name;
  return state === 'terminated';
}

function addresses(
  eni: RawNetworkInterface,
  item: Located<unknown>,
  path: (string | number)[],
  ctx: AwsContext,
): { privateIps: number[]; publicIps: number[] } {
  const privateIps: number[] = [];
  const publicIps: number[] = [];
  const addPrivate = (text: string | null | undefined, p: (string | number)[]): void => {
    if (text === undefined || text === null || text === '') return;
    const ip = parseIpv4(text);
    if (ip === undefined) {
      const here = at(item, ...p);
      ctx.sink.report('input-invalid', `${here.file}#${here.pointer}: "${text}" is not an IPv4 address`, here);
      return;
    }
    if (!privateIps.includes(ip)) privateIps.push(ip);
  };
  const addPublic = (text: string | null | undefined): void => {
    const ip = text ? parseIpv4(text) : undefined;
    if (ip !== undefined && !publicIps.includes(ip)) publicIps.push(ip);
  };
  addPrivate(eni.PrivateIpAddress, [...path, 'PrivateIpAddress']);
  addPublic(eni.Association?.PublicIp);
  (eni.PrivateIpAddresses ?? []).forEach((a, i) => {
    addPrivate(a.PrivateIpAddress, [...path, 'PrivateIpAddresses', i, 'PrivateIpAddress']);
    addPublic(a.Association?.PublicIp);
  });
  return { privateIps, publicIps };
}

function record(
  eni: RawNetworkInterface,
  item: Located<unknown>,
  path: (string | number)[],
  instance: Located<RawInstance> | undefined,
  ctx: AwsContext,
): InterfaceRecord {
  const { privateIps, publicIps } = addresses(eni, item, path, ctx);
  const instanceId = instance?.value.InstanceId ?? eni.Attachment?.InstanceId ?? undefined;
  const az = eni.AvailabilityZone ?? instance?.value.Placement?.AvailabilityZone ?? undefined;
  return {
    id: eni.NetworkInterfaceId,
    source: path.length === 0 ? item : { value: eni, doc: item.doc, pointer: item.pointer + jsonPointer(...path) },
    ...(instance === undefined ? {} : { instance }),
    ...(instanceId === undefined ? {} : { instanceId }),
    ...(eni.SubnetId ? { subnetId: eni.SubnetId } : {}),
    ...(eni.VpcId ? { vpcId: eni.VpcId } : {}),
    ...(az ? { az } : {}),
    ...(eni.InterfaceType ? { interfaceType: eni.InterfaceType } : {}),
    ...(eni.Description ? { description: eni.Description } : {}),
    privateIps,
    publicIps,
    groups: (eni.Groups ?? []).map((g) => (g.GroupName ? { id: g.GroupId, name: g.GroupName } : { id: g.GroupId })),
    tags: tagsOf(eni.TagSet),
    hasIpv6: (eni.Ipv6Addresses ?? []).length > 0,
  };
}

/** Fields of `b` fill what `a` lacks; lists and tags are merged. */
function merge(a: InterfaceRecord, b: InterfaceRecord): InterfaceRecord {
  const groups = [...a.groups];
  for (const g of b.groups) if (!groups.some((x) => x.id === g.id)) groups.push(g);
  return {
    ...b,
    ...a,
    ...(a.instance ?? b.instance ? { instance: (a.instance ?? b.instance)! } : {}),
    privateIps: [...new Set([...a.privateIps, ...b.privateIps])],
    publicIps: [...new Set([...a.publicIps, ...b.publicIps])],
    groups,
    tags: { ...b.tags, ...a.tags },
    hasIpv6: a.hasIpv6 || b.hasIpv6,
  };
}

/** Every interface of the input that belongs to a live (not terminated) instance or to no instance. */
export function collectInterfaces(inv: AwsInventory, ctx: AwsContext): InterfaceRecord[] {
  const byId = new Map<string, InterfaceRecord>();
  // describe-network-interfaces first: it carries TagSet, the attachment and the AZ.
  for (const item of inv.networkInterfaces.values()) {
    const instanceId = item.value.Attachment?.InstanceId ?? undefined;
    const instance = instanceId === undefined ? undefined : inv.instances.get(instanceId);
    if (instance !== undefined && isTerminated(instance.value)) continue;
    byId.set(item.value.NetworkInterfaceId, record(item.value, item, [], instance, ctx));
  }
  for (const instance of inv.instances.values()) {
    const raw = instance.value;
    if (isTerminated(raw)) continue;
    const enis = raw.NetworkInterfaces ?? [];
    if (enis.length === 0 && raw.SubnetId && raw.PrivateIpAddress) {
      // An instance listed without its interfaces: stand in one interface named by the instance.
      const synthetic: RawNetworkInterface = {
        NetworkInterfaceId: raw.InstanceId,
        SubnetId: raw.SubnetId,
        VpcId: raw.VpcId,
        PrivateIpAddress: raw.PrivateIpAddress,
        Association: raw.PublicIpAddress ? { PublicIp: raw.PublicIpAddress } : null,
        Groups: raw.SecurityGroups,
      };
      byId.set(raw.InstanceId, record(synthetic, instance, [], instance, ctx));
      continue;
    }
    enis.forEach((eni, i) => {
      const rec = record(eni, instance, ['NetworkInterfaces', i], instance, ctx);
      const existing = byId.get(rec.id);
      byId.set(rec.id, existing === undefined ? rec : merge(existing, rec));
    });
  }
  // Stable, readable order: by name (numbers compared as numbers), then address, then id.
  const collator = new Intl.Collator('en', { numeric: true });
  const names = new Map([...byId.values()].map((r) => [r, interfaceName(r)]));
  return [...byId.values()].sort(
    (a, b) =>
      collator.compare(names.get(a)!, names.get(b)!) ||
      (a.privateIps[0] ?? 0) - (b.privateIps[0] ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The name people know an interface by: its instance's Name tag, else its own. */
export function interfaceName(rec: InterfaceRecord): string {
  const instanceTags = rec.instance?.value.Tags;
  return (
    nameTag(instanceTags) ??
    (rec.tags['Name'] || undefined) ??
    rec.instanceId ??
    rec.description ??
    rec.id
  );
}
