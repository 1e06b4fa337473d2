import { describe, expect, it } from 'vitest';
import { createStyle } from './style.js';
import { formatTable } from './table.js';

describe('formatTable', () => {
  it('pads columns to the widest cell, right-aligns on request, trims line ends', () => {
    const lines = formatTable([{ header: 'name' }, { header: 'n', align: 'right' }, { header: 'note' }], [
      ['alpha', '1', ''],
      ['b', '100', 'x'],
    ]);
    expect(lines).toEqual(['name     n  note', '─────  ───  ────', 'alpha    1', 'b      100  x']);
  });

  it('ignores escape codes when measuring and fills missing cells', () => {
    const c = createStyle(true);
    const lines = formatTable([{ header: 'a' }, { header: 'b' }], [[c.red('xx'), 'y'], ['z']], { header: false, indent: '  ' });
    expect(lines[0]).toBe(`  ${c.red('xx')}  y`);
    expect(lines[1]).toBe('  z');
  });
});
