// What a person asks: a named reachability property between two endpoint
// selections, optionally narrowed to some traffic, with an expectation. Query
// files (YAML) and the `query` command both parse into this shape.

import type { IntervalSet } from '../model/intervals.js';
import type { SourceLocation } from '../model/provenance.js';

/**
 * Chooses endpoints. Text form (CLI and YAML): `tag:Key=Value`, `tag:Key`,
 * `name:glob*`, `id:eni-…|i-…`, `subnet:<id or Name>`, `sg:<id or name>`,
 * `vpc:<id or Name>`, `cidr:10.0.0.0/16`, `internet`, `any` (every internal endpoint).
 */
export type Selector =
  | { readonly kind: 'any' }
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
  | { readonly kind: 'only'; readonly allowed: readonly TrafficSpec[] };

export interface Query {
  readonly name: string;
  readonly description?: string;
  readonly from: Selector;
  readonly to: Selector;
  readonly traffic?: TrafficSpec;
  readonly expect: Expectation;
  readonly location?: SourceLocation;
}
