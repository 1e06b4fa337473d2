// Shapes of the AWS EC2 API objects netproof reads, as `aws ec2 describe-*`
// prints them (and np-guard's collector stores them). Only the fields used are
// declared; others pass unchecked. Optional fields accept null, as the
// collector writes null for absent values. These types never leave ingest/aws.

import { z } from 'zod';

const str = z.string();
const optStr = z.string().nullish();
const optBool = z.boolean().nullish();
const optInt = z.number().int().nullish();
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

export const TagSchema = z.object({ Key: str, Value: z.string().nullish() });
export type RawTag = z.infer<typeof TagSchema>;

export const VpcSchema = z.object({
  VpcId: str,
  CidrBlock: optStr,
  CidrBlockAssociationSet: list(z.object({ CidrBlock: str, CidrBlockState: z.object({ State: optStr }).nullish() })),
  Ipv6CidrBlockAssociationSet: list(z.unknown()),
  IsDefault: optBool,
  Tags: list(TagSchema),
});
export type RawVpc = z.infer<typeof VpcSchema>;

export const SubnetSchema = z.object({
  SubnetId: str,
  VpcId: str,
  CidrBlock: optStr,
  MapPublicIpOnLaunch: optBool,
  AvailabilityZone: optStr,
  Ipv6CidrBlockAssociationSet: list(z.unknown()),
  Tags: list(TagSchema),
});
export type RawSubnet = z.infer<typeof SubnetSchema>;

const AssociationSchema = z.object({ PublicIp: optStr }).nullish();

export const NetworkInterfaceSchema = z.object({
  NetworkInterfaceId: str,
  SubnetId: optStr,
  VpcId: optStr,
  AvailabilityZone: optStr,
  Description: optStr,
  InterfaceType: optStr,
  Status: optStr,
  PrivateIpAddress: optStr,
  PrivateIpAddresses: list(
    z.object({ PrivateIpAddress: str, Primary: optBool, Association: AssociationSchema }),
  ),
  Association: AssociationSchema,
  Groups: list(z.object({ GroupId: str, GroupName: optStr })),
  Attachment: z.object({ InstanceId: optStr, Status: optStr }).nullish(),
  Ipv6Addresses: list(z.unknown()),
  TagSet: list(TagSchema),
});
export type RawNetworkInterface = z.infer<typeof NetworkInterfaceSchema>;

export const InstanceSchema = z.object({
  InstanceId: str,
  State: z.object({ Name: optStr }).nullish(),
  SubnetId: optStr,
  VpcId: optStr,
  PrivateIpAddress: optStr,
  PublicIpAddress: optStr,
  Placement: z.object({ AvailabilityZone: optStr }).nullish(),
  SecurityGroups: list(z.object({ GroupId: str, GroupName: optStr })),
  NetworkInterfaces: list(NetworkInterfaceSchema),
  Tags: list(TagSchema),
});
export type RawInstance = z.infer<typeof InstanceSchema>;

export const ReservationSchema = z.object({ Instances: list(z.unknown()) });

const PermissionSchema = z.object({
  IpProtocol: str,
  FromPort: optInt,
  ToPort: optInt,
  IpRanges: list(z.object({ CidrIp: str, Description: optStr })),
  Ipv6Ranges: list(z.object({ CidrIpv6: optStr })),
  PrefixListIds: list(z.object({ PrefixListId: str, Description: optStr })),
  UserIdGroupPairs: list(
    z.object({
      GroupId: optStr,
      GroupName: optStr,
      UserId: optStr,
      VpcId: optStr,
      VpcPeeringConnectionId: optStr,
      Description: optStr,
    }),
  ),
});
export type RawPermission = z.infer<typeof PermissionSchema>;

