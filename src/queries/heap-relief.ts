// Returns memory between queries. A cluster-wide query builds and drops
// hundreds of megabytes of terms, and V8 lets garbage pile up to several
// times the live heap before a full collection: on the K-M benchmark the
// heap grew to 2.7 GiB around 0.4 GiB of live data. After a query, when the
// heap exceeds what was live after the last collection by more than that
// live size (and at least RELIEF_BYTES), a full collection brings it back (a
// few hundred milliseconds, paid once in many queries or by a large one).
// The collector is V8's own `gc`, exposed at run time.

import v8 from 'node:v8';
import vm from 'node:vm';

/** Least growth over the live heap that triggers a collection. */
const RELIEF_BYTES = 384 * 2 ** 20;

/** Heap in use after the last collection (or at the first query). */
let live: number | undefined;

let collector: (() => void) | null | undefined;

function collectGarbage(): (() => void) | null {
  if (collector === undefined) {
    try {
      const exposed = (globalThis as { gc?: () => void }).gc;
      if (typeof exposed === 'function') {
        collector = exposed;
      } else {
        v8.setFlagsFromString('--expose-gc');
        collector = vm.runInNewContext('gc') as () => void;
      }
    } catch {
      collector = null;
    }
  }
  return collector;
}

/**
 * Collects when the heap outgrew what was live after the last collection
 * (at the first query, which knows no live size yet: when the heap is past
 * RELIEF_BYTES at all, as loading leaves garbage behind).
 */
export function relieveHeap(): void {
  const used = process.memoryUsage().heapUsed;
  if (used - (live ?? 0) < Math.max(live ?? 0, RELIEF_BYTES)) {
    live ??= used;
    return;
  }
  const collect = collectGarbage();
  if (collect === null) return;
  collect();
  live = process.memoryUsage().heapUsed;
}
