// JSON shapes of model values for `--format json` (schema in
// docs/json-schema.md): packets with dotted IPs and named protocols, paths
// layer by layer, rules with provenance, diagnostics, assumptions. Objects
// are built key by key, so key order is part of the schema and stays stable.

import type { Diagnostic } from '../model/diagnostics.js';
import type { Assumption } from '../model/estate.js';
import type { IntervalSet } from '../model/intervals.js';
import { formatIpv4 } from '../model/ip.js';
import { hasIcmp, hasPorts, protocolName, type Packet } from '../model/packet.js';
import type { SourceLocation } from '../model/provenance.js';
import type { FilterDecision, GateTrace, LayerTrace, PathVerdict } from '../semantics/evaluate.js';
import type { TrafficSpec } from '../queries/query.js';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export const SCHEMA_VERSION = 1;

/** Every document starts with the same three keys. */
export function envelope(command: string, body: { readonly [key: string]: Json }): { readonly [key: string]: Json } {
  return { schemaVersion: SCHEMA_VERSION, tool: 'netproof', command, ...body };
}

export function locationJson(loc: SourceLocation | undefined): Json {
  if (loc === undefined) return null;
  return { file: loc.file, line: loc.line ?? null, pointer: loc.pointer ?? null };
}

/** `["443", "8000-8080"]`. */
export function numberSetJson(set: IntervalSet): Json {
  return set.ranges.map((r) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`));
}

/** `["TCP", "UDP"]`; long ranges of unnamed protocols as `"lo-hi"`. */
export function protocolsJson(set: IntervalSet): Json {
  const out: string[] = [];
  for (const r of set.ranges) {
    if (r.hi - r.lo > 16) out.push(`${r.lo}-${r.hi}`);
    else for (let n = r.lo; n <= r.hi; n++) out.push(protocolName(n));
  }
  return out;
}

export function trafficJson(t: TrafficSpec | undefined): Json {
  if (t === undefined) return null;
  return {
    protocols: t.protocols === undefined ? null : protocolsJson(t.protocols),
    ports: t.dstPorts === undefined ? null : numberSetJson(t.dstPorts),
  };
}

export function packetJson(p: Packet): Json {
  const ports = hasPorts(p.protocol);
  const icmp = hasIcmp(p.protocol);
  return {
    protocol: protocolName(p.protocol),
    protocolNumber: p.protocol,
    srcIp: formatIpv4(p.srcIp),
    dstIp: formatIpv4(p.dstIp),
    srcPort: ports ? p.srcPort : null,
    dstPort: ports ? p.dstPort : null,
    icmpType: icmp ? p.icmpType : null,
    icmpCode: icmp ? p.icmpCode : null,
  };
}

function decisionJson(d: FilterDecision): Json {
  const prov = d.rule?.provenance ?? d.filter.defaultProvenance;
  return {
    filter: d.filter.id,
    filterName: d.filter.displayName,
    action: d.action,
    decidedBy: d.rule === undefined ? 'default' : 'rule',
    rule: d.rule?.id ?? null,
    display: prov.displayName,
    location: locationJson(prov),
    assumption: d.rule?.assumption ?? null,
  };
}

function layerJson(t: LayerTrace): Json {
  return {
    id: t.layer.id,
    name: t.layer.displayName,
    kind: t.layer.vendorKind,
    direction: t.layer.direction,
    side: t.side,
    verdict: t.verdict,
    decisions: t.decisions.map(decisionJson),
  };
}

function gateJson(g: GateTrace): Json {
  return { kind: g.kind, side: g.side, verdict: g.verdict, reasons: [...g.reasons], assumptions: [...g.assumptions] };
}

/** Layers in path order (source side, then destination side); the gate apart. */
export function pathJson(p: PathVerdict): Json {
  const ordered = [...p.layers.filter((t) => t.side === 'source'), ...p.layers.filter((t) => t.side === 'destination')];
  return {
    allowed: p.allowed,
    layers: ordered.map(layerJson),
    gate: p.gate === undefined ? null : gateJson(p.gate),
    assumptions: [...p.assumptions],
  };
}

export function diagnosticJson(d: Diagnostic): Json {
  return { code: d.code, severity: d.severity, message: d.message, location: locationJson(d.location) };
}

export function assumptionJson(a: Assumption): Json {
  return { id: a.id, text: a.text, location: locationJson(a.location) };
}

/** Two-space indented JSON with a final newline. */
export function stringifyJson(doc: Json): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
