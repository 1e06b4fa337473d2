// The cast of one query: the endpoint classes of the selected endpoints
// (partitioned so every rule treats a class's members alike, and so a class is
// wholly inside or outside each selection), the internet as one more class,
// and what each side may be. The formula reasons about classes, never about
// individual interfaces.

import type { ClassMember, EndpointClass } from '../model/classes.js';
import type { Endpoint } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { bitsFor, type EstateIndex } from './estate-index.js';

/** What a selector resolved to. */
export interface Selection {
  readonly endpoints: readonly Endpoint[];
  readonly internet: IntervalSet;
}

export interface SceneSide {
  /** Ids of the internal classes on this side. */
  readonly classIds: readonly number[];
  /** External addresses on this side (within the estate's internet). */
  readonly internet: IntervalSet;
  /** Endpoint indexes on this side. */
  readonly endpointIndexes: ReadonlySet<number>;
  /** The same indexes, sorted ascending (for range lookups). */
  readonly sortedEndpointIndexes: readonly number[];
  /** Representative addresses of this side's classes, sorted ascending. */
  readonly representativeIps: readonly number[];
}

export interface Scene {
  readonly classes: readonly EndpointClass[];
  /** Class id of the internet (one past the internal classes). */
  readonly internetClass: number;
  readonly classWidth: number;
  readonly from: SceneSide;
  readonly to: SceneSide;
  /** Representative address of class k at index k (ascending). */
  readonly representativeIps: readonly number[];
  /** Endpoint index → ids of its classes. */
  readonly classesOfEndpoint: ReadonlyMap<number, readonly number[]>;
  /** Every endpoint on either side, by index. */
  readonly endpoints: ReadonlyMap<number, Endpoint>;
  /** Ids of the classes whose endpoints have `value` for `scope` (contiguous for CIDR-shaped scopes). */
  classesWithScope(scope: string, value: string): IntervalSet;
  /** Ids of the classes in a network. */
  classesInNetwork(network: string): IntervalSet;
}

function groupIds(classes: readonly EndpointClass[], key: (c: EndpointClass) => string | undefined): Map<string, IntervalSet> {
  const ids = new Map<string, number[]>();
  for (const c of classes) {
    const k = key(c);
    if (k === undefined) continue;
    const list = ids.get(k);
    if (list === undefined) ids.set(k, [c.id]);
    else list.push(c.id);
  }
  return new Map([...ids].map(([k, v]) => [k, IntervalSet.points(v)]));
}

/**
 * `refine` splits classes further: members with different refine keys never
 * share a class (a tenant-isolation query keeps every class within one tenant).
 */
export function buildScene(index: EstateIndex, from: Selection, to: Selection, refine?: (e: Endpoint) => string): Scene {
  const fromSet = new Set(from.endpoints.map((e) => e.index));
  const toSet = new Set(to.endpoints.map((e) => e.index));
  const endpoints = new Map<number, Endpoint>();
  for (const e of [...from.endpoints, ...to.endpoints]) endpoints.set(e.index, e);
  // Split the estate's classes by side membership: members of a class are
  // alike for every rule, and after the split also for the selections.
  const groups = new Map<string, ClassMember[]>();
  for (const base of index.basePartition.classes) {
    for (const m of base.members) {
      const i = m.endpoint.index;
      const key = `${fromSet.has(i) ? 'f' : ''}${toSet.has(i) ? 't' : ''}`;
      if (key === '') continue;
      const k = refine === undefined ? `${base.id}:${key}` : `${base.id}:${key}:${refine(m.endpoint)}`;
      const g = groups.get(k);
      if (g === undefined) groups.set(k, [m]);
      else g.push(m);
    }
  }
  const split: EndpointClass[] = [...groups.values()].map((members) => ({
    id: 0,
    members,
    representative: members[0]!,
    endpointCount: new Set(members.map((m) => m.endpoint.index)).size,
  }));
  // Number classes by representative address, so an address range of a rule
  // is a range of class ids (see match.ts); among equal addresses (endpoints
  // without any) by refine key, so a tenant's classes are one run of ids.
  const refineKey = new Map<EndpointClass, string>();
  if (refine !== undefined) for (const c of split) refineKey.set(c, refine(c.representative.endpoint));
  const byKey = (a: EndpointClass, b: EndpointClass): number => {
    const ka = refineKey.get(a) ?? '';
    const kb = refineKey.get(b) ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  const classes: EndpointClass[] = split
    .sort(
      (a, b) =>
        a.representative.ip - b.representative.ip || byKey(a, b) || a.representative.endpoint.index - b.representative.endpoint.index,
    )
    .map((c, id) => ({ ...c, id }));
  const classesOfEndpoint = new Map<number, number[]>();
  for (const c of classes) {
    for (const m of c.members) {
      const list = classesOfEndpoint.get(m.endpoint.index);
      if (list === undefined) classesOfEndpoint.set(m.endpoint.index, [c.id]);
      else if (list[list.length - 1] !== c.id && !list.includes(c.id)) list.push(c.id);
    }
  }
  const side = (selected: Set<number>, internet: IntervalSet): SceneSide => {
    const ids = classes.filter((c) => selected.has(c.representative.endpoint.index)).map((c) => c.id);
    return {
      classIds: ids,
      internet: internet.intersect(index.estate.internet),
      endpointIndexes: selected,
      sortedEndpointIndexes: [...selected].sort((a, b) => a - b),
      representativeIps: ids.map((id) => classes[id]!.representative.ip).sort((a, b) => a - b),
    };
  };
  const scopeIds = new Map<string, Map<string, IntervalSet>>();
  let networkIds: Map<string, IntervalSet> | undefined;
  return {
    classes,
    internetClass: classes.length,
    classWidth: bitsFor(classes.length),
    from: side(fromSet, from.internet),
    to: side(toSet, to.internet),
    representativeIps: classes.map((c) => c.representative.ip),
    classesOfEndpoint,
    endpoints,
    classesWithScope(scope, value) {
      let byValue = scopeIds.get(scope);
      if (byValue === undefined) {
        byValue = groupIds(classes, (c) => c.representative.endpoint.scopes[scope]);
        scopeIds.set(scope, byValue);
      }
      return byValue.get(value) ?? IntervalSet.EMPTY;
    },
    classesInNetwork(network) {
      networkIds ??= groupIds(classes, (c) => c.representative.endpoint.network);
      return networkIds.get(network) ?? IntervalSet.EMPTY;
    },
  };
}

/** Whether some side of the scene can be anything at all. */
export function sideIsEmpty(s: SceneSide): boolean {
  return s.classIds.length === 0 && s.internet.isEmpty();
}

export const EMPTY_SELECTION: Selection = { endpoints: [], internet: IntervalSet.EMPTY };
