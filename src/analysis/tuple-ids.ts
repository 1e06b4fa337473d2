// Small ids for tuples of 32-bit integers, the keys of the matrix memos that
// would otherwise be joined text (member lists, rule sequences): a trie whose
// edges (parent tuple, next element) → child live in one IntPairMap. Equal
// tuples get the same id and different tuples different ids, exactly (no
// hash of the whole tuple is compared), and a lookup allocates nothing.

import { IntPairMap } from './int-pair-map.js';

export class TupleIds {
  /** The id of the empty tuple. */
  static readonly EMPTY = 0;
  private readonly edges = new IntPairMap();
  private count = 1;

  /** Number of ids given so far (every prefix of a tuple seen has one), the empty tuple's included. */
  get size(): number {
    return this.count;
  }

  /** The id of the tuple `prefix` (an id from this object) followed by `element`. */
  extend(prefix: number, element: number): number {
    let id = this.edges.get(prefix, element);
    if (id < 0) {
      id = this.count++;
      this.edges.set(prefix, element, id);
    }
    return id;
  }

  /** The id of a whole tuple. */
  of(elements: ArrayLike<number>): number {
    let id = TupleIds.EMPTY;
    for (let i = 0; i < elements.length; i++) id = this.extend(id, elements[i]!);
    return id;
  }
}
