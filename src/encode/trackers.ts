// Proof trackers: one boolean literal per deny or pass rule, deny or pass
// default, empty deny layer, denying chain end and closed gate. The formula
// lets a tracked item block (or pass traffic on) only while its literal is
// true; the solver checks with every literal true, and the unsat core of an
// explanation names the items that block.

import type { Endpoint, Filter, Layer, Rule } from '../model/estate.js';
import type { TermFactory } from './factory.js';
import type { Term } from './term.js';

export type TrackedItem =
  | { readonly kind: 'rule'; readonly layer: Layer; readonly filter: Filter; readonly rule: Rule }
  | { readonly kind: 'default'; readonly layer: Layer; readonly filter: Filter }
  | { readonly kind: 'empty-layer'; readonly layer: Layer; readonly endpoint: Endpoint }
  /** A chain layer whose filters all pass, and whose empty action denies. */
  | { readonly kind: 'chain-end'; readonly layer: Layer; readonly endpoint: Endpoint }
  | {
      readonly kind: 'internet-gate';
      readonly direction: 'inbound' | 'outbound';
      readonly endpoint: Endpoint;
    }
  | { readonly kind: 'network-gate'; readonly networks: readonly string[]; readonly endpoint: Endpoint };

/**
 * Whether switching the item off can only let more traffic through: true of
 * everything that denies (off, the traffic goes on to what follows, which
 * denies no more than a deny) and of pass defaults (off, the filter allows).
 * A pass rule switched off hands the traffic to the filter's later rules,
 * which may deny it: not monotone.
 */
export function offOnlyAllowsMore(item: TrackedItem): boolean {
  return item.kind !== 'rule' || item.rule.action !== 'pass';
}

export class Trackers {
  private readonly byKey = new Map<string, Term>();
  private readonly items = new Map<string, TrackedItem>();

  constructor(private readonly f: TermFactory) {}

  /** The literal for `key`, created with `item` on first use. */
  literal(key: string, item: () => TrackedItem): Term {
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const name = `track${this.byKey.size}`;
    const t = this.f.boolVar(name);
    this.byKey.set(key, t);
    this.items.set(name, item());
    return t;
  }

  /** Every literal, by name. */
  names(): string[] {
    return [...this.items.keys()];
  }

  literals(): Term[] {
    return [...this.byKey.values()];
  }

  /** Creation rank of a literal (encoding order, the same in every run of a query); -1 when unknown. */
  rank(name: string): number {
    const t = this.byName().get(name);
    return t === undefined ? -1 : t;
  }

  private ranks: Map<string, number> | undefined;

  private byName(): Map<string, number> {
    if (this.ranks === undefined || this.ranks.size !== this.items.size) this.ranks = new Map([...this.items.keys()].map((n, i) => [n, i]));
    return this.ranks;
  }

  item(name: string): TrackedItem | undefined {
    return this.items.get(name);
  }

  /** Every tracker set to true (for obligations without tracking). */
  allTrue(): Map<string, boolean> {
    return new Map(this.names().map((n) => [n, true]));
  }
}
