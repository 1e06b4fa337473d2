// A map from pairs of 32-bit integers to small non-negative integers, by open
// addressing over typed arrays: lookups allocate nothing (a Map keyed by a
// 53-bit number boxes every key), which matters when every unit of a large
// matrix is looked up once per filter.

const EMPTY = -1;

export class IntPairMap {
  private keysA = new Int32Array(16);
  private keysB = new Int32Array(16);
  private values = new Int32Array(16).fill(EMPTY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const mask = this.values.length - 1;
    for (let i = slot(a, b, mask); ; i = (i + 1) & mask) {
      const v = this.values[i]!;
      if (v === EMPTY || (this.keysA[i] === (a | 0) && this.keysB[i] === (b | 0))) return v;
    }
  }

  /** Sets (a, b) to `value` (>= 0). */
  set(a: number, b: number, value: number): void {
    if (value < 0) throw new Error('internal: IntPairMap holds non-negative values');
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    const mask = this.values.length - 1;
    for (let i = slot(a, b, mask); ; i = (i + 1) & mask) {
      if (this.values[i] === EMPTY) {
        this.keysA[i] = a;
        this.keysB[i] = b;
        this.values[i] = value;
        this.count++;
        return;
      }
      if (this.keysA[i] === (a | 0) && this.keysB[i] === (b | 0)) {
        this.values[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    this.keysA = new Int32Array(values.length * 2);
    this.keysB = new Int32Array(values.length * 2);
    this.values = new Int32Array(values.length * 2).fill(EMPTY);
    this.count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== EMPTY) this.set(keysA[i]!, keysB[i]!, values[i]!);
  }
}

function slot(a: number, b: number, mask: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}
