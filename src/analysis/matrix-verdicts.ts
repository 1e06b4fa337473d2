// A filter's verdicts between one address pair, as interned connection-set
// ids. The answer depends only on the filter's kind and default and on the
// sequence of (action, fields) of the rules whose address and identity parts
// match the pair; that sequence (with fields interned, and rules whose fields
// an earlier matching rule already decided left out) is the memo key, so
// filters that share rules — every Kubernetes pod selected by the same
// policies, every port list repeated across policies — compute each distinct
// sequence once. (A trie of intermediate states shared more work but kept
// every intermediate set: on K-M it held 226k sets, 1 GB.) `filterVerdicts`
// in matrix-filters.ts is the plain reference.

import type { Filter, PacketMatch } from '../model/estate.js';
import { IntervalSet, type Range } from '../model/intervals.js';
import type { ConnTable } from './conn-table.js';
import { ALL_PORTS, ALL_PROTOCOLS, ConnSet } from './connset.js';

/** Cached `IntervalSet.key()` per set object. */
const SET_KEYS = new WeakMap<IntervalSet, string>();

export function setKey(s: IntervalSet): string {
  let k = SET_KEYS.get(s);
  if (k === undefined) {
    k = s.key();
    SET_KEYS.set(s, k);
  }
  return k;
}

export interface Fields {
  /** Small number naming the field set within one memo. */
  readonly id: number;
  readonly set: ConnSet;
  /**
   * For a ported match (`ConnSet.ports(protocols, srcPorts, dstPorts)`): the
   * key of its (protocols, srcPorts) part and its destination ports. Unions
   * of such sets with one key are that product over the union of the
   * destination ports, built once instead of set by set.
   */
  readonly ported?: { readonly key: string; readonly protocols: IntervalSet; readonly srcPorts: IntervalSet; readonly dstPorts: IntervalSet };
}

/** `ConnSet.fromMatchFields` takes its ported branch for this match. */
function portedParts(m: PacketMatch): Fields['ported'] {
  const ported = m.srcPorts !== undefined || m.dstPorts !== undefined;
  const icmp = m.icmpTypes !== undefined || m.icmpCodes !== undefined;
  if (!ported || icmp) return undefined;
  const protocols = m.protocols ?? ALL_PROTOCOLS;
  const srcPorts = m.srcPorts ?? ALL_PORTS;
  return { key: `${setKey(protocols)}|${setKey(srcPorts)}`, protocols, srcPorts, dstPorts: m.dstPorts ?? ALL_PORTS };
}

/** The union of the field sets, products with one (protocols, srcPorts) part joined first. */
function unionOfFields(all: readonly Fields[]): ConnSet {
  let out = ConnSet.NONE;
  const byKey = new Map<string, { first: NonNullable<Fields['ported']>; dstPorts: Range[] }>();
  for (const f of all) {
    if (f.ported === undefined) {
      out = out.union(f.set);
      continue;
    }
    const group = byKey.get(f.ported.key);
    if (group === undefined) byKey.set(f.ported.key, { first: f.ported, dstPorts: [...f.ported.dstPorts.ranges] });
    else for (const r of f.ported.dstPorts.ranges) group.dstPorts.push(r);
  }
  for (const { first, dstPorts } of byKey.values()) out = out.union(ConnSet.ports(first.protocols, first.srcPorts, IntervalSet.of(dstPorts)));
  return out;
}

export interface Verdicts {
  /** ConnTable ids. */
  readonly allowed: number;
  readonly passed: number;
}

export class VerdictMemo {
  private readonly fieldsOfMatch = new Map<PacketMatch, Fields>();
  private readonly ruleFields = new Map<Filter, readonly Fields[]>();
  private readonly fieldsByKey = new Map<string, Fields>();
  private readonly bySequence = new Map<string, Verdicts>();

  constructor(private readonly table: ConnTable) {}

  /** The non-address part of a match (equal parts share one Fields). */
  private fields(m: PacketMatch): Fields {
    let f = this.fieldsOfMatch.get(m);
    if (f === undefined) {
      const part = (s: IntervalSet | undefined): string => (s === undefined ? '*' : setKey(s));
      const key = `${part(m.protocols)}|${part(m.srcPorts)}|${part(m.dstPorts)}|${part(m.icmpTypes)}|${part(m.icmpCodes)}`;
      f = this.fieldsByKey.get(key);
      if (f === undefined) {
        const ported = portedParts(m);
        f = { id: this.fieldsByKey.size, set: ConnSet.fromMatchFields(m), ...(ported === undefined ? {} : { ported }) };
        this.fieldsByKey.set(key, f);
      }
      this.fieldsOfMatch.set(m, f);
    }
    return f;
  }

  /** The fields of each rule of the filter, by rule position (built once per filter). */
  fieldsOfRules(f: Filter): readonly Fields[] {
    let list = this.ruleFields.get(f);
    if (list === undefined) {
      list = f.rules.map((r) => this.fields(r.match));
      this.ruleFields.set(f, list);
    }
    return list;
  }

  /**
   * What the filter allows and passes (the rest it denies) between a pair at
   * which exactly the rules `matches` accepts (by position) match by address
   * and identity. `fields` is `fieldsOfRules(f)`.
   */
  verdicts(f: Filter, fields: readonly Fields[], matches: (rule: number) => boolean): Verdicts {
    const firstMatch = f.kind === 'first-match';
    const matched: { action: string; fields: Fields }[] = [];
    const seen = new Set<number>();
    let key = `${f.kind}/${f.defaultAction}`;
    const rules = f.rules;
    for (let i = 0; i < rules.length; i++) {
      const action = rules[i]!.action;
      // Union semantics: only allow rules count. First match: a rule whose
      // fields an earlier matching rule took has nothing fresh.
      if (!firstMatch && action !== 'allow') continue;
      if (!matches(i)) continue;
      const fi = fields[i]!;
      if (seen.has(fi.id) || fi.set.isEmpty()) continue;
      seen.add(fi.id);
      matched.push({ action, fields: fi });
      key += `;${action[0]}${fi.id}`;
    }
    let v = this.bySequence.get(key);
    if (v === undefined) {
      v = this.compute(firstMatch, f.defaultAction, matched);
      this.bySequence.set(key, v);
    }
    return v;
  }

  private compute(firstMatch: boolean, defaultAction: Filter['defaultAction'], matched: readonly { action: string; fields: Fields }[]): Verdicts {
    let allowed = ConnSet.NONE;
    let passed = ConnSet.NONE;
    let decided = ConnSet.NONE;
    if (firstMatch) {
      for (const { action, fields } of matched) {
        const m = fields.set;
        const fresh = m.subtract(decided);
        if (action === 'allow') allowed = allowed.union(fresh);
        else if (action === 'pass') passed = passed.union(fresh);
        decided = decided.union(m);
      }
    } else {
      // Only allow rules reach here (see verdicts).
      allowed = unionOfFields(matched.map((x) => x.fields));
      decided = allowed;
    }
    const rest = ConnSet.ALL.subtract(decided);
    if (defaultAction === 'allow') allowed = allowed.union(rest);
    else if (defaultAction === 'pass') passed = passed.union(rest);
    return { allowed: this.table.id(allowed), passed: this.table.id(passed) };
  }
}
