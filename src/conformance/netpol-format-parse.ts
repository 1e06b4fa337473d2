// netpol-analyzer's json, csv and md connectivity lists read back into the
// parsed txt form (netpol-expected.ts), so every format is compared the same
// way, semantically. The frame of each format is checked too (csv header
// `src,dst,conn`, md header and rule, json an array of {src, dst, conn}
// strings); a frame that differs is a problem of the list, never ignored.

import { EXPOSURE_MARKER, parseNetpolConnlist, type ExpectedConnlist } from './netpol-expected.js';

export type NetpolListFormat = 'txt' | 'json' | 'csv' | 'md';

interface Triple {
  readonly src: string;
  readonly dst: string;
  readonly conn: string;
}

/** Text lines `src => dst : conn`, one per triple, kept at their line numbers (`undefined` for frame lines). */
function asConnlist(rows: readonly (Triple | undefined)[], problems: readonly { line: number; text: string; reason: string }[]): ExpectedConnlist {
  const parsed = parseNetpolConnlist(rows.map((r) => (r === undefined ? '' : `${r.src} => ${r.dst} : ${r.conn}`)).join('\n'));
  return { lines: parsed.lines, problems: [...problems, ...parsed.problems] };
}

/** Splits one CSV record (RFC 4180 quoting, no newlines inside fields); undefined when malformed. */
export function splitCsvRecord(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i];
        i++;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line[i] !== ',') return undefined;
      i++;
      continue;
    }
    const comma = line.indexOf(',', i);
    if (comma < 0) {
      fields.push(line.slice(i));
      return fields;
    }
    fields.push(line.slice(i, comma));
    i = comma + 1;
  }
}

/** Text before an exposure section, split in lines. */
function listLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const end = lines.findIndex((l) => l.trim() === EXPOSURE_MARKER);
  return end < 0 ? lines : lines.slice(0, end);
}

export function parseNetpolCsv(text: string): ExpectedConnlist {
  const problems: { line: number; text: string; reason: string }[] = [];
  const rows: (Triple | undefined)[] = [];
  listLines(text).forEach((line, i) => {
    if (i === 0) {
      if (line !== 'src,dst,conn') problems.push({ line: 1, text: line, reason: 'the csv header is not "src,dst,conn"' });
      rows.push(undefined);
      return;
    }
    if (line.trim() === '') return void rows.push(undefined);
    const f = splitCsvRecord(line);
    if (f === undefined || f.length !== 3) {
      problems.push({ line: i + 1, text: line, reason: 'not a csv record of three fields' });
      return void rows.push(undefined);
    }
    rows.push({ src: f[0]!, dst: f[1]!, conn: f[2]! });
  });
  return asConnlist(rows, problems);
}

export function parseNetpolMd(text: string): ExpectedConnlist {
  const problems: { line: number; text: string; reason: string }[] = [];
  const rows: (Triple | undefined)[] = [];
  listLines(text).forEach((line, i) => {
    if (i === 0 || i === 1) {
      const want = i === 0 ? '| src | dst | conn |' : '|-----|-----|------|';
      if (line !== want) problems.push({ line: i + 1, text: line, reason: `the md table ${i === 0 ? 'header' : 'rule'} is not "${want}"` });
      rows.push(undefined);
      return;
    }
    if (line.trim() === '') return void rows.push(undefined);
    const m = /^\| (.*) \| (.*) \| (.*) \|$/.exec(line);
    if (m === null) {
      problems.push({ line: i + 1, text: line, reason: 'not a table row "| src | dst | conn |"' });
      return void rows.push(undefined);
    }
    rows.push({ src: m[1]!, dst: m[2]!, conn: m[3]! });
  });
  return asConnlist(rows, problems);
}

export function parseNetpolJson(text: string): ExpectedConnlist {
  const body = text.split(EXPOSURE_MARKER)[0] ?? '';
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return { lines: [], problems: [{ line: 1, text: body.slice(0, 60), reason: `not JSON: ${(err as Error).message}` }] };
  }
  if (!Array.isArray(value)) return { lines: [], problems: [{ line: 1, text: body.slice(0, 60), reason: 'not a JSON array' }] };
  const problems: { line: number; text: string; reason: string }[] = [];
  const rows: (Triple | undefined)[] = value.map((item: unknown, i) => {
    const o = item as Partial<Record<string, unknown>> | null;
    if (o === null || typeof o !== 'object' || typeof o['src'] !== 'string' || typeof o['dst'] !== 'string' || typeof o['conn'] !== 'string') {
      problems.push({ line: i + 1, text: JSON.stringify(item), reason: 'not an object of strings src, dst, conn' });
      return undefined;
    }
    return { src: o['src'], dst: o['dst'], conn: o['conn'] };
  });
  return asConnlist(rows, problems);
}

export function parseNetpolList(text: string, format: NetpolListFormat): ExpectedConnlist {
  switch (format) {
    case 'txt':
      return parseNetpolConnlist(text);
    case 'json':
      return parseNetpolJson(text);
    case 'csv':
      return parseNetpolCsv(text);
    case 'md':
      return parseNetpolMd(text);
  }
}
