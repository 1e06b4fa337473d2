// The netpol-analyzer output formats of the connectivity rows
// (matrix-netpol-rows.ts), as `netpol-analyzer list -o <format>` and
// `roxctl netpol connectivity map` print them:
//
// - txt:  `<src> => <dst> : <conn>` per row;
// - json: an array of `{ "src", "dst", "conn" }`, two-space indent;
// - csv:  header `src,dst,conn`, fields quoted when they hold `,` or `"`;
// - md:   a table `| src | dst | conn |` with a `|-----|-----|------|` rule;
// - dot:  a digraph, one `cluster_<ns>[namespace]` subgraph per namespace
//         holding its workloads (blue), external ranges in red2, one edge per
//         row labelled with its connections (gold2 / darkgreen).
//
// Each function returns the whole text; txt and json end without a newline,
// csv and md (like netpol-analyzer's files) with one.

import type { NetpolPeer, NetpolRow } from './matrix-netpol-rows.js';

export type NetpolFormat = 'txt' | 'json' | 'csv' | 'md' | 'dot';

export function formatNetpolTxt(rows: readonly NetpolRow[]): string {
  return rows.map((r) => `${r.src.text} => ${r.dst.text} : ${r.conn}`).join('\n');
}

export function formatNetpolJson(rows: readonly NetpolRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({ src: r.src.text, dst: r.dst.text, conn: r.conn })),
    undefined,
    2,
  );
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text.startsWith(' ') ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatNetpolCsv(rows: readonly NetpolRow[]): string {
  const lines = ['src,dst,conn', ...rows.map((r) => [r.src.text, r.dst.text, r.conn].map(csvField).join(','))];
  return `${lines.join('\n')}\n`;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function formatNetpolMd(rows: readonly NetpolRow[]): string {
  const lines = ['| src | dst | conn |', '|-----|-----|------|', ...rows.map((r) => `| ${mdCell(r.src.text)} | ${mdCell(r.dst.text)} | ${mdCell(r.conn)} |`)];
  return `${lines.join('\n')}\n`;
}

/** `ns` and `name[Kind]` of an internal peer text `ns/name[Kind]`; no namespace for other texts. */
export function splitPeerText(text: string): { namespace?: string; local: string } {
  const slash = text.indexOf('/');
  const bracket = text.indexOf('[');
  if (slash <= 0 || (bracket >= 0 && bracket < slash)) return { local: text };
  return { namespace: text.slice(0, slash), local: text.slice(slash + 1) };
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function nodeLine(indent: string, peer: NetpolPeer, label: string): string {
  const color = peer.external ? 'red2' : 'blue';
  return `${indent}${quote(peer.text)} [label=${quote(label)} color="${color}" fontcolor="${color}"]`;
}

export function formatNetpolDot(rows: readonly NetpolRow[]): string {
  const peers = new Map<string, NetpolPeer>();
  for (const r of rows) {
    peers.set(r.src.text, r.src);
    peers.set(r.dst.text, r.dst);
  }
  const byNamespace = new Map<string, NetpolPeer[]>();
  const loose: NetpolPeer[] = [];
  for (const p of [...peers.values()].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))) {
    const ns = p.external ? undefined : splitPeerText(p.text).namespace;
    if (ns === undefined) loose.push(p);
    else byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), p]);
  }
  const lines = ['digraph {'];
  for (const ns of [...byNamespace.keys()].sort()) {
    lines.push(`\tsubgraph ${quote(`cluster_${ns}[namespace]`)} {`, '\t\tcolor="black"', '\t\tfontcolor="black"');
    for (const p of byNamespace.get(ns) ?? []) lines.push(nodeLine('\t\t', p, splitPeerText(p.text).local));
    lines.push(`\t\tlabel=${quote(`${ns}[namespace]`)}`, '\t}');
  }
  for (const p of loose) lines.push(nodeLine('\t', p, p.text));
  for (const r of rows) {
    // Edges that run "backwards" in name order weigh more, which keeps the layout steady.
    const weight = r.src.text < r.dst.text ? '0.5' : '1';
    lines.push(`\t${quote(r.src.text)} -> ${quote(r.dst.text)} [label=${quote(r.conn)} color="gold2" fontcolor="darkgreen" weight=${weight}]`);
  }
  lines.push('}');
  return lines.join('\n');
}

export function formatNetpolRows(rows: readonly NetpolRow[], format: NetpolFormat): string {
  switch (format) {
    case 'txt':
      return formatNetpolTxt(rows);
    case 'json':
      return formatNetpolJson(rows);
    case 'csv':
      return formatNetpolCsv(rows);
    case 'md':
      return formatNetpolMd(rows);
    case 'dot':
      return formatNetpolDot(rows);
  }
}
