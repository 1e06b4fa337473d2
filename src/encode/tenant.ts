// The tenant-isolation obligation: one formula over every pair of tenants at
// once. The scene's classes are refined so each class holds endpoints of one
// tenant and is wholly inside or outside each exception's sides; a tenant is
// then a set of class ids, "different tenants" is "not both in one tenant's
// set", and an exception is a (source classes, destination classes, traffic)
// triple.

import type { IntervalSet } from '../model/intervals.js';
import type { TrafficSpec } from '../queries/query.js';
import { isolatedAsserts, type EncodedScene } from './obligations.js';
import type { Term } from './term.js';
import { trafficTerm } from './traffic.js';

/** A flow allowed across tenants, in class ids of the scene. */
export interface ClassException {
  readonly fromClasses: IntervalSet;
  readonly toClasses: IntervalSet;
  readonly traffic?: TrafficSpec;
}

export interface SceneTenancy {
  /** Per tenant, the ids of its classes (disjoint sets covering the scene's classes). */
  readonly tenantClasses: readonly IntervalSet[];
  readonly exceptions: readonly ClassException[];
}

/** Source and destination classes belong to different tenants. */
export function differentTenantsTerm(e: EncodedScene, t: SceneTenancy): Term {
  const { f, v } = e.ctx;
  return f.not(f.or(...t.tenantClasses.map((ids) => f.and(f.inSet(v.src.cls, ids), f.inSet(v.dst.cls, ids)))));
}

/** The packet between the two classes is covered by some exception. */
export function exceptedTerm(e: EncodedScene, t: SceneTenancy): Term {
  const { f, v } = e.ctx;
  return f.or(
    ...t.exceptions.map((x) => f.and(f.inSet(v.src.cls, x.fromClasses), f.inSet(v.dst.cls, x.toClasses), trafficTerm(f, v, x.traffic))),
  );
}

/**
 * Asserts are UNSAT iff no well-formed packet of the traffic is allowed from
 * an endpoint of one tenant to an endpoint of another tenant, outside every
 * exception: the tenant isolation holds, for all pairs of tenants at once.
 */
export function tenantIsolatedAsserts(e: EncodedScene, t: SceneTenancy): Term[] {
  const { f } = e.ctx;
  return [...isolatedAsserts(e), differentTenantsTerm(e, t), f.not(exceptedTerm(e, t))];
}
