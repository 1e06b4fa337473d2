// Returns memory between large queries. A cluster-wide query builds and
// drops hundreds of megabytes of terms; V8 sizes its next collection from
// how fast garbage arrives, so a run of such queries let the heap of the
// K-M benchmark grow to 2.7 GiB around 0.4 GiB of live data. After a query
// that grew the heap by more than RELIEF_BYTES, a full collection brings it
// back to what is live (a few hundred milliseconds, paid only by large
// queries). The collector is V8's own `gc`, exposed at run time.

import v8 from 'node:v8';
import vm from 'node:vm';

/** Heap growth over one query past which the engine collects. */
const RELIEF_BYTES = 256 * 2 ** 20;

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

/** The heap in use now, to pass to `relieveHeap` after the query. */
export function heapMark(): number {
  return process.memoryUsage().heapUsed;
}

/** Collects when the heap grew by more than RELIEF_BYTES since `mark`. */
export function relieveHeap(mark: number): void {
  if (process.memoryUsage().heapUsed - mark < RELIEF_BYTES) return;
  collectGarbage()?.();
}
