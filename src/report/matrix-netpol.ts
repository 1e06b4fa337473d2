// The connectivity matrix in np-guard netpol-analyzer's text format, one line
// per ordered pair with some allowed traffic, sorted:
//
//     <src> => <dst> : <conn>
//
// The rows come from matrix-netpol-rows.ts, the connection texts from
// matrix-netpol-conn.ts (re-exported here); the other formats (json, csv, md,
// dot) live in matrix-netpol-formats.ts.

import type { Matrix } from '../analysis/matrix.js';
import { netpolRows, type NetpolRow } from './matrix-netpol-rows.js';

export { ALL_CONNECTIONS, formatNetpolConn, netpolPorts } from './matrix-netpol-conn.js';

/** One row as a txt line. */
export function netpolLine(row: NetpolRow): string {
  return `${row.src.text} => ${row.dst.text} : ${row.conn}`;
}

/** The lines of the matrix in netpol-analyzer's format, sorted (no trailing newline). */
export function formatNetpolMatrix(matrix: Matrix): string[] {
  return netpolRows(matrix).map(netpolLine);
}