export const SecurityGroupSchema = z.object({
  GroupId: str,
  GroupName: optStr,
  VpcId: optStr,
  Description: optStr,
  IpPermissions: list(PermissionSchema),
  IpPermissionsEgress: list(PermissionSchema),
  Tags: list(TagSchema),
});
export type RawSecurityGroup = z.infer<typeof SecurityGroupSchema>;

const NaclEntrySchema = z.object({
  RuleNumber: z.number().int(),
  Egress: z.boolean(),
  Protocol: z.union([str, z.number().int()]),
  RuleAction: z.string(),
  CidrBlock: optStr,
  Ipv6CidrBlock: optStr,
  PortRange: z.object({ From: optInt, To: optInt }).nullish(),
  IcmpTypeCode: z.object({ Type: optInt, Code: optInt }).nullish(),
});
export type RawNaclEntry = z.infer<typeof NaclEntrySchema>;

export const NetworkAclSchema = z.object({
  NetworkAclId: str,
  VpcId: str,
  IsDefault: optBool,
  Associations: list(z.object({ SubnetId: optStr })),
  Entries: list(NaclEntrySchema),
  Tags: list(TagSchema),
});
export type RawNetworkAcl = z.infer<typeof NetworkAclSchema>;

const RouteSchema = z.object({
  DestinationCidrBlock: optStr,
  DestinationIpv6CidrBlock: optStr,
  DestinationPrefixListId: optStr,
  GatewayId: optStr,
  NatGatewayId: optStr,
  VpcPeeringConnectionId: optStr,
  TransitGatewayId: optStr,
  NetworkInterfaceId: optStr,
  InstanceId: optStr,
  LocalGatewayId: optStr,
  CarrierGatewayId: optStr,
  EgressOnlyInternetGatewayId: optStr,
  CoreNetworkArn: optStr,
  State: optStr,
});
export type RawRoute = z.infer<typeof RouteSchema>;

export const RouteTableSchema = z.object({
  RouteTableId: str,
  VpcId: str,
  Associations: list(z.object({ Main: optBool, SubnetId: optStr, GatewayId: optStr })),
  Routes: list(RouteSchema),
  Tags: list(TagSchema),
});
export type RawRouteTable = z.infer<typeof RouteTableSchema>;

export const InternetGatewaySchema = z.object({
  InternetGatewayId: str,
  Attachments: list(z.object({ VpcId: optStr, State: optStr })),
  Tags: list(TagSchema),
});
export type RawInternetGateway = z.infer<typeof InternetGatewaySchema>;

export const NatGatewaySchema = z.object({
  NatGatewayId: str,
  SubnetId: optStr,
  VpcId: optStr,
  State: optStr,
  ConnectivityType: optStr,
  Tags: list(TagSchema),
});
export type RawNatGateway = z.infer<typeof NatGatewaySchema>;

const PrefixListEntrySchema = z.object({ Cidr: str, Description: optStr });

export const PrefixListSchema = z.object({
  PrefixListId: str,
  PrefixListName: optStr,
  AddressFamily: optStr,
  /** Not printed by describe-managed-prefix-lists: netproof's extension for inline entries. */
  Entries: list(PrefixListEntrySchema),
});
export type RawPrefixList = z.infer<typeof PrefixListSchema>;

export const PrefixListEntriesSchema = PrefixListEntrySchema;

export const PeeringConnectionSchema = z.object({
  VpcPeeringConnectionId: str,
  AccepterVpcInfo: z.object({ VpcId: optStr }).nullish(),
  RequesterVpcInfo: z.object({ VpcId: optStr }).nullish(),
  Status: z.object({ Code: optStr }).nullish(),
});
export type RawPeeringConnection = z.infer<typeof PeeringConnectionSchema>;

export const TransitGatewayAttachmentSchema = z.object({
  TransitGatewayAttachmentId: str,
  TransitGatewayId: optStr,
  ResourceType: optStr,
  ResourceId: optStr,
  State: optStr,
});
export type RawTransitGatewayAttachment = z.infer<typeof TransitGatewayAttachmentSchema>;
