// What netproof answers to a query: a verdict, and either a replayed
// counterexample/witness, a proof (what blocks, exportable obligations), or
// the reason it could not decide. Reports and `--format json` render this.

import type { Assumption, Rule } from '../model/estate.js';
import type { Packet } from '../model/packet.js';
import type { Provenance } from '../model/provenance.js';
import type { PathVerdict } from '../semantics/evaluate.js';
import type { Query } from './query.js';

export type Verdict =
  /** The expectation holds for every packet (a proof). */
  | 'holds'
  /** The expectation fails; `witness` shows a packet that proves it. */
  | 'violated'
  /** Could not decide: solver timeout, or the answer rests on an assumption. */
  | 'unknown'
  /** An internal error (e.g. the solver and the evaluator disagree). */
  | 'error';

export interface WitnessParty {
  /** Endpoint id, or "internet". */
  readonly id: string;
  readonly name: string;
  readonly ip: number;
}

/** A concrete packet, confirmed by the concrete evaluator. */
export interface Witness {
  readonly packet: Packet;
  readonly src: WitnessParty;
  readonly dst: WitnessParty;
  /** The replay of the packet through every layer. */
  readonly path: PathVerdict;
  /** Replay of the reply through stateless layers (undefined when not TCP). */
  readonly reply?: PathVerdict;
  /** For a tenant-isolation query: the tenants of the two endpoints (they differ). */
  readonly tenants?: { readonly src: string; readonly dst: string };
}

/** A rule, or a filter's default, that blocks traffic in a proof. */
export interface BlockingItem {
  readonly layer: string;
  readonly filter: string;
  readonly rule?: Rule;
  /** For a default: the filter's default provenance. */
  readonly provenance: Provenance;
  readonly description: string;
}

export interface Proof {
  /** What blocks, from an unsat core over tracked rules and defaults. */
  readonly blocking: readonly BlockingItem[];
  /** Number of solver obligations discharged. */
  readonly obligations: number;
  /** Files written by --emit-smt, one per obligation. */
  readonly smtFiles: readonly string[];
}

export interface QueryAnswer {
  readonly query: Query;
  readonly verdict: Verdict;
  /** For `reachable` that holds and `isolated`/`only` that are violated. */
  readonly witness?: Witness;
  readonly proof?: Proof;
  /** Why unknown or error. */
  readonly reason?: string;
  /** Assumptions the answer rests on. */
  readonly assumptions: readonly Assumption[];
  /** For a tenant-isolation query: the tenants among the endpoints considered, sorted. */
  readonly tenants?: readonly string[];
  /** Endpoint counts that the selectors resolved to. */
  readonly fromCount: number;
  readonly toCount: number;
  readonly elapsedMs: number;
}
