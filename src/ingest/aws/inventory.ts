// Gathers the raw AWS objects of every claimed document into one inventory,
// validated at the boundary (a wrong shape is an `input-invalid` error naming
// file and pointer, and the object is left out) and deduplicated by id (the
// same object twice is kept once; different content under one id warns).

import type { z } from 'zod';
import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { Provenance, SourceLocation } from '../../model/provenance.js';
import { jsonPointer } from '../../model/provenance.js';
import type { InputDocument } from '../document.js';
import { detectAws, type AwsKind } from './detect.js';
import {
  InstanceSchema,
  InternetGatewaySchema,
  NatGatewaySchema,
  NetworkAclSchema,
  NetworkInterfaceSchema,
  PeeringConnectionSchema,
  PrefixListEntriesSchema,
  PrefixListSchema,
  RouteTableSchema,
  SecurityGroupSchema,
  SubnetSchema,
  TransitGatewayAttachmentSchema,
  VpcSchema,
  type RawInstance,
  type RawInternetGateway,
  type RawNatGateway,
  type RawNetworkAcl,
  type RawNetworkInterface,
  type RawPeeringConnection,
  type RawPrefixList,
  type RawRouteTable,
  type RawSecurityGroup,
  type RawSubnet,
  type RawTransitGatewayAttachment,
  type RawVpc,
} from './schemas.js';

/** A raw object with the document and pointer it came from. */
export interface Located<T> {
  readonly value: T;
  readonly doc: InputDocument;
  readonly pointer: string;
}

/** A location inside a located object, e.g. `at(sg, '/IpPermissions/0')`. */
export function at(item: Located<unknown>, ...suffix: (string | number)[]): SourceLocation {
  return item.doc.at(item.pointer + (suffix.length > 0 ? jsonPointer(...suffix) : ''));
}

/** Provenance inside a located object; its line is filled in later. */
export function provenanceAt(
  item: Located<unknown>,
  path: readonly (string | number)[],
  vendorId: string,
  displayName: string,
): Provenance {
  return item.doc.provenance(item.pointer + (path.length > 0 ? jsonPointer(...path) : ''), vendorId, displayName);
}

export interface PrefixListEntries {
  readonly cidrs: readonly { readonly cidr: string; readonly location: SourceLocation }[];
  readonly location: SourceLocation;
}

export interface AwsInventory {
  readonly vpcs: Map<string, Located<RawVpc>>;
  readonly subnets: Map<string, Located<RawSubnet>>;
  readonly networkInterfaces: Map<string, Located<RawNetworkInterface>>;
  readonly instances: Map<string, Located<RawInstance>>;
  readonly securityGroups: Map<string, Located<RawSecurityGroup>>;
  readonly networkAcls: Map<string, Located<RawNetworkAcl>>;
  readonly routeTables: Map<string, Located<RawRouteTable>>;
  readonly internetGateways: Map<string, Located<RawInternetGateway>>;
  readonly natGateways: Map<string, Located<RawNatGateway>>;
  readonly prefixLists: Map<string, Located<RawPrefixList>>;
  readonly prefixListEntries: Map<string, PrefixListEntries>;
  readonly peeringConnections: Map<string, Located<RawPeeringConnection>>;
  readonly transitGatewayAttachments: Map<string, Located<RawTransitGatewayAttachment>>;
  /** Which kinds appeared in the input at all (even as empty lists). */
  readonly seen: Set<AwsKind>;
  readonly documents: readonly InputDocument[];
}

interface KindSpec {
  readonly schema: z.ZodType;
  readonly id: (v: never) => string;
  readonly map: (inv: AwsInventory) => Map<string, Located<unknown>>;
  readonly noun: string;
}

