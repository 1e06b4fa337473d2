// Tests for the semantic comparison of netpol-analyzer lists: equal sets
// written differently pass; a missing port, pair or address fails with a
// line naming it.
import { describe, expect, it } from 'vitest';
import { compareConnlists } from './netpol-compare.js';
import { parseNetpolConnlist } from './netpol-expected.js';

const list = (...lines: string[]) => parseNetpolConnlist(lines.join('\n'));

describe('compareConnlists', () => {
  it('accepts the same sets written differently (cut ranges, All Connections spelled out)', () => {
    const a = list('0.0.0.0-9.255.255.255[External] => a/x[Pod] : TCP 80', '10.0.0.0-255.255.255.255[External] => a/x[Pod] : TCP 80', 'a/x[Pod] => a/y[Pod] : All Connections');
    const b = list('0.0.0.0-255.255.255.255[External] => a/x[Pod] : TCP 80', 'a/x[Pod] => a/y[Pod] : SCTP 1-65535,TCP 1-65535,UDP 1-65535');
    expect(compareConnlists(a, b)).toEqual([]);
  });

  it('reports a pair whose connections differ, and a pair missing on one side', () => {
    const a = list('a/x[Pod] => a/y[Pod] : TCP 80,443', 'a/y[Pod] => a/x[Pod] : UDP 53');
    const b = list('a/x[Pod] => a/y[Pod] : TCP 80');
    expect(compareConnlists(a, b)).toEqual([
      'a/x[Pod] => a/y[Pod]: expected TCP 80,443, computed TCP 80',
      'a/y[Pod] => a/x[Pod]: expected UDP 53, computed (nothing)',
    ]);
  });

  it('reports the external addresses whose connections differ', () => {
    const a = list('a/x[Pod] => 0.0.0.0-255.255.255.255[External] : TCP 80');
    const b = list('a/x[Pod] => 0.0.0.0-9.255.255.255[External] : TCP 80', 'a/x[Pod] => 11.0.0.0-255.255.255.255[External] : TCP 80');
    expect(compareConnlists(a, b)).toEqual(['a/x[Pod] => 10.0.0.0-10.255.255.255[External]: expected TCP 80, computed (nothing)']);
  });
});
