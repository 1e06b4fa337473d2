// A filter's verdicts between one address pair, as interned connection-set
// ids. The answer depends only on the filter's kind and default and on the
// sequence of (action, fields) of the rules whose address and identity parts
// match the pair; that sequence (with fields interned, and rules whose fields
// an earlier matching rule already decided left out) is the memo key, so
// filters that share rules — every Kubernetes pod selected by the same
// policies, every port list repeated across policies — compute each distinct
// sequence once. (A trie of intermediate states shared more work but kept
// every intermediate set: on K-M it held 226k sets, 1 GB.) Union filters
// take a shorter way (`unionVerdicts`): their rules come joined per group of
// rules that always match together (`joined`), and the key is the set of
// groups. Keys are tuples of small numbers (sets by `SetIds`, tuples by
// `TupleIds`), never joined text. `filterVerdicts` in matrix-filters.ts is
// the plain reference.

import type { Filter, PacketMatch, RuleAction } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import type { ConnTable } from './conn-table.js';
import { ALL_PORTS, ALL_PROTOCOLS, ConnSet } from './connset.js';
import { SetIds } from './set-ids.js';
import { TupleIds } from './tuple-ids.js';

/** A number per rule action, for memo keys. */
const ACTION_CODE = { allow: 0, deny: 1, pass: 2 } as const satisfies Record<RuleAction, number>;
const KIND_CODE = { 'first-match': 0, 'allow-union': 1 } as const satisfies Record<Filter['kind'], number>;

/**
 * A ported product `ConnSet.ports(protocols, srcPorts, dstPorts)`, with the
 * key of its (protocols, srcPorts) part: unions of products with one key are
 * that product over the union of the destination ports, built once instead of
 * set by set.
 */
interface PortedPart {
  /** Equal exactly for equal (protocols, srcPorts). */
  readonly key: number;
  readonly protocols: IntervalSet;
  readonly srcPorts: IntervalSet;
  readonly dstPorts: IntervalSet;
}

export interface Fields {
  /** Small number naming the field set within one memo. */
  readonly id: number;
  /** The set (for a union of several matches' fields, built on first use). */
  readonly set: ConnSet;
  /** The set as ported products with distinct keys, and the rest (undefined: nothing). */
  readonly ported: readonly PortedPart[];
  readonly rest: ConnSet | undefined;
}

/** `ConnSet.fromMatchFields` takes its ported branch for this match; `keys` names (protocols, srcPorts). */
function portedPart(m: PacketMatch, sets: SetIds, keys: TupleIds): PortedPart | undefined {
  const ported = m.srcPorts !== undefined || m.dstPorts !== undefined;
  const icmp = m.icmpTypes !== undefined || m.icmpCodes !== undefined;
  if (!ported || icmp) return undefined;
  const protocols = m.protocols ?? ALL_PROTOCOLS;
  const srcPorts = m.srcPorts ?? ALL_PORTS;
  const key = keys.extend(keys.extend(TupleIds.EMPTY, sets.id(protocols)), sets.id(srcPorts));
  return { key, protocols, srcPorts, dstPorts: m.dstPorts ?? ALL_PORTS };
}

/** The parts of a union of field sets: ported products merged per key, the rests joined. */
function joinParts(all: readonly Fields[]): { ported: PortedPart[]; rest: ConnSet | undefined } {
  let rest: ConnSet | undefined;
  const byKey = new Map<number, { first: PortedPart; dstPorts: IntervalSet[] }>();
  for (const f of all) {
    if (f.rest !== undefined) rest = rest === undefined ? f.rest : rest.union(f.rest);
    for (const p of f.ported) {
      const group = byKey.get(p.key);
      if (group === undefined) byKey.set(p.key, { first: p, dstPorts: [p.dstPorts] });
      else group.dstPorts.push(p.dstPorts);
    }
  }
  const ported: PortedPart[] = [];
  for (const { first, dstPorts } of byKey.values()) ported.push(dstPorts.length === 1 ? first : { ...first, dstPorts: IntervalSet.unionAll(dstPorts) });
  return { ported, rest };
}

/** The union of the field sets, products with one (protocols, srcPorts) part joined first. */
function unionOfFields(all: readonly Fields[]): ConnSet {
  return all.length === 1 ? all[0]!.set : setOfParts(joinParts(all));
}

function setOfParts(parts: { readonly ported: readonly PortedPart[]; readonly rest: ConnSet | undefined }): ConnSet {
  let out = parts.rest ?? ConnSet.NONE;
  for (const p of parts.ported) out = out.union(ConnSet.ports(p.protocols, p.srcPorts, p.dstPorts));
  return out;
}

/** The ids of the fields, ascending, in `into` (cleared first; short lists by insertion, which allocates nothing). */
function sortedIds(fields: readonly Fields[], into: number[]): number[] {
  into.length = 0;
  for (const f of fields) into.push(f.id);
  if (into.length > 16) return into.sort((a, b) => a - b);
  for (let i = 1; i < into.length; i++) {
    const id = into[i]!;
    let j = i - 1;
    for (; j >= 0 && into[j]! > id; j--) into[j + 1] = into[j]!;
    into[j + 1] = id;
  }
  return into;
}

