// Per-estate lookups the encoder needs for every query, built once when the
// engine is created: the endpoint classes of the whole estate, filters and
// layers by id, and assumptions by id.

import { partitionEndpoints, type ClassPartition } from '../model/classes.js';
import type { Assumption, Estate, Filter, Layer } from '../model/estate.js';

export interface EstateIndex {
  readonly estate: Estate;
  readonly assumptions: ReadonlyMap<string, Assumption>;
  /** Classes of all endpoints; a query splits them by selection. */
  readonly basePartition: ClassPartition;
  filter(id: string): Filter;
  layer(id: string): Layer;
}

/** Bits needed to hold the values 0 … max. */
export function bitsFor(max: number): number {
  let bits = 1;
  while (2 ** bits - 1 < max) bits++;
  return bits;
}

export function buildEstateIndex(estate: Estate): EstateIndex {
  return {
    estate,
    assumptions: new Map(estate.assumptions.map((a) => [a.id, a])),
    basePartition: partitionEndpoints(estate),
    filter(id) {
      const f = estate.filters.get(id);
      if (f === undefined) throw new Error(`internal: filter ${id} is not in the estate`);
      return f;
    },
    layer(id) {
      const l = estate.layers.get(id);
      if (l === undefined) throw new Error(`internal: layer ${id} is not in the estate`);
      return l;
    },
  };
}
