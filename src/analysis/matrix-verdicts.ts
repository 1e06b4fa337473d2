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
// groups. `filterVerdicts` in matrix-filters.ts is the plain reference.

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

/**
 * A ported product `ConnSet.ports(protocols, srcPorts, dstPorts)`, with the
 * key of its (protocols, srcPorts) part: unions of products with one key are
 * that product over the union of the destination ports, built once instead of
 * set by set.
 */
interface PortedPart {
  readonly key: string;
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

/** `ConnSet.fromMatchFields` takes its ported branch for this match. */
function portedPart(m: PacketMatch): PortedPart | undefined {
  const ported = m.srcPorts !== undefined || m.dstPorts !== undefined;
  const icmp = m.icmpTypes !== undefined || m.icmpCodes !== undefined;
  if (!ported || icmp) return undefined;
  const protocols = m.protocols ?? ALL_PROTOCOLS;
  const srcPorts = m.srcPorts ?? ALL_PORTS;
  return { key: `${setKey(protocols)}|${setKey(srcPorts)}`, protocols, srcPorts, dstPorts: m.dstPorts ?? ALL_PORTS };
}

/** The parts of a union of field sets: ported products merged per key, the rests joined. */
function joinParts(all: readonly Fields[]): { ported: PortedPart[]; rest: ConnSet | undefined } {
  let rest: ConnSet | undefined;
  const byKey = new Map<string, { first: PortedPart; dstPorts: Range[] }>();
  for (const f of all) {
    if (f.rest !== undefined) rest = rest === undefined ? f.rest : rest.union(f.rest);
    for (const p of f.ported) {
      const group = byKey.get(p.key);
      if (group === undefined) byKey.set(p.key, { first: p, dstPorts: [...p.dstPorts.ranges] });
      else for (const r of p.dstPorts.ranges) group.dstPorts.push(r);
    }
  }
  const ported = [...byKey.values()].map(({ first, dstPorts }) => ({ ...first, dstPorts: IntervalSet.of(dstPorts) }));
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
  private readonly joinedByMembers = new Map<string, Fields>();
  private readonly byJoined = new Map<string, Verdicts>();
  private nextFieldsId = 0;

  constructor(private readonly table: ConnTable) {}

  /** The non-address part of a match (equal parts share one Fields). */
  private fields(m: PacketMatch): Fields {
    let f = this.fieldsOfMatch.get(m);
    if (f === undefined) {
      const part = (s: IntervalSet | undefined): string => (s === undefined ? '*' : setKey(s));
      const key = `${part(m.protocols)}|${part(m.srcPorts)}|${part(m.dstPorts)}|${part(m.icmpTypes)}|${part(m.icmpCodes)}`;
      f = this.fieldsByKey.get(key);
      if (f === undefined) {
        const set = ConnSet.fromMatchFields(m);
        const part = portedPart(m);
        f = { id: this.nextFieldsId++, set, ported: part === undefined ? [] : [part], rest: part === undefined ? set : undefined };
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

  /**
   * The union of several field sets as one Fields (interned by its members):
   * its ported products merged per (protocols, srcPorts) key, its other parts
   * joined; the set itself is built only when asked for.
   */
  joined(members: readonly Fields[]): Fields {
    if (members.length === 1) return members[0]!;
    const key = members
      .map((m) => m.id)
      .sort((a, b) => a - b)
      .join(',');
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
    const distinct = [...new Set(matched)].sort((a, b) => a.id - b.id);
    let key = f.defaultAction;
    for (const m of distinct) key += `,${m.id}`;
    let v = this.byJoined.get(key);
    if (v === undefined) {
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
