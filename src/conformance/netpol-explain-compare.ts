// netpol-analyzer's `--explain` output (`<case>_explain_output.txt`) against
// netproof's `matrix --explain`: the same pairs explained, the same pairs
// listed as allowed by the system default, and per pair the same groups of
// connections (`Allowed TCP:[8080], UDP:[53] due to …`, `Denied …`). The
// wording of the individual reasons differs on purpose (netproof names the
// rule and its file and line) and is not compared.

export interface ParsedExplain {
  /** `src => dst` → its group lines, sorted. */
  readonly pairs: ReadonlyMap<string, readonly string[]>;
  /** Pairs listed under "All Connections due to the system default (Allow all)". */
  readonly byDefault: ReadonlySet<string>;
}

const PAIR = /^Connections between (.*):$/;
const DEFAULT_TITLE = '# All Connections due to the system default (Allow all) #';

export function parseExplain(text: string): ParsedExplain {
  const pairs = new Map<string, string[]>();
  const byDefault = new Set<string>();
  let current: string[] | undefined;
  let inDefault = false;
  for (const line of text.split(/\r?\n/)) {
    const m = PAIR.exec(line);
    if (m !== null) {
      current = [];
      pairs.set(m[1]!, current);
      continue;
    }
    if (line.startsWith('#')) {
      current = undefined;
      if (line === DEFAULT_TITLE) inDefault = true;
      continue;
    }
    if (inDefault && line.includes(' => ')) byDefault.add(line.trim());
    else if (current !== undefined && line.startsWith('\t') && !line.startsWith('\t\t')) current.push(line.trim());
  }
  for (const groups of pairs.values()) groups.sort();
  return { pairs, byDefault };
}

/** Differences, one text each; empty when the explanations agree. */
export function compareExplains(expected: ParsedExplain, computed: ParsedExplain): string[] {
  const diffs: string[] = [];
  for (const k of [...new Set([...expected.pairs.keys(), ...computed.pairs.keys()])].sort()) {
    const want = expected.pairs.get(k);
    const got = computed.pairs.get(k);
    if (want === undefined) diffs.push(`${k}: explained, but netpol-analyzer does not explain it`);
    else if (got === undefined) diffs.push(`${k}: not explained (expected ${want.join(' / ')})`);
    else if (want.join('\n') !== got.join('\n')) diffs.push(`${k}: expected ${want.join(' / ')}; computed ${got.join(' / ')}`);
  }
  for (const k of [...new Set([...expected.byDefault, ...computed.byDefault])].sort()) {
    if (expected.byDefault.has(k) !== computed.byDefault.has(k)) {
      diffs.push(`${k}: ${expected.byDefault.has(k) ? 'expected' : 'not expected'} under the system default (Allow all)`);
    }
  }
  return diffs;
}
