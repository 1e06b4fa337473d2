// What a person asks: a named reachability property between two endpoint
// selections, optionally narrowed to some traffic, with an expectation. Query
// files (YAML) and the `query` command both parse into this shape.

import type { IntervalSet } from '../model/intervals.js';
import type { SourceLocation } from '../model/provenance.js';
import type { LabelRequirement } from './label-expression.js';

/**
 * Chooses endpoints. Text form (CLI and YAML): `tag:Key=Value`, `tag:Key`,
 * `name:glob*`, `id:eni-…|i-…`, `subnet:<id or Name>`, `sg:<id or name>`,
 * `vpc:<id or Name>`, `cidr:10.0.0.0/16`, `internet`, `any` (every internal
 * endpoint); for Kubernetes `namespace:glob`, `label:<kubectl -l expression>`,
 * `nslabel:<expression on the namespace's labels>`,
 * `workload:[ns/]name[Kind]` (globs) and `cluster:glob`.
 */
export type Selector =
  | { readonly kind: 'any' }
  | { readonly kind: 'namespace'; readonly pattern: string }
  | { readonly kind: 'cluster'; readonly pattern: string }
  | { readonly kind: 'label'; readonly requirements: readonly LabelRequirement[] }
  | { readonly kind: 'namespaceLabel'; readonly requirements: readonly LabelRequirement[] }
  | { readonly kind: 'workload'; readonly namespace?: string; readonly name: string; readonly workloadKind?: string }
  | { readonly kind: 'internet' }
  | { readonly kind: 'tag'; readonly key: string; readonly value?: string }
  | { readonly kind: 'name'; readonly pattern: string }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'subnet'; readonly ref: string }
  | { readonly kind: 'securityGroup'; readonly ref: string }
  | { readonly kind: 'vpc'; readonly ref: string }
  | { readonly kind: 'cidr'; readonly text: string; readonly range: IntervalSet }
  | { readonly kind: 'allOf'; readonly of: readonly Selector[] }
  | { readonly kind: 'anyOf'; readonly of: readonly Selector[] }
  | { readonly kind: 'not'; readonly of: Selector };

/** Traffic a query is about: protocols (numbers) and destination ports. */
export interface TrafficSpec {
  /** Protocol numbers; undefined = every protocol. */
  readonly protocols?: IntervalSet;
  /** Destination ports (only for TCP/UDP/SCTP); undefined = every port. */
  readonly dstPorts?: IntervalSet;
}

export type Expectation =
  /** No packet of the traffic gets from any `from` to any `to`. */
  | { readonly kind: 'isolated' }
  /** Some packet of the traffic gets through. */
  | { readonly kind: 'reachable' }
  /** Nothing beyond the listed traffic gets through. */
  | { readonly kind: 'only'; readonly allowed: readonly TrafficSpec[] }
  /**
   * Endpoints of `from` (= `to`, the query's `among`) whose tenants differ
   * never reach each other with a packet of the traffic, except for flows an
   * exception covers. Endpoints without a tenant value form one tenant.
   */
  | { readonly kind: 'tenant-isolated'; readonly tenant: TenantKey; readonly exceptions: readonly TenantException[] };

/** Where an endpoint's tenant comes from. */
export type TenantKey =
  /** The value of the endpoint's label (tag) `key`. */
  | { readonly kind: 'label'; readonly key: string }
  /** The value of label `key` of the endpoint's Kubernetes namespace. */
  | { readonly kind: 'namespaceLabel'; readonly key: string }
  /** The endpoint's namespace. */
  | { readonly kind: 'namespace' };

/**
 * Flows a tenant-isolation query allows across tenants: from endpoints of
 * `from` (default: any) to endpoints of `to` (default: any), packets of
 * `traffic` (default: every packet).
 */
export interface TenantException {
  readonly from?: Selector;
  readonly to?: Selector;
  readonly traffic?: TrafficSpec;
  readonly location?: SourceLocation;
}

export interface Query {
  readonly name: string;
  readonly description?: string;
  readonly from: Selector;
  readonly to: Selector;
  readonly traffic?: TrafficSpec;
  readonly expect: Expectation;
  readonly location?: SourceLocation;
}
