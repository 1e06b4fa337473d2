// EKS "security groups for pods": the SecurityGroupPolicy kind
// (vpcresources.k8s.aws/v1beta1). It selects pods of its namespace by pod
// labels and/or by the labels of their service account, and names the EC2
// security groups their branch network interfaces carry (spec.securityGroups.groupIds).
// Only a cluster placed in a VPC by a ClusterTopology applies it; the
// Kubernetes model alone keeps it parsed and unused. ServiceAccount objects
// are read for their labels (serviceAccountSelector needs them).

import type { SecurityGroupPolicy, ServiceAccount } from './types.js';
import { escapePointer, type Json, type ObjectReader } from './reader.js';
import { parseLabelSelector } from './selector.js';
import { DEFAULT_NAMESPACE } from './workloads.js';

export const SECURITY_GROUP_POLICY_GROUP = 'vpcresources.k8s.aws';

/** One SecurityGroupPolicy object at `pointer`; undefined after an error diagnostic. */
export function parseSecurityGroupPolicy(r: ObjectReader, value: Json, pointer: string): SecurityGroupPolicy | undefined {
  const meta = r.record(value['metadata'], `${pointer}/metadata`) ?? {};
  const namespace = r.string(meta['namespace'], `${pointer}/metadata/namespace`) || DEFAULT_NAMESPACE;
  const name = r.string(meta['name'], `${pointer}/metadata/name`);
  if (name === undefined || name === '') {
    r.report('input-invalid', `${pointer}/metadata/name`, 'a SecurityGroupPolicy needs metadata.name');
    return undefined;
  }
  const spec = r.record(value['spec'], `${pointer}/spec`);
  if (spec === undefined) {
    r.report('k8s-invalid-policy', `${pointer}/spec`, 'a SecurityGroupPolicy needs a spec');
    return undefined;
  }
  for (const k of Object.keys(spec)) {
    if (!['podSelector', 'serviceAccountSelector', 'securityGroups'].includes(k)) {
      r.report('k8s-invalid-policy', `${pointer}/spec/${escapePointer(k)}`, `unknown field "${k}" (expected podSelector, serviceAccountSelector, securityGroups)`);
    }
  }
  const podSelector = parseLabelSelector(r, spec['podSelector'], `${pointer}/spec/podSelector`);
  const serviceAccountSelector = parseLabelSelector(r, spec['serviceAccountSelector'], `${pointer}/spec/serviceAccountSelector`);
  if (spec['podSelector'] == null && spec['serviceAccountSelector'] == null) {
    r.report('k8s-invalid-policy', `${pointer}/spec`, 'a SecurityGroupPolicy needs podSelector or serviceAccountSelector');
  }
  const groupsPointer = `${pointer}/spec/securityGroups`;
  const groups = r.record(spec['securityGroups'], groupsPointer);
  const idsPointer = `${groupsPointer}/groupIds`;
  const list = groups === undefined ? undefined : r.list(groups['groupIds'], idsPointer);
  if (list === undefined || list.length === 0) {
    r.report('k8s-invalid-policy', list === undefined ? groupsPointer : idsPointer, 'a SecurityGroupPolicy needs securityGroups.groupIds with at least one security group id');
    return undefined;
  }
  const groupIds: string[] = [];
  list.forEach((g, i) => {
    const id = r.string(g, `${idsPointer}/${i}`);
    if (id === undefined) return;
    if (!/^sg-[0-9a-zA-Z]+$/.test(id)) {
      r.report('k8s-invalid-policy', `${idsPointer}/${i}`, `"${id}" is not a security group id (sg-…)`);
      return;
    }
    groupIds.push(id);
  });
  if (r.failed) return undefined;
  return {
    id: `${namespace}/${name}`,
    namespace,
    name,
    ...(podSelector === undefined ? {} : { podSelector }),
    ...(serviceAccountSelector === undefined ? {} : { serviceAccountSelector }),
    groupIds,
    groupIdLocations: groupIds.map((_, i) => r.at(`${idsPointer}/${i}`)),
    location: r.at(pointer),
  };
}

/** A ServiceAccount's namespace, name and labels; undefined after an error diagnostic. */
export function parseServiceAccount(r: ObjectReader, value: Json, pointer: string): ServiceAccount | undefined {
  const meta = r.record(value['metadata'], `${pointer}/metadata`) ?? {};
  const namespace = r.string(meta['namespace'], `${pointer}/metadata/namespace`) || DEFAULT_NAMESPACE;
  const name = r.string(meta['name'], `${pointer}/metadata/name`);
  const labels = r.stringMap(meta['labels'], `${pointer}/metadata/labels`);
  if (name === undefined || name === '' || r.failed) return undefined;
  return { namespace, name, labels, location: r.at(pointer) };
}
