// Tests for parsing input files with locations (JSON and YAML).
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../model/diagnostics.js';
import { parseInput } from './document.js';

describe('parseInput', () => {
  it('reports malformed JSON with file, line and column', () => {
    const sink = new DiagnosticSink();
    const doc = parseInput('bad.json', '{\n  "Vpcs": [\n    { "VpcId": "v", }\n  ]\n}', sink);
    expect(doc).toBeUndefined();
    expect(sink.items).toHaveLength(1);
    expect(sink.items[0]).toMatchObject({ code: 'input-malformed', severity: 'error', location: { file: 'bad.json', line: 3 } });
    expect(sink.items[0]!.message).toMatch(/^bad\.json:3:\d+: not valid JSON/);
  });

  it('reports truncated JSON at its end', () => {
    const sink = new DiagnosticSink();
    parseInput('cut.json', '{\n "a": [1,\n', sink);
    expect(sink.items[0]!.location?.line).toBe(3);
  });

  it('fills JSON lines for handed-out locations in one pass', () => {
    const sink = new DiagnosticSink();
    const doc = parseInput('ok.json', '{\n  "Vpcs": [\n    {\n      "VpcId": "v"\n    }\n  ]\n}\n', sink)!;
    const loc = doc.at('/Vpcs/0/VpcId');
    const prov = doc.provenance('/Vpcs/0', 'v', 'v');
    expect(loc.line).toBeUndefined();
    doc.resolveLines();
    expect(loc.line).toBe(4);
    expect(prov.line).toBe(3);
  });

  it('parses YAML (aws --output yaml) and locates values by pointer', () => {
    const sink = new DiagnosticSink();
    const doc = parseInput('vpcs.yaml', 'Vpcs:\n- VpcId: vpc-1\n  CidrBlock: 10.0.0.0/16\n', sink)!;
    expect(doc.value).toEqual({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] });
    const loc = doc.at('/Vpcs/0/CidrBlock');
    doc.resolveLines();
    expect(loc.line).toBe(3);
  });

  it('reports malformed YAML with its line', () => {
    const sink = new DiagnosticSink();
    expect(parseInput('bad.yaml', 'Vpcs:\n- VpcId: [unclosed\n', sink)).toBeUndefined();
    expect(sink.items[0]).toMatchObject({ code: 'input-malformed', location: { file: 'bad.yaml' } });
    expect(sink.items[0]!.message).toMatch(/^bad\.yaml:\d+:\d+: not valid YAML/);
  });
});
