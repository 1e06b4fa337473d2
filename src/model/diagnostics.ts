// Diagnostics are data: a stable code from one exhaustive table, a severity,
// a message and the source location. Ingest never throws on odd input; it
// reports here and carries on conservatively (or stops with an error code).

import type { SourceLocation } from './provenance.js';

export type Severity = 'error' | 'warning' | 'info';

interface CodeInfo {
  readonly severity: Severity;
  readonly title: string;
}

/** Every diagnostic netproof can emit. Add codes here, never inline strings. */
export const DIAGNOSTIC_CODES = {
  'input-not-found': { severity: 'error', title: 'An input path does not exist or cannot be read' },
  'input-empty': { severity: 'error', title: 'No input files were found' },
  'input-malformed': { severity: 'error', title: 'A file is not valid JSON or YAML' },
  'input-unrecognized': { severity: 'warning', title: 'A file matches no supported input format and was skipped' },
  'input-invalid': { severity: 'error', title: 'A field has a value the vendor API would reject' },
  'invalid-cidr': { severity: 'error', title: 'A CIDR block is malformed or has host bits set' },
  'duplicate-object': { severity: 'warning', title: 'The same object appears twice with different content' },
  'missing-security-group': { severity: 'warning', title: 'A referenced security group is not in the input' },
  'missing-subnet': { severity: 'warning', title: 'A referenced subnet is not in the input' },
  'missing-vpc': { severity: 'warning', title: 'A referenced VPC is not in the input' },
  'missing-prefix-list': { severity: 'warning', title: 'A referenced managed prefix list is not in the input' },
  'missing-network-acl': { severity: 'warning', title: 'A subnet has no network ACL in the input' },
  'ipv6-not-modeled': { severity: 'info', title: 'IPv6 rules and addresses are not modeled (they never match IPv4 packets)' },
  'not-modeled': { severity: 'warning', title: 'A construct netproof does not model was found' },
  'route-assumed': { severity: 'info', title: 'No route tables in the input: routes to the internet gateway are assumed' },
  'gateway-assumed': { severity: 'info', title: 'No internet gateways in the input: VPCs are assumed to have one attached' },
  'endpoint-unplaced': { severity: 'warning', title: 'An interface has no usable subnet or address and was left out' },
  'k8s-not-an-object': { severity: 'info', title: 'A document is not a Kubernetes object and was skipped' },
  'k8s-kind-skipped': { severity: 'info', title: 'A Kubernetes kind that does not affect pod connectivity was skipped' },
  'k8s-invalid-selector': { severity: 'error', title: 'A label selector is malformed (bad operator, values or labels)' },
  'k8s-invalid-port': { severity: 'error', title: 'A policy port is invalid (unknown protocol, endPort below port, endPort with a named port, out of range)' },
  'k8s-invalid-policy': { severity: 'error', title: 'A network policy is malformed (missing priority, bad action, bad peer or subject)' },
  'k8s-duplicate-priority': { severity: 'warning', title: 'Two AdminNetworkPolicies share a priority; their relative order is undefined' },
  'k8s-ipv6-ignored': { severity: 'warning', title: 'An IPv6 CIDR in a policy was ignored (only IPv4 is modeled)' },
  'k8s-cidr-host-bits': { severity: 'warning', title: 'A policy CIDR has host bits set; its network address is used, as Kubernetes does' },
  'k8s-nodes-peer': { severity: 'warning', title: 'An AdminNetworkPolicy nodes peer needs Node objects, which the input does not give' },
  'k8s-container-port-invalid': { severity: 'warning', title: 'A container port is malformed and was ignored (it resolves no named port)' },
  'k8s-named-port-unresolved': { severity: 'info', title: 'A named policy port matches no container port of any destination pod; the rule allows nothing for it' },
  'k8s-owner-label-gap': { severity: 'warning', title: 'Pods of one owner carry different labels; the first pod stands for them all' },
  'k8s-sgp-not-applied': { severity: 'info', title: 'SecurityGroupPolicies were read but not applied: no ClusterTopology places the cluster in a VPC' },
  'k8s-service-account-unknown': { severity: 'warning', title: 'A SecurityGroupPolicy selects by service account labels, but the pod\'s ServiceAccount is not in the input' },
  'topology-invalid': { severity: 'error', title: 'A ClusterTopology file is malformed' },
  'topology-unresolved': { severity: 'error', title: 'A ClusterTopology names a VPC, subnet or security group that the AWS input does not hold (or names ambiguously)' },
  'topology-unassigned-manifest': { severity: 'error', title: 'A Kubernetes manifest lies under no cluster of the ClusterTopology' },
  'query-invalid': { severity: 'error', title: 'A query file is malformed' },
  'selector-empty': { severity: 'error', title: 'A query selector matches nothing' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly location?: SourceLocation;
}

export function diagnostic(code: DiagnosticCode, message: string, location?: SourceLocation): Diagnostic {
  return location === undefined
    ? { code, severity: DIAGNOSTIC_CODES[code].severity, message }
    : { code, severity: DIAGNOSTIC_CODES[code].severity, message, location };
}

/** Collects diagnostics; converters take one and never throw on odd input. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  report(code: DiagnosticCode, message: string, location?: SourceLocation): Diagnostic {
    const d = diagnostic(code, message, location);
    this.items.push(d);
    return d;
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}
