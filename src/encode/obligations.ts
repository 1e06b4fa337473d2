// The queries as proof obligations: each is a pure function returning the
// assertions to check. `encodeScene` builds the shared pieces (variables,
// trackers, the path formula) once per query.

import type { Query, TrafficSpec } from '../queries/query.js';
import type { EncodeContext } from './context.js';
import type { EstateIndex } from './estate-index.js';
import { TermFactory } from './factory.js';
import { encodePath, type PathFormula } from './path.js';
import type { Scene } from './scene.js';
import { querySpace } from './slice.js';
import type { Term } from './term.js';
import { Trackers } from './trackers.js';
import { trafficTerm, wellFormedTerm } from './traffic.js';
import { makeVars } from './variables.js';

export interface EncodedScene {
  readonly ctx: EncodeContext;
  readonly path: PathFormula;
  /** The packet is well formed and within the query's traffic. */
  readonly packet: Term;
}

/** `peersByFilter` narrows the peers each filter's owners meet (see QuerySpace). */
export function encodeScene(
  index: EstateIndex,
  scene: Scene,
  traffic: TrafficSpec | undefined,
  peersByFilter?: ReadonlyMap<string, readonly number[]>,
): EncodedScene {
  const f = new TermFactory();
  const v = makeVars(f, scene);
  const ctx: EncodeContext = {
    f,
    v,
    scene,
    index,
    space: querySpace(scene, traffic, peersByFilter),
    trackers: new Trackers(f),
    touchedAssumptions: new Set(),
    memo: new Map(),
  };
  const path = encodePath(ctx);
  return { ctx, path, packet: f.and(wellFormedTerm(f, v), trafficTerm(f, v, traffic)) };
}

/**
 * Asserts are UNSAT iff no well-formed packet of the traffic is allowed from
 * any `from` party to any `to` party: the `isolated` expectation holds.
 */
export function isolatedAsserts(e: EncodedScene): Term[] {
  return [...e.path.definitions, e.packet, e.path.allowed];
}

/**
 * Asserts are UNSAT iff no well-formed packet of the traffic is allowed from
 * any `from` party to any `to` party: the `reachable` expectation is violated.
 * (The same obligation as `isolated`, read the other way round.)
 */
export function reachableAsserts(e: EncodedScene): Term[] {
  return [...e.path.definitions, e.packet, e.path.allowed];
}

/**
 * Asserts are UNSAT iff every allowed well-formed packet of the traffic
 * between the two sides is within one of the `allowed` specs: the `only`
 * expectation holds.
 */
export function onlyAsserts(e: EncodedScene, allowed: readonly TrafficSpec[]): Term[] {
  const { f, v } = e.ctx;
  const permitted = f.or(...allowed.map((spec) => trafficTerm(f, v, spec)));
  return [...e.path.definitions, e.packet, e.path.allowed, f.not(permitted)];
}

export function assertsFor(e: EncodedScene, query: Query): Term[] {
  switch (query.expect.kind) {
    case 'isolated':
      return isolatedAsserts(e);
    case 'reachable':
      return reachableAsserts(e);
    case 'only':
      return onlyAsserts(e, query.expect.allowed);
    case 'tenant-isolated':
      throw new Error('internal: a tenant-isolation query needs its tenancy (tenantIsolatedAsserts in tenant.ts)');
  }
}

/** What `unsat` means for the query, for answers and SMT comments. */
export function unsatMeaning(query: Query): string {
  switch (query.expect.kind) {
    case 'isolated':
      return 'unsat means no packet of the traffic gets from `from` to `to`: the isolation holds';
    case 'reachable':
      return 'unsat means no packet of the traffic gets from `from` to `to`: the reachability is violated';
    case 'only':
      return 'unsat means every packet that gets from `from` to `to` is within the allowed traffic: the expectation holds';
    case 'tenant-isolated':
      return 'unsat means no packet of the traffic gets from an endpoint of one tenant to an endpoint of another outside the exceptions: the tenant isolation holds';
  }
}