const KINDS: Readonly<Record<AwsKind, KindSpec>> = {
  vpc: { schema: VpcSchema, id: (v: RawVpc) => v.VpcId, map: (i) => i.vpcs, noun: 'VPC' },
  subnet: { schema: SubnetSchema, id: (v: RawSubnet) => v.SubnetId, map: (i) => i.subnets, noun: 'subnet' },
  networkInterface: {
    schema: NetworkInterfaceSchema,
    id: (v: RawNetworkInterface) => v.NetworkInterfaceId,
    map: (i) => i.networkInterfaces,
    noun: 'network interface',
  },
  instance: { schema: InstanceSchema, id: (v: RawInstance) => v.InstanceId, map: (i) => i.instances, noun: 'instance' },
  securityGroup: {
    schema: SecurityGroupSchema,
    id: (v: RawSecurityGroup) => v.GroupId,
    map: (i) => i.securityGroups,
    noun: 'security group',
  },
  networkAcl: { schema: NetworkAclSchema, id: (v: RawNetworkAcl) => v.NetworkAclId, map: (i) => i.networkAcls, noun: 'network ACL' },
  routeTable: { schema: RouteTableSchema, id: (v: RawRouteTable) => v.RouteTableId, map: (i) => i.routeTables, noun: 'route table' },
  internetGateway: {
    schema: InternetGatewaySchema,
    id: (v: RawInternetGateway) => v.InternetGatewayId,
    map: (i) => i.internetGateways,
    noun: 'internet gateway',
  },
  natGateway: { schema: NatGatewaySchema, id: (v: RawNatGateway) => v.NatGatewayId, map: (i) => i.natGateways, noun: 'NAT gateway' },
  prefixList: { schema: PrefixListSchema, id: (v: RawPrefixList) => v.PrefixListId, map: (i) => i.prefixLists, noun: 'prefix list' },
  peeringConnection: {
    schema: PeeringConnectionSchema,
    id: (v: RawPeeringConnection) => v.VpcPeeringConnectionId,
    map: (i) => i.peeringConnections,
    noun: 'peering connection',
  },
  transitGatewayAttachment: {
    schema: TransitGatewayAttachmentSchema,
    id: (v: RawTransitGatewayAttachment) => v.TransitGatewayAttachmentId,
    map: (i) => i.transitGatewayAttachments,
    noun: 'transit gateway attachment',
  },
};

function emptyInventory(documents: readonly InputDocument[]): AwsInventory {
  return {
    vpcs: new Map(),
    subnets: new Map(),
    networkInterfaces: new Map(),
    instances: new Map(),
    securityGroups: new Map(),
    networkAcls: new Map(),
    routeTables: new Map(),
    internetGateways: new Map(),
    natGateways: new Map(),
    prefixLists: new Map(),
    prefixListEntries: new Map(),
    peeringConnections: new Map(),
    transitGatewayAttachments: new Map(),
    seen: new Set(),
    documents,
  };
}

/** Validates one raw object; reports `input-invalid` at the first bad field. */
export function validate<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  doc: InputDocument,
  pointer: string,
  noun: string,
  sink: DiagnosticSink,
): T | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = pointer + (issue === undefined ? '' : jsonPointer(...issue.path.map((p) => String(p))));
  const what = issue === undefined ? 'invalid' : issue.message;
  sink.report('input-invalid', `${doc.file}#${where}: ${noun} is not in the AWS API shape: ${what}`, doc.at(where));
  return undefined;
}

function add<T>(
  map: Map<string, Located<T>>,
  id: string,
  item: Located<T>,
  noun: string,
  sink: DiagnosticSink,
): void {
  const existing = map.get(id);
  if (existing === undefined) {
    map.set(id, item);
    return;
  }
  if (JSON.stringify(existing.value) !== JSON.stringify(item.value)) {
    sink.report(
      'duplicate-object',
      `${noun} ${id} appears twice with different content (${existing.doc.file}#${existing.pointer} and ${item.doc.file}#${item.pointer}); the first is used`,
      item.doc.at(item.pointer),
    );
  }
}

export function buildInventory(docs: readonly InputDocument[], sink: DiagnosticSink): AwsInventory {
  const inv = emptyInventory(docs);
  for (const doc of docs) {
    const detection = detectAws(doc);
    if (detection.format === 'prefix-list-entries') {
      const { prefixListId, pointer, items } = detection.entries;
      const cidrs: { cidr: string; location: SourceLocation }[] = [];
      items.forEach((raw, i) => {
        const p = `${pointer}/${i}`;
        const entry = validate(PrefixListEntriesSchema, raw, doc, p, 'prefix list entry', sink);
        if (entry !== undefined) cidrs.push({ cidr: entry.Cidr, location: doc.at(`${p}/Cidr`) });
      });
      if (!inv.prefixListEntries.has(prefixListId)) inv.prefixListEntries.set(prefixListId, { cidrs, location: doc.at(pointer) });
      continue;
    }
    if (detection.format === 'none') continue;
    for (const section of detection.sections) {
      inv.seen.add(section.kind);
      const spec = KINDS[section.kind];
      section.items.forEach((raw, i) => {
        const pointer = `${section.pointer}/${i}`;
        const value = validate(spec.schema, raw, doc, pointer, spec.noun, sink);
        if (value === undefined) return;
        add(spec.map(inv), (spec.id as (v: unknown) => string)(value), { value, doc, pointer }, spec.noun, sink);
      });
    }
  }
  return inv;
}
