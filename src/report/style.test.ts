import { describe, expect, it } from 'vitest';
import { colorWanted, visibleLength } from './style.js';

describe('colorWanted', () => {
  it('colors a terminal by default and never without one', () => {
    expect(colorWanted({ colorFlag: true, isTty: true, env: {} })).toBe(true);
    expect(colorWanted({ colorFlag: true, isTty: false, env: {} })).toBe(false);
  });

  it('honours --no-color and NO_COLOR over everything, FORCE_COLOR over a pipe', () => {
    expect(colorWanted({ colorFlag: false, isTty: true, env: { FORCE_COLOR: '1' } })).toBe(false);
    expect(colorWanted({ colorFlag: true, isTty: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colorWanted({ colorFlag: true, isTty: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(colorWanted({ colorFlag: true, isTty: false, env: { FORCE_COLOR: '0' } })).toBe(false);
  });

  it('measures text without escape codes', () => {
    expect(visibleLength('\u001b[31mred\u001b[39m')).toBe(3);
  });
});
