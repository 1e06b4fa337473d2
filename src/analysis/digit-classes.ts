// Classes of equal digit tuples, built a column at a time: each of `count`
// elements (peers of a matrix row, or segments of the address space) gets
// one digit per column, and elements whose tuples are equal share a class.
// A tuple is held as its mixed-radix number, exact below 2^53; before a
// column would pass that, the numbers are renumbered densely (an injective
// step), so equal numbers always mean equal tuples. Columns are tight loops
// over typed arrays, and one object serves row after row (`reset`): no text,
// no allocation per element, and no new buffers per row.

/** Mixed-radix numbers stay at most this (exact doubles). */
const LIMIT = Number.MAX_SAFE_INTEGER;
/** At most this many possible numbers get an array slot each when classes are drawn. */
const DENSE = 1 << 16;

export class DigitClasses {
  private codes = new Float64Array(0);
  private classOf = new Int32Array(0);
  private slots = new Int32Array(0);
  private count = 0;
  /** Every code is below this. */
  private bound = 1;

  /** Starts over with `count` elements, each with the empty tuple. */
  reset(count: number): void {
    if (this.codes.length < count) {
      this.codes = new Float64Array(count);
      this.classOf = new Int32Array(count);
    } else this.codes.fill(0, 0, count);
    this.count = count;
    this.bound = 1;
  }

  /**
   * Appends a column: element k gets digit `digits[k]` (an integer in
   * 0 .. radix-1), or 0 where `zero[k]` is 1.
   */
  append(digits: ArrayLike<number>, radix: number, zero?: Uint8Array): void {
    if (radix < 1) throw new Error('internal: a digit column needs a radix of at least 1');
    if (this.bound * radix > LIMIT) {
      this.renumber();
      if (this.bound * radix > LIMIT) throw new Error('internal: too many digit tuples to tell apart exactly');
    }
    const codes = this.codes;
    if (zero === undefined) for (let k = 0; k < this.count; k++) codes[k] = codes[k]! * radix + digits[k]!;
    else for (let k = 0; k < this.count; k++) codes[k] = codes[k]! * radix + (zero[k] === 1 ? 0 : digits[k]!);
    this.bound *= radix;
  }

  /**
   * The class of each element (entries 0 .. count-1 of `classOf`, valid until
   * the next `reset`), numbered 0, 1, … in order of first element; and the
   * number of classes.
   */
  classes(): { readonly classOf: Int32Array; readonly size: number } {
    const { codes, classOf, count } = this;
    let size = 0;
    if (this.bound <= DENSE) {
      if (this.slots.length < this.bound) this.slots = new Int32Array(DENSE);
      const slots = this.slots.fill(-1, 0, this.bound);
      for (let k = 0; k < count; k++) {
        const code = codes[k]!;
        let c = slots[code]!;
        if (c < 0) {
          c = size++;
          slots[code] = c;
        }
        classOf[k] = c;
      }
    } else {
      const ids = new Map<number, number>();
      for (let k = 0; k < count; k++) {
        const code = codes[k]!;
        let c = ids.get(code);
        if (c === undefined) {
          c = size++;
          ids.set(code, c);
        }
        classOf[k] = c;
      }
    }
    return { classOf, size };
  }

  /** Replaces the codes by dense ones (0 .. distinct-1), keeping equal codes equal and different ones different. */
  private renumber(): void {
    const { classOf, size } = this.classes();
    for (let k = 0; k < this.count; k++) this.codes[k] = classOf[k]!;
    this.bound = Math.max(1, size);
  }
}
