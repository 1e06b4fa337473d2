// The per-layer work of the matrix, done once per kind of situation rather
// than per pair. A filter's answer for a (source, destination) unit pair
// depends only on which of its rules' address/identity sets each side is in:
// a small per-filter "key" per unit and role (membership compared by a 64-bit
// fingerprint, like model/classes.ts). Filter answers are cached per
// (filter, source key, destination key). A side of a path (the egress layers
// of a source, the ingress layers of a destination, or only the stateless
// ones for replies) is a "profile" shared by every unit with the same layers,
// own keys and bypass scopes; its row holds the side's answer against every
// peer unit, as an interned connection-set id. A `chain` layer allows what
// its first deciding filter allows: A1 ∪ (P1 ∩ A2) ∪ (P1 ∩ P2 ∩ A3) ∪ … and,
// when every filter passes, its empty action (A = allowed, P = passed).

import type { Estate, Layer } from '../model/estate.js';
import type { ConnTable } from './conn-table.js';
import { DigitClasses } from './digit-classes.js';
import { FilterInfo, UnitIndex, type Role } from './matrix-filters.js';
import { randomStream } from '../model/search.js';
import type { Unit } from './matrix-units.js';
import { VerdictMemo } from './matrix-verdicts.js';

export interface SideSpec {
  readonly direction: 'egress' | 'ingress';
  readonly statelessOnly: boolean;
}

interface Profile {
  readonly owner: Unit;
  readonly ownRole: Role;
  readonly layers: readonly Layer[];
  row?: Int32Array;
  external?: ExternalRow;
}

/** A side's answers against external addresses: `ids[k]` holds from `starts[k]` (ascending, from 0) to the next start. */
export interface ExternalRow {
  readonly starts: readonly number[];
  readonly ids: readonly number[];
}

interface SideParts {
  readonly infos: readonly (readonly FilterInfo[])[];
  readonly ownKeys: readonly (readonly number[])[];
  readonly peerRole: Role;
}

/** Rows of side answers, one per profile, computed on first use. */
export class SideRows {
  private readonly filters = new Map<string, FilterInfo>();
  private readonly profiles = new Map<string, Profile>();
  private readonly profileOfUnit = new Map<string, Profile>();
  private readonly index: UnitIndex;
  private readonly random = randomStream(0x6d617478);
  private readonly memo: VerdictMemo;
  /** Work space of `computeRow` and `computeExternalRow` (one row at a time). */
  private readonly classes = new DigitClasses();

  /** `units`: the internal units, unit i at position i (`Unit.index`). */
  constructor(
    private readonly estate: Estate,
    private readonly units: readonly Unit[],
    readonly table: ConnTable,
  ) {
    this.index = new UnitIndex(units);
    this.memo = new VerdictMemo(table);
  }

  private filterInfo(id: string): FilterInfo {
    let info = this.filters.get(id);
    if (info === undefined) {
      const f = this.estate.filters.get(id);
      if (f === undefined) throw new Error(`internal: filter ${id} is not in the estate`);
      info = new FilterInfo(f, this.index, this.random, this.memo);
      this.filters.set(id, info);
    }
    return info;
  }

  private layersOf(u: Unit, spec: SideSpec): Layer[] {
    if (u.owner === undefined) return [];
    const ids = spec.direction === 'egress' ? u.owner.egressLayers : u.owner.ingressLayers;
    const layers: Layer[] = [];
    for (const id of ids) {
      const l = this.estate.layers.get(id);
      if (l === undefined) throw new Error(`internal: layer ${id} is not in the estate`);
      if (!spec.statelessOnly || !l.stateful) layers.push(l);
    }
    return layers;
  }

  private profile(u: Unit, spec: SideSpec): Profile {
    const cacheKey = `${u.index}|${spec.direction}|${spec.statelessOnly ? 1 : 0}`;
    const known = this.profileOfUnit.get(cacheKey);
    if (known !== undefined) return known;
    const layers = this.layersOf(u, spec);
    const ownRole: Role = spec.direction === 'egress' ? 'src' : 'dst';
    const parts: string[] = [ownRole];
    for (const l of layers) {
      const scope = l.bypassWithinScope;
      parts.push(`${l.id}@${scope === undefined ? '' : (u.owner?.scopes[scope] ?? '')}`);
      for (const fid of l.filterIds) parts.push(String(this.filterInfo(fid).key(u, ownRole)));
    }
    const key = parts.join('|');
    let p = this.profiles.get(key);
    if (p === undefined) {
      p = { owner: u, ownRole, layers };
      this.profiles.set(key, p);
    }
    this.profileOfUnit.set(cacheKey, p);
    return p;
  }

  /** The side's answer against every unit (indexed by unit index). */
  row(u: Unit, spec: SideSpec): Int32Array {
    const p = this.profile(u, spec);
    if (p.row === undefined) p.row = this.computeRow(p);
    return p.row;
  }

  get profileCount(): number {
    return this.profiles.size;
  }

  /**
   * The side's answer against external addresses (no identity, never in a
   * bypass scope): segments of the address space cut only where the profile's
   * own filters' address sets begin or end.
   */
  externalRow(u: Unit, spec: SideSpec): ExternalRow {
    const p = this.profile(u, spec);
    if (p.external === undefined) p.external = this.computeExternalRow(p);
    return p.external;
  }

  /** What every peer of one profile is answered with: its filters and the own side's keys. */
  private sideParts(p: Profile): SideParts {
    const infos = p.layers.map((l) => l.filterIds.map((fid) => this.filterInfo(fid)));
    return {
      infos,
      ownKeys: infos.map((fs) => fs.map((f) => f.key(p.owner, p.ownRole))),
      peerRole: p.ownRole === 'src' ? 'dst' : 'src',
    };
  }