export interface Verdicts {
  /** ConnTable ids. */
  readonly allowed: number;
  readonly passed: number;
}

export class VerdictMemo {
  /** Ids of the interval sets of rule matches. */
  readonly sets = new SetIds();
  private readonly fieldsOfMatch = new Map<PacketMatch, Fields>();
  private readonly ruleFields = new Map<Filter, readonly Fields[]>();
  /** Fields by the tuple of their five sets' ids. */
  private readonly fieldTuples = new TupleIds();
  private readonly fieldsByTuple = new Map<number, Fields>();
  private readonly portedKeys = new TupleIds();
  /** Verdicts by (kind, default, then action and fields id per matched rule). */
  private readonly sequences = new TupleIds();
  private readonly bySequence = new Map<number, Verdicts>();
  /** Joined fields by their members' ids, ascending. */
  private readonly memberLists = new TupleIds();
  private readonly joinedByMembers = new Map<number, Fields>();
  /** Union verdicts by (default, then the distinct ids of the matched fields, ascending). */
  private readonly unionLists = new TupleIds();
  private readonly byJoined = new Map<number, Verdicts>();
  private nextFieldsId = 0;
  /** Work list for `sortedIds`. */
  private readonly ids: number[] = [];

  constructor(private readonly table: ConnTable) {}

  /** The non-address part of a match (equal parts share one Fields). */
  private fields(m: PacketMatch): Fields {
    let f = this.fieldsOfMatch.get(m);
    if (f === undefined) {
      const t = this.fieldTuples;
      const ids = this.sets;
      let key = t.extend(TupleIds.EMPTY, ids.id(m.protocols));
      key = t.extend(key, ids.id(m.srcPorts));
      key = t.extend(key, ids.id(m.dstPorts));
      key = t.extend(key, ids.id(m.icmpTypes));
      key = t.extend(key, ids.id(m.icmpCodes));
      f = this.fieldsByTuple.get(key);
      if (f === undefined) {
        const set = ConnSet.fromMatchFields(m);
        const part = portedPart(m, this.sets, this.portedKeys);
        f = { id: this.nextFieldsId++, set, ported: part === undefined ? [] : [part], rest: part === undefined ? set : undefined };
        this.fieldsByTuple.set(key, f);
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
    const matched: { action: RuleAction; fields: Fields }[] = [];
    const seen = new Set<number>();
    const t = this.sequences;
    let key = t.extend(t.extend(TupleIds.EMPTY, KIND_CODE[f.kind]), ACTION_CODE[f.defaultAction]);
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
      key = t.extend(t.extend(key, ACTION_CODE[action]), fi.id);
    }
    let v = this.bySequence.get(key);
    if (v === undefined) {
      v = this.compute(firstMatch, f.defaultAction, matched);
      this.bySequence.set(key, v);
    }
    return v;
  }

  /**
   * The union of several field sets as one Fields (interned by its members):
   * its ported products merged per (protocols, srcPorts) key, its other parts
   * joined; the set itself is built only when asked for.
   */
  joined(members: readonly Fields[]): Fields {
    if (members.length === 1) return members[0]!;
    const key = this.memberLists.of(sortedIds(members, this.ids));
    let f = this.joinedByMembers.get(key);
    if (f === undefined) {
      const { ported, rest } = joinParts(members);
      let set: ConnSet | undefined;
      f = {
        id: this.nextFieldsId++,
        get set(): ConnSet {
          set ??= setOfParts({ ported, rest });
          return set;
        },
        ported,
        rest,
      };
      this.joinedByMembers.set(key, f);
    }
    return f;
  }

  /**
   * What a union-semantics filter (allow rules, then its default) allows and
   * passes when exactly the allow rules whose fields are `matched` (joined
   * per group of rules, see `joined`) match by address and identity.
   */
  unionVerdicts(f: Filter, matched: readonly Fields[]): Verdicts {
    const ids = sortedIds(matched, this.ids);
    const t = this.unionLists;
    let key = t.extend(TupleIds.EMPTY, ACTION_CODE[f.defaultAction]);
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) key = t.extend(key, ids[i]!);
    let v = this.byJoined.get(key);
    if (v === undefined) {
      const distinct = [...new Set(matched)].sort((a, b) => a.id - b.id);
      v = this.compute(false, f.defaultAction, distinct.map((fields) => ({ action: 'allow', fields })));
      this.byJoined.set(key, v);
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
    if (defaultAction !== 'deny') {
      const rest = ConnSet.ALL.subtract(decided);
      if (defaultAction === 'allow') allowed = allowed.union(rest);
      else passed = passed.union(rest);
    }
    return { allowed: this.table.id(allowed), passed: this.table.id(passed) };
  }
}
