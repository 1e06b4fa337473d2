import { describe, expect, it } from 'vitest';
import { diagnostic } from '../model/diagnostics.js';
import { diagnosticsTally, formatDiagnostic, formatDiagnostics } from './diagnostics-text.js';

const missing = (n: number) => diagnostic('missing-security-group', `sg-${n} is not in the input`, { file: 'sg.json', pointer: `/SecurityGroups/${n}` });

describe('diagnostics text', () => {
  it('prints one diagnostic compiler style with file and line', () => {
    expect(formatDiagnostic(diagnostic('invalid-cidr', '"10.0.0.1/24" has host bits set', { file: 'acl.json', line: 7, pointer: '/a' }))).toBe(
      'acl.json:7: error invalid-cidr: "10.0.0.1/24" has host bits set',
    );
    expect(formatDiagnostic(diagnostic('input-empty', 'no input files in x'))).toBe('error input-empty: no input files in x');
  });

  it('drops a copy of the location at the start of the message, keeping a column', () => {
    const malformed = diagnostic('input-malformed', 'v.json:7:13: not valid JSON', { file: 'v.json', line: 7 });
    expect(formatDiagnostic(malformed)).toBe('v.json:7:13: error input-malformed: not valid JSON');
    const cidr = diagnostic('invalid-cidr', 'sg.json#/SecurityGroups/2: bad block', { file: 'sg.json', line: 111, pointer: '/SecurityGroups/2' });
    expect(formatDiagnostic(cidr)).toBe('sg.json:111: error invalid-cidr: bad block');
    const missing = diagnostic('input-not-found', 'nope: no such file or folder', { file: 'nope' });
    expect(formatDiagnostic(missing)).toBe('nope: error input-not-found: no such file or folder');
  });

  it('lists errors first and every one of them', () => {
    const lines = formatDiagnostics([missing(1), diagnostic('input-malformed', 'a'), diagnostic('input-malformed', 'b'), diagnostic('input-malformed', 'c'), diagnostic('input-malformed', 'd')]);
    expect(lines.slice(0, 4).every((l) => l.includes('error input-malformed'))).toBe(true);
    expect(lines[4]).toBe('sg.json#/SecurityGroups/1: warning missing-security-group: sg-1 is not in the input');
  });

  it('caps warnings per code and summarises infos unless verbose', () => {
    const diags = [1, 2, 3, 4, 5].map(missing).concat([diagnostic('ipv6-not-modeled', 'a'), diagnostic('ipv6-not-modeled', 'b')]);
    const lines = formatDiagnostics(diags);
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe('  … and 2 more missing-security-group warnings (--verbose lists them)');
    expect(lines[4]).toMatch(/^info ipv6-not-modeled: IPv6 rules .* \(2 times; --verbose lists them\)$/);
    expect(formatDiagnostics(diags, { verbose: true })).toHaveLength(7);
  });

  it('tallies by severity', () => {
    expect(diagnosticsTally([missing(1), missing(2), diagnostic('input-empty', 'x')])).toBe('1 error, 2 warnings');
    expect(diagnosticsTally([])).toBe('');
  });
});
