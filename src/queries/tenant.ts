// A tenant-isolation query, prepared for the engine: each endpoint's tenant
// (read concretely from its labels, its namespace's labels or its namespace),
// the scene refined so every class has one tenant and a uniform membership in
// every exception side, the class sets the encoder needs, the peers each
// filter can meet across tenants (for slicing), and the review of a witness —
// the tenants of the two endpoints differ and no exception covers the packet —
// computed from the endpoints, not from the formula.

import type { Endpoint, Estate } from '../model/estate.js';
import type { EstateIndex } from '../encode/estate-index.js';
import { buildScene, type Scene } from '../encode/scene.js';
import type { ClassException, SceneTenancy } from '../encode/tenant.js';
import { trafficMatches } from '../encode/traffic.js';
import { IntervalSet } from '../model/intervals.js';
import type { Witness } from './answer.js';
import type { Query, Selector } from './query.js';
import type { Selection } from './select.js';
import { tenantName, tenantValue } from './tenant-key.js';

export type Resolve = (estate: Estate, selector: Selector) => Selection;

/** An exception with its sides resolved to endpoint indexes (undefined side = any endpoint). */
interface ResolvedException {
  readonly from?: ReadonlySet<number>;
  readonly to?: ReadonlySet<number>;
  readonly spec: Query['traffic'];
}

export type Review = { readonly ok: true; readonly witness: Witness } | { readonly ok: false; readonly problem: string };

export interface TenantPlan {
  readonly scene: Scene;
  readonly tenancy: SceneTenancy;
  /** The tenants among the endpoints, sorted. */
  readonly tenants: readonly string[];
  /** The endpoints considered. */
  readonly among: readonly Endpoint[];
  /**
   * Per filter, the peers its owners can meet across tenants (sorted
   * endpoint indexes): for a filter whose owners all belong to one tenant,
   * the endpoints of every other tenant. Rules that name only same-tenant
   * peers are sliced away; they never decide a cross-tenant packet.
   */
  readonly peersByFilter: ReadonlyMap<string, readonly number[]>;
  /** Confirms a replayed witness crosses tenants outside every exception, and names the tenants. */
  review(w: Witness): Review;
}

function indexSet(sel: Selection): Set<number> {
  return new Set(sel.endpoints.map((e) => e.index));
}

/** Ids of the classes of `scene` whose representative passes `keep` (classes are uniform for it). */
function classIds(scene: Scene, keep: (e: Endpoint) => boolean): IntervalSet {
  return IntervalSet.points(scene.classes.filter((c) => keep(c.representative.endpoint)).map((c) => c.id));
}

/**
 * For each filter of the endpoints' layers whose owners (among `among`) all
 * have one tenant: the endpoints of `among` of the other tenants. Filters
 * whose owners span several tenants are left out (any peer may matter).
 */
function crossTenantPeers(index: EstateIndex, among: readonly Endpoint[], tenantOf: (e: Endpoint) => string): Map<string, readonly number[]> {
  const tenantsByFilter = new Map<string, Set<string>>();
  const byTenant = new Map<string, number[]>();
  for (const e of among) {
    const t = tenantOf(e);
    const list = byTenant.get(t);
    if (list === undefined) byTenant.set(t, [e.index]);
    else list.push(e.index);
    for (const layerId of [...e.egressLayers, ...e.ingressLayers]) {
      for (const filterId of index.layer(layerId).filterIds) {
        const ts = tenantsByFilter.get(filterId);
        if (ts === undefined) tenantsByFilter.set(filterId, new Set([t]));
        else ts.add(t);
      }
    }
  }
  const all = among.map((e) => e.index).sort((a, b) => a - b);
  const others = new Map<string, readonly number[]>();
  const othersOf = (t: string): readonly number[] => {
    let list = others.get(t);
    if (list === undefined) {
      const own = new Set(byTenant.get(t) ?? []);
      list = all.filter((i) => !own.has(i));
      others.set(t, list);
    }
    return list;
  };
  const out = new Map<string, readonly number[]>();
  for (const [filterId, ts] of tenantsByFilter) {
    if (ts.size === 1) out.set(filterId, othersOf([...ts][0]!));
  }
  return out;
}

/** Prepares a query whose expectation is `tenant-isolated`; `among` is the query's `from`. */
export function planTenantQuery(index: EstateIndex, resolve: Resolve, query: Query): TenantPlan {
  const expect = query.expect;
  if (expect.kind !== 'tenant-isolated') throw new Error('internal: not a tenant-isolation query');
  const estate = index.estate;
  const key = expect.tenant;
  const among = resolve(estate, query.from).endpoints;
  const exceptions: ResolvedException[] = expect.exceptions.map((x) => ({
    ...(x.from === undefined ? {} : { from: indexSet(resolve(estate, x.from)) }),
    ...(x.to === undefined ? {} : { to: indexSet(resolve(estate, x.to)) }),
    spec: x.traffic,
  }));
  const bit = (set: ReadonlySet<number> | undefined, e: Endpoint): string => (set === undefined || set.has(e.index) ? '1' : '0');
  const refine = (e: Endpoint): string =>
    `${JSON.stringify(tenantValue(key, e) ?? null)}|${exceptions.map((x) => bit(x.from, e) + bit(x.to, e)).join('')}`;
  const side: Selection = { endpoints: among, internet: IntervalSet.EMPTY };
  const scene = buildScene(index, side, side, refine);
  const byTenant = new Map<string, number[]>();
  for (const c of scene.classes) {
    const t = tenantName(key, c.representative.endpoint);
    const ids = byTenant.get(t);
    if (ids === undefined) byTenant.set(t, [c.id]);
    else ids.push(c.id);
  }
  const classExceptions: ClassException[] = exceptions.map((x) => ({
    fromClasses: classIds(scene, (e) => x.from === undefined || x.from.has(e.index)),
    toClasses: classIds(scene, (e) => x.to === undefined || x.to.has(e.index)),
    ...(x.spec === undefined ? {} : { traffic: x.spec }),
  }));
  const byId = new Map<string, Endpoint>();
  for (const e of among) if (!byId.has(e.id)) byId.set(e.id, e);
  const covered = (src: Endpoint, dst: Endpoint, w: Witness): boolean =>
    exceptions.some(
      (x) => (x.from === undefined || x.from.has(src.index)) && (x.to === undefined || x.to.has(dst.index)) && trafficMatches(x.spec, w.packet),
    );
  return {
    scene,
    tenancy: { tenantClasses: [...byTenant.values()].map((ids) => IntervalSet.points(ids)), exceptions: classExceptions },
    tenants: [...byTenant.keys()].sort(),
    among,
    peersByFilter: crossTenantPeers(index, among, (e) => tenantName(key, e)),
    review(w) {
      const src = byId.get(w.src.id);
      const dst = byId.get(w.dst.id);
      if (src === undefined || dst === undefined) {
        return { ok: false, problem: `the solver's packet goes from ${w.src.name} to ${w.dst.name}, not between two of the endpoints considered` };
      }
      const from = tenantName(key, src);
      const to = tenantName(key, dst);
      if (from === to) return { ok: false, problem: `the solver's packet from ${src.name} to ${dst.name} stays within tenant ${from}` };
      if (covered(src, dst, w)) return { ok: false, problem: `the solver's packet from ${src.name} to ${dst.name} is covered by an exception` };
      return { ok: true, witness: { ...w, tenants: { src: from, dst: to } } };
    },
  };
}
