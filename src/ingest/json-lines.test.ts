// Tests for locating JSON values by pointer in one pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPointer } from '../model/provenance.js';
import { lineAndColumn, locateJsonLines, pointerTokens } from './json-lines.js';

describe('locateJsonLines', () => {
  const text = JSON.stringify(
    { Vpcs: [{ VpcId: 'vpc-1', Tags: [{ Key: 'a/b~c', Value: '{"x": [1]}' }] }, { VpcId: 'vpc-2' }] },
    null,
    4,
  );

  it('finds the line where each wanted value starts', () => {
    const lines = locateJsonLines(text, ['/Vpcs/0', '/Vpcs/1/VpcId', '/Vpcs/0/Tags/0/Value', '']);
    const all = text.split('\n');
    expect(all[lines.get('/Vpcs/1/VpcId')! - 1]).toContain('"vpc-2"');
    expect(all[lines.get('/Vpcs/0/Tags/0/Value')! - 1]).toContain('"Value"');
    expect(all[lines.get('/Vpcs/0')! - 1]?.trim()).toBe('{');
    expect(lines.get('')).toBe(1);
  });

  it('handles escaped keys and leaves out pointers that name nothing', () => {
    const doc = '{\n"a/b": {\n "c~d": 1\n}\n}';
    const lines = locateJsonLines(doc, [jsonPointer('a/b', 'c~d'), '/missing', '/a~1b/zz']);
    expect(lines.get('/a~1b/c~0d')).toBe(3);
    expect(lines.has('/missing')).toBe(false);
    expect(lines.has('/a~1b/zz')).toBe(false);
  });

  it('agrees with a naive line count for every array element (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.integer({ min: 0, max: 4 }), (items, indent) => {
        const doc = JSON.stringify({ items }, null, indent);
        const pointers = items.map((_, i) => `/items/${i}`);
        const lines = locateJsonLines(doc, pointers);
        // Re-serialize with a marker to learn the true line of each element.
        items.forEach((_, i) => {
          const marked = JSON.stringify({ items: items.map((v, j) => (j === i ? '\u0000MARK' : v)) }, null, indent);
          const offset = marked.indexOf('"\\u0000MARK"');
          expect(lines.get(`/items/${i}`)).toBe(lineAndColumn(marked, offset).line);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('pointerTokens / lineAndColumn', () => {
  it('unescapes tokens', () => {
    expect(pointerTokens('/a~1b/0/c~0d')).toEqual(['a/b', '0', 'c~d']);
    expect(pointerTokens('')).toEqual([]);
  });
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