  /**
   * The side's answer for one peer, given the peer's key in each filter
   * (`peerKey(i, j)`: layer i, filter j) and which layers it bypasses.
   */
  private answerFor(p: Profile, parts: SideParts, peerKey: (i: number, j: number) => number, bypassed: readonly boolean[]): number {
    const t = this.table;
    let id = t.ALL;
    for (let i = 0; i < p.layers.length && id !== t.NONE; i++) {
      if (bypassed[i]) continue;
      const l = p.layers[i]!;
      let layerId: number;
      if (l.filterIds.length === 0) layerId = l.emptyAction === 'allow' ? t.ALL : t.NONE;
      else if (l.combine === 'chain') {
        layerId = t.NONE;
        let undecided = t.ALL;
        parts.infos[i]!.forEach((f, j) => {
          if (undecided === t.NONE) return;
          const ownKey = parts.ownKeys[i]![j]!;
          const pk = peerKey(i, j);
          const [sk, dk] = p.ownRole === 'src' ? [ownKey, pk] : [pk, ownKey];
          layerId = t.union(layerId, t.intersect(undecided, f.answer(sk, dk)));
          undecided = t.intersect(undecided, f.passAnswer(sk, dk));
        });
        if (l.emptyAction === 'allow') layerId = t.union(layerId, undecided);
      } else {
        layerId = t.NONE;
        parts.infos[i]!.forEach((f, j) => {
          const ownKey = parts.ownKeys[i]![j]!;
          const pk = peerKey(i, j);
          const a = p.ownRole === 'src' ? f.answer(ownKey, pk) : f.answer(pk, ownKey);
          layerId = t.union(layerId, a);
        });
      }
      id = t.intersect(id, layerId);
    }
    return id;
  }

  private computeExternalRow(p: Profile): ExternalRow {
    const t = this.table;
    if (p.layers.length === 0) return { starts: [0], ids: [t.ALL] };
    const parts = this.sideParts(p);
    const { infos, peerRole } = parts;
    const segments = infos.map((fs) => fs.map((f) => f.addressKeys(peerRole)));
    const cuts = new Set<number>([0]);
    for (const fs of segments) for (const seg of fs) for (const at of seg.starts) cuts.add(at);
    const positions = [...cuts].sort((a, b) => a - b);
    // Per filter, its key at each position; positions with equal keys everywhere share an answer.
    const classes = this.classes;
    classes.reset(positions.length);
    const keysAt = segments.map((fs, i) =>
      fs.map((seg, j) => {
        const keys = new Int32Array(positions.length);
        let c = 0;
        positions.forEach((at, k) => {
          while (c + 1 < seg.starts.length && seg.starts[c + 1]! <= at) c++;
          keys[k] = seg.keys[c]!;
        });
        // The key count after every address key exists (they may add keys).
        classes.append(keys, Math.max(1, infos[i]![j]!.keyCount(peerRole)));
        return keys;
      }),
    );
    const { classOf, size } = classes.classes();
    const answerOf = new Array<number>(size).fill(-1);
    const bypassed = p.layers.map(() => false);
    let position = 0;
    const peerKey = (i: number, j: number): number => keysAt[i]![j]![position]!;
    const starts: number[] = [];
    const ids: number[] = [];
    for (position = 0; position < positions.length; position++) {
      const c = classOf[position]!;
      let id = answerOf[c]!;
      if (id < 0) {
        id = this.answerFor(p, parts, peerKey, bypassed);
        answerOf[c] = id;
      }
      if (ids.length > 0 && ids[ids.length - 1] === id) continue;
      starts.push(positions[position]!);
      ids.push(id);
    }
    return { starts, ids };
  }

  private computeRow(p: Profile): Int32Array {
    const t = this.table;
    const units = this.units;
    const row = new Int32Array(units.length);
    if (p.layers.length === 0) return row.fill(t.ALL);
    const parts = this.sideParts(p);
    const { infos, peerRole } = parts;
    const own = p.owner;
    // Per layer with a bypass scope: 1 for the peers in the own unit's scope.
    const bypassOf = p.layers.map((l) => {
      const value = l.bypassWithinScope === undefined ? undefined : own.owner?.scopes[l.bypassWithinScope];
      if (value === undefined) return undefined;
      return Uint8Array.from(units, (peer) => (peer.owner !== undefined && peer.owner.scopes[l.bypassWithinScope!] === value ? 1 : 0));
    });
    // Peers with the same bypasses and the same keys in every filter not bypassed share an answer.
    const classes = this.classes;
    classes.reset(units.length);
    const peerKeys = infos.map((fs, i) => {
      const bypass = bypassOf[i];
      if (bypass !== undefined) classes.append(bypass, 2);
      return fs.map((f) => {
        const keys = f.allKeys(peerRole);
        classes.append(keys, Math.max(1, f.keyCount(peerRole)), bypass);
        return keys;
      });
    });
    const { classOf, size } = classes.classes();
    const answerOf = new Array<number>(size).fill(-1);
    const bypassed: boolean[] = p.layers.map(() => false);
    let peerIndex = 0;
    const peerKey = (i: number, j: number): number => peerKeys[i]![j]![peerIndex]!;
    for (peerIndex = 0; peerIndex < units.length; peerIndex++) {
      const c = classOf[peerIndex]!;
      let id = answerOf[c]!;
      if (id < 0) {
        for (let i = 0; i < bypassed.length; i++) bypassed[i] = bypassOf[i]?.[peerIndex] === 1;
        id = this.answerFor(p, parts, peerKey, bypassed);
        answerOf[c] = id;
      }
      row[peerIndex] = id;
    }
    return row;
  }
}
