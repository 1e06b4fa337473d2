// Recognizes AWS documents by content, whatever their file names: the
// top-level keys of `aws ec2 describe-*` outputs, np-guard's combined
// collector JSON, and `get-managed-prefix-list-entries` outputs (which do not
// name their list, so the file name must contain the pl-… id).

import type { InputDocument } from '../document.js';

export type AwsKind =
  | 'vpc'
  | 'subnet'
  | 'networkInterface'
  | 'instance'
  | 'securityGroup'
  | 'networkAcl'
  | 'routeTable'
  | 'internetGateway'
  | 'natGateway'
  | 'prefixList'
  | 'peeringConnection'
  | 'transitGatewayAttachment';

/** Top-level keys of describe-* outputs (Reservations is handled apart). */
const DESCRIBE_KEYS: Readonly<Record<string, AwsKind>> = {
  Vpcs: 'vpc',
  Subnets: 'subnet',
  NetworkInterfaces: 'networkInterface',
  SecurityGroups: 'securityGroup',
  NetworkAcls: 'networkAcl',
  RouteTables: 'routeTable',
  InternetGateways: 'internetGateway',
  NatGateways: 'natGateway',
  PrefixLists: 'prefixList',
  VpcPeeringConnections: 'peeringConnection',
  TransitGatewayAttachments: 'transitGatewayAttachment',
};

/** Keys of np-guard's cloud-resource-collector output (flat lists). */
const COLLECTOR_KEYS: Readonly<Record<string, AwsKind>> = {
  vpcs: 'vpc',
  subnets: 'subnet',
  instances: 'instance',
  network_acls: 'networkAcl',
  security_groups: 'securityGroup',
  internet_gateways: 'internetGateway',
  network_interfaces: 'networkInterface',
  route_tables: 'routeTable',
  nat_gateways: 'natGateway',
  prefix_lists: 'prefixList',
  vpc_peering_connections: 'peeringConnection',
  transit_gateway_attachments: 'transitGatewayAttachment',
};

/** One list of raw objects of one kind inside a document. */
export interface Section {
  readonly kind: AwsKind;
  /** JSON pointer of the list. */
  readonly pointer: string;
  readonly items: readonly unknown[];
}

export interface PrefixListEntriesSection {
  readonly prefixListId: string;
  readonly pointer: string;
  readonly items: readonly unknown[];
}

export type Detection =
  | { readonly format: 'describe' | 'collector'; readonly sections: readonly Section[] }
  | { readonly format: 'prefix-list-entries'; readonly entries: PrefixListEntriesSection }
  | { readonly format: 'none'; readonly hint?: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const PREFIX_LIST_ID = /\bpl-[0-9a-z]+\b/i;

function detectEntries(doc: InputDocument, entries: readonly unknown[]): Detection {
  const looksLikeEntries = entries.every((e) => isRecord(e) && 'Cidr' in e);
  if (!looksLikeEntries) return { format: 'none' };
  const base = doc.file.split(/[\\/]/).pop() ?? doc.file;
  const id = PREFIX_LIST_ID.exec(base)?.[0];
  if (id === undefined) {
    return {
      format: 'none',
      hint: 'looks like get-managed-prefix-list-entries output, but the file name does not contain the pl-… id of its list',
    };
  }
  return { format: 'prefix-list-entries', entries: { prefixListId: id.toLowerCase(), pointer: '/Entries', items: entries } };
}

export function detectAws(doc: InputDocument): Detection {
  const v = doc.value;
  if (!isRecord(v)) return { format: 'none' };
  const describe: Section[] = [];
  for (const [key, kind] of Object.entries(DESCRIBE_KEYS)) {
    const items = v[key];
    if (Array.isArray(items)) describe.push({ kind, pointer: `/${key}`, items });
  }
  const reservations = v['Reservations'];
  if (Array.isArray(reservations)) {
    reservations.forEach((r, i) => {
      const instances = isRecord(r) ? r['Instances'] : undefined;
      if (Array.isArray(instances)) describe.push({ kind: 'instance', pointer: `/Reservations/${i}/Instances`, items: instances });
    });
    if (describe.every((s) => s.kind !== 'instance')) describe.push({ kind: 'instance', pointer: '/Reservations', items: [] });
  }
  if (describe.length > 0) return { format: 'describe', sections: describe };
  const collector: Section[] = [];
  for (const [key, kind] of Object.entries(COLLECTOR_KEYS)) {
    const items = v[key];
    if (Array.isArray(items)) collector.push({ kind, pointer: `/${key}`, items });
  }
  if (collector.length > 0 && (v['provider'] === undefined || v['provider'] === 'aws')) {
    return { format: 'collector', sections: collector };
  }
  const entries = v['Entries'];
  if (Array.isArray(entries)) return detectEntries(doc, entries);
  return { format: 'none' };
}
