// `netproof explain <estate...> --src IP --dst IP`: the fate of one concrete
// packet, layer by layer, straight from the concrete evaluator (no solver),
// and for TCP whether the reply gets back through the stateless layers.

import { Command } from 'commander';
import type { Assumption, Estate } from '../../model/estate.js';
import { formatIpv4 } from '../../model/ip.js';
import { PROTO } from '../../model/packet.js';
import { loadEstate } from '../../ingest/load.js';
import type { WitnessParty } from '../../queries/answer.js';
import { endpointByAddress, evaluatePath, evaluateReply, type Party } from '../../semantics/evaluate.js';
import { explanationJson } from '../../report/explain-json.js';
import { formatExplanation, type Explanation } from '../../report/explain-text.js';
import { stringifyJson } from '../../report/json-values.js';
import { configureCommand } from '../configure.js';
import { hasErrors, printDiagnostics } from '../diagnostics-output.js';
import type { RunOutcome } from '../exit-code.js';
import { printErr, printOut, type CliIo } from '../io.js';
import { formatOption, outputOptions, styleFor, type OutputOptions } from '../options.js';
import { parsePacketOptions, type PacketOptions } from '../packet-options.js';

export interface ExplainOptions extends OutputOptions, PacketOptions {
  readonly srcEndpoint?: string;
  readonly dstEndpoint?: string;
}

type Located = { ok: true; party: Party; shown: WitnessParty; note?: string } | { ok: false; error: string };

/**
 * An address is an endpoint's, or on the internet, or nothing netproof can
 * place. Several endpoints may hold one address (pods may take any free
 * address of their subnet): `wanted` (a name or id) picks one, else the first
 * is taken and `note` says so.
 */
export function locateAddress(estate: Estate, ip: number, option: string, wanted?: string): Located {
  const owners = estate.endpoints.filter((e) => e.addresses.has(ip));
  if (wanted !== undefined) {
    const chosen = owners.find((e) => e.name === wanted || e.id === wanted);
    if (chosen !== undefined) return { ok: true, party: { kind: 'endpoint', endpoint: chosen }, shown: { id: chosen.id, name: chosen.name, ip } };
    const holders = owners.length === 0 ? 'no endpoint holds it' : `it may be the address of ${owners.map((e) => e.name).join(', ')}`;
    return { ok: false, error: `${option}-endpoint ${wanted} does not hold ${option} ${formatIpv4(ip)} (${holders})` };
  }
  const endpoint = owners[0] ?? endpointByAddress(estate, ip);
  if (endpoint !== undefined) {
    const others = owners.length - 1;
    const note =
      others > 0
        ? `note: ${formatIpv4(ip)} may be the address of ${owners.length} endpoints (${owners
            .slice(0, 4)
            .map((e) => e.name)
            .join(', ')}${owners.length > 4 ? ', …' : ''}); explaining for ${endpoint.name}; choose with ${option}-endpoint <name>`
        : undefined;
    return { ok: true, party: { kind: 'endpoint', endpoint }, shown: { id: endpoint.id, name: endpoint.name, ip }, ...(note === undefined ? {} : { note }) };
  }
  if (estate.internet.has(ip)) return { ok: true, party: { kind: 'external' }, shown: { id: 'internet', name: 'internet', ip } };
  return {
    ok: false,
    error: `${option} ${formatIpv4(ip)} is no endpoint's address and not a public internet address (a private or reserved address outside the estate)`,
  };
}

function assumptionsFor(estate: Estate, ids: readonly string[]): Assumption[] {
  const known = new Map(estate.assumptions.map((a) => [a.id, a]));
  return [...new Set(ids)].map((id) => known.get(id) ?? { id, text: id });
}

function usage(io: CliIo, error: string): RunOutcome {
  printErr(io, [`error: ${error}`, `hint: run 'netproof explain --help' for usage`]);
  return { kind: 'usage' };
}

function badInput(io: CliIo, error: string): RunOutcome {
  printErr(io, [`error: ${error}`]);
  return { kind: 'bad-input' };
}

export async function runExplain(estatePaths: readonly string[], opts: ExplainOptions, io: CliIo): Promise<RunOutcome> {
  const parsed = parsePacketOptions(opts);
  if (!parsed.ok) return usage(io, parsed.error);
  const packet = parsed.packet;
  const loaded = await loadEstate(estatePaths);
  printDiagnostics(loaded.diagnostics, io, opts);
  if (loaded.estate === undefined || hasErrors(loaded.diagnostics)) return { kind: 'bad-input' };
  const estate = loaded.estate;
  const src = locateAddress(estate, packet.srcIp, '--src', opts.srcEndpoint);
  if (!src.ok) return badInput(io, src.error);
  const dst = locateAddress(estate, packet.dstIp, '--dst', opts.dstEndpoint);
  if (!dst.ok) return badInput(io, dst.error);
  const notes = [src.note, dst.note].filter((n): n is string => n !== undefined);
  if (notes.length > 0) printErr(io, notes);
  if (src.party.kind === 'external' && dst.party.kind === 'external') {
    return badInput(io, 'both addresses are on the internet; at least one must belong to an endpoint of the estate');
  }
  const path = evaluatePath(estate, packet, src.party, dst.party);
  const reply = packet.protocol === PROTO.TCP ? evaluateReply(estate, packet, src.party, dst.party) : undefined;
  const explanation: Explanation = {
    packet,
    src: src.shown,
    dst: dst.shown,
    path,
    ...(reply === undefined ? {} : { reply }),
    assumptions: assumptionsFor(estate, [...path.assumptions, ...(reply?.assumptions ?? [])]),
  };
  if (opts.format === 'json') io.stdout(stringifyJson(explanationJson(explanation, estate.sources)));
  else printOut(io, formatExplanation(explanation, styleFor(io, opts)));
  return { kind: 'reported' };
}

export function explainCommand(io: CliIo, onOutcome: (o: RunOutcome) => void): Command {
  const cmd = new Command('explain')
    .description('follow one concrete packet through every layer and say which rule decides each')
    .argument('<estate...>', 'files or folders of cloud inputs (aws ec2 describe-* JSON/YAML)')
    .requiredOption('--src <ip>', 'source address (an endpoint, or an internet address)')
    .requiredOption('--dst <ip>', 'destination address (an endpoint, or an internet address)')
    .option('--src-endpoint <name>', 'the endpoint (name or id) sending from --src, when several may hold it (pods share their subnet\'s addresses)')
    .option('--dst-endpoint <name>', 'the endpoint (name or id) receiving on --dst, when several may hold it')
    .option('--protocol <protocol>', 'tcp, udp, icmp, sctp or a number', 'tcp')
    .option('--port <port>', 'destination port (TCP, UDP, SCTP)')
    .option('--src-port <port>', 'source port (default 49152)')
    .option('--icmp-type <n>', 'ICMP type (default 8, echo request)')
    .option('--icmp-code <n>', 'ICMP code (default 0)')
    .addOption(formatOption());
  for (const o of outputOptions({ timing: false })) cmd.addOption(o);
  configureCommand(cmd, io, 'netproof explain');
  return cmd.action(async (paths: string[], opts: ExplainOptions) => {
    onOutcome(await runExplain(paths, opts, io));
  });
}
