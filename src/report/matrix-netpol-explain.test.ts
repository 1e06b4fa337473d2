// Tests for `matrix --explain`: port pieces cut at rule boundaries, grouped
// verdicts naming the deciding rules (ANP pass then NetworkPolicy, BANP
// deny, default deny, system default), and agreement with the matrix: the
// allowed groups of every pair add up to exactly the pair's connections.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeMatrix, type Matrix } from '../analysis/matrix.js';
import { loadEstate } from '../ingest/load.js';
import type { Estate } from '../model/estate.js';
import { IntervalSet } from '../model/intervals.js';
import { PROTO } from '../model/packet.js';
import { netpolPorts } from './matrix-netpol-conn.js';
import { explainNetpolMatrix, explainPair, portPieces } from './matrix-netpol-explain.js';
import { parseFocus } from './matrix-netpol-focus.js';
import { netpolRows, type NetpolPeer } from './matrix-netpol-rows.js';

const cluster = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'golden', 'fixtures', 'k8s-cluster');

let estate: Estate;
let matrix: Matrix;
beforeAll(async () => {
  const loaded = await loadEstate([cluster]);
  if (loaded.estate === undefined) throw new Error('the k8s-cluster fixture does not load');
  estate = loaded.estate;
  matrix = computeMatrix(estate, { level: 'endpoints' });
});

function peer(name: string): NetpolPeer {
  const e = estate.endpoints.find((x) => x.name === name);
  if (e === undefined) throw new Error(`no ${name}`);
  return { text: e.name, external: false, endpointIndex: e.index };
}

describe('portPieces', () => {
  it('cuts 1-65535 at every rule port boundary and covers it exactly', () => {
    const pieces = portPieces(estate);
    let all = IntervalSet.EMPTY;
    for (const p of pieces) {
      expect(all.intersect(p).isEmpty()).toBe(true);
      all = all.union(p);
    }
    expect(all.equals(IntervalSet.range(1, 65535))).toBe(true);
    const starts = pieces.map((p) => p.min());
    for (const port of [53, 54, 5432, 5433, 8080, 8081, 9090, 9091, 9100, 9111]) expect(starts, String(port)).toContain(port);
  });
});

describe('explainPair', () => {
  it('names the NetworkPolicy rules that allow, and the isolation that denies the rest', () => {
    const groups = explainPair(estate, peer('web/frontend[Deployment]'), peer('api/backend[Deployment]'), portPieces(estate));
    const allowed = groups.filter((g) => g.allowed);
    expect(allowed).toHaveLength(1);
    expect(allowed[0]!.ports.get(PROTO.TCP)?.equals(IntervalSet.point(9090))).toBe(true);
    expect(allowed[0]!.lines.join('\n')).toMatch(/Egress \(Allowed\)\n\t\t\tallows: NetworkPolicy web\/frontend egress rule 0 \(.*policies\.yaml:\d+\)\n/);
    expect(allowed[0]!.lines.join('\n')).toMatch(/Ingress \(Allowed\)\n\t\t\tallows: NetworkPolicy api\/backend ingress rule 0 \(.*policies\.yaml:\d+\)$/);
    expect(groups.some((g) => !g.allowed && g.lines.some((l) => l.includes('pod isolated for ingress by NetworkPolicy api/backend')))).toBe(true);
  });

  it('lists an ANP Pass before the NetworkPolicy that decides, and a BANP deny', () => {
    const text = explainNetpolMatrix(estate, matrix, []);
    expect(text).toMatch(/\t\t\tpasses: AdminNetworkPolicy pass-ops ingress rule 0 \(pass-from-ops\) \(.*admin\.yaml:\d+\)\n\t\t\tallows: NetworkPolicy api\/backend ingress rule 1 /);
    expect(text).toMatch(/Connections between api\/backend\[Deployment\] => ops\/prometheus\[Deployment\]:\n\nDenied connections:\n.*\n.*\n.*\n\t\t\tdenies: BaselineAdminNetworkPolicy default/);
    expect(text).toContain('# All Connections due to the system default (Allow all) #\n');
    // Ingress ranges are cut at the ingress rules' addresses (192.168.0.0/16) for every workload, as netpol-analyzer cuts
    // them; no egress rule names addresses, so egress ranges stay whole.
    expect(text).toContain('\n0.0.0.0-192.167.255.255[External] => ops/prometheus[Deployment]\n192.168.0.0-192.168.255.255[External] => ops/prometheus[Deployment]');
    expect(text).toContain('\napi/backend[Deployment] => 0.0.0.0-255.255.255.255[External]\n');
  });

  it('explains external ranges cut at rule addresses, the excepted block on its own', () => {
    const text = explainNetpolMatrix(estate, matrix, [parseFocus('frontend')!], { direction: 'ingress' });
    expect(text).toContain('Connections between 192.168.0.0-192.168.255.255[External] => web/frontend[Deployment]:\n\nDenied connections:');
    expect(text).toContain('Connections between 0.0.0.0-192.167.255.255[External] => web/frontend[Deployment]:\n\nAllowed connections:\n\tAllowed TCP:[8080]');
    expect(text).not.toContain('web/frontend[Deployment] => ');
  });

  it('allows, over its allowed groups, exactly what the matrix allows for every pair', () => {
    const pieces = portPieces(estate);
    const rows = netpolRows(matrix, { includeDenied: true });
    expect(rows.length).toBeGreaterThan(8);
    // Internal pairs the matrix does not list allow nothing.
    const listed = new Set(rows.map((r) => `${r.src.text} => ${r.dst.text}`));
    for (const a of estate.endpoints) {
      for (const b of estate.endpoints) {
        if (a === b || listed.has(`${a.name} => ${b.name}`)) continue;
        const groups = explainPair(estate, peer(a.name), peer(b.name), pieces);
        expect(groups.filter((g) => g.allowed), `${a.name} => ${b.name}`).toEqual([]);
      }
    }
    for (const r of rows) {
      const groups = explainPair(estate, r.src, r.dst, pieces);
      for (const protocol of [PROTO.TCP, PROTO.UDP, PROTO.SCTP]) {
        let ports = IntervalSet.EMPTY;
        for (const g of groups) if (g.allowed) ports = ports.union(g.ports.get(protocol) ?? IntervalSet.EMPTY);
        expect(ports.key(), `${r.src.text} => ${r.dst.text} protocol ${protocol}`).toBe(netpolPorts(r.allowed, protocol).key());
      }
    }
  });
});
