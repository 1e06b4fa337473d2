// Test support for the matrix property tests: random filters are generated as
// plain specs (kind, rules as [action, match], default) and turned into model
// filters with ids "f/<direction>/<k>" and test provenance.

import type { Filter, PacketMatch, Rule, RuleAction } from '../model/estate.js';
import type { Provenance } from '../model/provenance.js';

export interface FilterSpec {
  kind: Filter['kind'];
  rules: [RuleAction, PacketMatch][];
  def: RuleAction;
}

export const testProvenance = (id: string): Provenance => ({ file: 'test', vendorId: id, displayName: id });

/** Model filters for the specs of both directions, keyed "f/<direction>/<k>". */
export function filtersFromSpecs(specs: { readonly ingress: readonly FilterSpec[]; readonly egress: readonly FilterSpec[] }): Map<string, Filter> {
  const filters = new Map<string, Filter>();
  for (const dir of ['ingress', 'egress'] as const) {
    specs[dir].forEach((f, k) => {
      const id = `f/${dir}/${k}`;
      const rules: Rule[] = f.rules.map(([action, match], i) => ({ id: `${id}/${i}`, action, match, provenance: testProvenance(`${id}/${i}`) }));
      filters.set(id, { id, kind: f.kind, direction: dir, vendorKind: 'test', rules, defaultAction: f.def, defaultProvenance: testProvenance(id), displayName: id, provenance: testProvenance(id) });
    });
  }
  return filters;
}
