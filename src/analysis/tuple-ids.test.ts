// TupleIds against a Map keyed by the tuple's text: equal tuples share an id,
// different ones never do (prefixes, repeats, negative and extreme values),
// built element by element or at once.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TupleIds } from './tuple-ids.js';

describe('TupleIds', () => {
  it('gives equal ids exactly to equal tuples', () => {
    const int = fc.oneof(fc.integer({ min: -2, max: 3 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    fc.assert(
      fc.property(fc.array(fc.array(int, { maxLength: 6 }), { maxLength: 60 }), (tuples) => {
        const ids = new TupleIds();
        const idOfText = new Map<string, number>();
        const textOfId = new Map<number, string>();
        for (const tuple of [...tuples, ...tuples.map((t) => t.slice(0, -1))]) {
          const text = tuple.join(',');
          const id = ids.of(tuple);
          expect(tuple.reduce((prefix, e) => ids.extend(prefix, e), TupleIds.EMPTY)).toBe(id);
          expect(idOfText.get(text) ?? id).toBe(id);
          expect(textOfId.get(id) ?? text).toBe(text);
          idOfText.set(text, id);
          textOfId.set(id, text);
        }
        expect(ids.of([])).toBe(TupleIds.EMPTY);
      }),
      { numRuns: 200 },
    );
  });
});
