// Internet access of a pod in a VPC (VPC CNI). Outbound: a pod with the
// node's security groups is translated to its node's primary address (SNAT),
// so it reaches out the way a node in its subnet does (an internet gateway
// route and a public node address, or a NAT gateway route). A pod with its
// own security groups (SecurityGroupPolicy, strict mode) is not translated:
// its private address reaches out only through a NAT gateway. Inbound: never;
// pod addresses are private and nothing maps a public address to them.

import type { InternetAccess } from '../../model/estate.js';
import type { AwsAssembly } from '../aws/assemble.js';
import type { PodGroupSource } from './placement.js';

/**
 * `publicNode` names a node of the pod's node group in that subnet that has a
 * public address (then the pod's translated traffic has one too); otherwise
 * the subnet's public-IP setting stands for the nodes'.
 */
export function podInternetAccess(aws: AwsAssembly, subnetId: string, source: PodGroupSource, publicNode?: string): InternetAccess {
  const snat = source !== 'pod';
  const nodeAddress = publicNode === undefined ? aws.subnetPublicAddress(subnetId) : { has: true, reason: `node ${publicNode} has a public address` };
  const address =
    snat && nodeAddress !== undefined
      ? { has: nodeAddress.has, reason: `pod traffic to the internet leaves from its node's address (VPC CNI source NAT); ${nodeAddress.reason}` }
      : { has: false, reason: 'pods with security groups for pods are not source-translated: their private address reaches the internet only through a NAT gateway' };
  const access = aws.internetAccess(subnetId, address) ?? { inbound: false, outbound: false, reasons: [`subnet ${subnetId} is in no known VPC`], assumptions: [] };
  return { ...access, inbound: false, reasons: [...access.reasons, 'pods accept no connection from the internet (pod addresses are private)'] };
}
