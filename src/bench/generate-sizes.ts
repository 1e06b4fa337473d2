// The benchmark's estate sizes. Counts of security groups and network ACLs
// are of custom objects: every VPC also gets its AWS-made default security
// group and default network ACL on top. A security group's rule count is
// counted the way the AWS quota counts it (each CIDR or group reference in a
// permission is one rule, inbound and outbound together); a network ACL's is
// its numbered entries in both directions, without the two "*" defaults.

export type SizeName = 'S' | 'M' | 'L';

export interface SizeSpec {
  readonly name: SizeName;
  readonly vpcs: number;
  readonly subnets: number;
  readonly interfaces: number;
  readonly securityGroups: number;
  readonly rulesPerSecurityGroup: number;
  readonly networkAcls: number;
  readonly entriesPerNetworkAcl: number;
  /** Workload roles (launch templates): interfaces of one role share tags and groups. */
  readonly roles: number;
}

export const SIZES: Readonly<Record<SizeName, SizeSpec>> = {
  S: {
    name: 'S',
    vpcs: 1,
    subnets: 8,
    interfaces: 200,
    securityGroups: 12,
    rulesPerSecurityGroup: 10,
    networkAcls: 4,
    entriesPerNetworkAcl: 16,
    roles: 8,
  },
  M: {
    name: 'M',
    vpcs: 4,
    subnets: 200,
    interfaces: 5_000,
    securityGroups: 500,
    rulesPerSecurityGroup: 20,
    networkAcls: 50,
    entriesPerNetworkAcl: 40,
    roles: 200,
  },
  L: {
    name: 'L',
    vpcs: 10,
    subnets: 500,
    interfaces: 10_000,
    securityGroups: 2_500,
    rulesPerSecurityGroup: 60,
    networkAcls: 200,
    entriesPerNetworkAcl: 40,
    roles: 1_000,
  },
};

export const SIZE_NAMES = Object.keys(SIZES) as SizeName[];

export function isSizeName(text: string): text is SizeName {
  return Object.prototype.hasOwnProperty.call(SIZES, text);
}
