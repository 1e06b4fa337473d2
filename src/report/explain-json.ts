// `netproof explain --format json`: one packet, both parties, the path layer
// by layer, the reply (TCP only) and the assumptions (schema: docs/json-schema.md).

import { formatIpv4 } from '../model/ip.js';
import type { WitnessParty } from '../queries/answer.js';
import type { Explanation } from './explain-text.js';
import { assumptionJson, envelope, packetJson, pathJson, type Json } from './json-values.js';

function partyJson(p: WitnessParty): Json {
  return { kind: p.id === 'internet' ? 'internet' : 'endpoint', id: p.id, name: p.name, ip: formatIpv4(p.ip) };
}

export function explanationJson(e: Explanation, inputs: readonly string[]): Json {
  return envelope('explain', {
    inputs: [...inputs],
    packet: packetJson(e.packet),
    src: partyJson(e.src),
    dst: partyJson(e.dst),
    allowed: e.path.allowed,
    path: pathJson(e.path),
    reply: e.reply === undefined ? null : pathJson(e.reply),
    assumptions: e.assumptions.map(assumptionJson),
  });
}
