import { describe, expect, it } from 'vitest';
import { exitCodeFor } from './exit-code.js';

describe('exitCodeFor', () => {
  it('is 0 when every query holds or the command only reports', () => {
    expect(exitCodeFor({ kind: 'answers', verdicts: ['holds', 'holds'] })).toBe(0);
    expect(exitCodeFor({ kind: 'reported' })).toBe(0);
  });

  it('is 1 when some query is violated, even beside an unknown', () => {
    expect(exitCodeFor({ kind: 'answers', verdicts: ['holds', 'violated'] })).toBe(1);
    expect(exitCodeFor({ kind: 'answers', verdicts: ['unknown', 'violated'] })).toBe(1);
  });

  it('is 2 for bad input and usage errors', () => {
    expect(exitCodeFor({ kind: 'bad-input' })).toBe(2);
    expect(exitCodeFor({ kind: 'usage' })).toBe(2);
  });

  it('is 3 for unknown answers and internal errors, and an error outranks a violation', () => {
    expect(exitCodeFor({ kind: 'answers', verdicts: ['holds', 'unknown'] })).toBe(3);
    expect(exitCodeFor({ kind: 'answers', verdicts: ['violated', 'error'] })).toBe(3);
    expect(exitCodeFor({ kind: 'internal-error' })).toBe(3);
  });
});
