// DigitClasses against classes drawn from the tuples' text: same classes,
// numbered in order of first element, for small and huge radices (which
// force renumbering), with and without zeroed digits, on a reused object.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DigitClasses } from './digit-classes.js';

const arbColumns = fc.nat({ max: 12 }).chain((count) =>
  fc.array(
    fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 ** 31 - 1 })).chain((radix) =>
      fc.record({
        radix: fc.constant(radix),
        digits: fc.array(fc.oneof(fc.constant(0), fc.constant(radix - 1), fc.nat(radix - 1)), { minLength: count, maxLength: count }),
        zero: fc.option(fc.array(fc.constantFrom(0, 1), { minLength: count, maxLength: count })),
      }),
    ),
    { maxLength: 8 },
  ).map((columns) => ({ count, columns })),
);

describe('DigitClasses', () => {
  it('puts elements in one class exactly when their digit tuples are equal', () => {
    fc.assert(
      fc.property(arbColumns, ({ count, columns }) => {
        const classes = new DigitClasses();
        // A used object starts over cleanly.
        classes.reset(count + 3);
        classes.append(Array.from({ length: count + 3 }, (_, k) => k % 2), 2);
        classes.reset(count);
        const texts: string[] = Array.from({ length: count }, () => '');
        for (const { radix, digits, zero } of columns) {
          classes.append(digits, radix, zero === null ? undefined : Uint8Array.from(zero));
          digits.forEach((d, k) => (texts[k] += `${zero?.[k] === 1 ? 0 : d},`));
        }
        const want = new Map<string, number>();
        const wantOf = texts.map((t) => {
          if (!want.has(t)) want.set(t, want.size);
          return want.get(t)!;
        });
        const { classOf, size } = classes.classes();
        expect([...classOf.subarray(0, count)]).toEqual(wantOf);
        expect(size).toBe(want.size);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a column without digits', () => {
    const classes = new DigitClasses();
    classes.reset(1);
    expect(() => classes.append([0], 0)).toThrow(/radix/);
  });
});
