// A map from pairs of 32-bit integers to small non-negative integers, by open
// addressing over one array of (first, second, value) slots: lookups
// allocate nothing (a Map keyed by a 53-bit number boxes every key), which
// matters when every unit of a large matrix is looked up once per filter.
// The slots are a plain array of small integers, not a typed array: the
// matrix makes thousands of these maps (several per filter), and a typed
// array's separate buffer made their creation and growth cost more than
// their lookups.

const EMPTY = -1;
/** Numbers per slot: first, second, value. */
const WIDTH = 3;

export class IntPairMap {
  private slots = emptySlots(16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const s = this.slots;
    const mask = s.length / WIDTH - 1;
    for (let i = slot(a, b, mask); ; i = (i + 1) & mask) {
      const at = i * WIDTH;
      const v = s[at + 2]!;
      if (v === EMPTY || (s[at] === (a | 0) && s[at + 1] === (b | 0))) return v;
    }
  }

  /** Sets (a, b) to `value` (>= 0). */
  set(a: number, b: number, value: number): void {
    if (value < 0) throw new Error('internal: IntPairMap holds non-negative values');
    if ((this.count + 1) * 2 * WIDTH > this.slots.length) this.grow();
    this.put(a, b, value);
  }

  private put(a: number, b: number, value: number): void {
    const s = this.slots;
    const mask = s.length / WIDTH - 1;
    for (let i = slot(a, b, mask); ; i = (i + 1) & mask) {
      const at = i * WIDTH;
      if (s[at + 2] === EMPTY) {
        s[at] = a | 0;
        s[at + 1] = b | 0;
        s[at + 2] = value;
        this.count++;
        return;
      }
      if (s[at] === (a | 0) && s[at + 1] === (b | 0)) {
        s[at + 2] = value;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = emptySlots((2 * old.length) / WIDTH);
    this.count = 0;
    for (let at = 0; at < old.length; at += WIDTH) if (old[at + 2] !== EMPTY) this.put(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}

function emptySlots(capacity: number): number[] {
  return new Array<number>(capacity * WIDTH).fill(EMPTY);
}

function slot(a: number, b: number, mask: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}
