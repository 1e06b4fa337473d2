// Turns a solver model into a witness people can check: concrete endpoints
// chosen from the model's classes (distinct endpoints on the two sides), the
// packet with their addresses, and the replay of that packet (and of its reply,
// for TCP) through the concrete evaluator. A witness the evaluator does not
// confirm is never shown: the caller turns the disagreement into an error.

import { NO_ADDRESS, type ClassMember } from '../model/classes.js';
import type { Estate } from '../model/estate.js';
import { HEADER_FIELD_NAMES, isWellFormed, PROTO, type Packet } from '../model/packet.js';
import { formatIpv4 } from '../model/ip.js';
import { evaluatePath, evaluateReply, type Party } from '../semantics/evaluate.js';
import type { Scene } from '../encode/scene.js';
import type { Witness, WitnessParty } from './answer.js';
import type { Values } from './witness-preference.js';

interface Chosen {
  readonly src: ClassMember | undefined;
  readonly dst: ClassMember | undefined;
}

/** Members for the two classes with distinct endpoints (undefined member = the internet). */
function chooseMembers(scene: Scene, srcClass: number, dstClass: number): Chosen | undefined {
  const members = (id: number): readonly (ClassMember | undefined)[] =>
    id === scene.internetClass ? [undefined] : (scene.classes[id]?.members ?? []);
  for (const s of members(srcClass)) {
    for (const d of members(dstClass)) {
      if (s !== undefined && d !== undefined && s.endpoint.index === d.endpoint.index) continue;
      return { src: s, dst: d };
    }
  }
  return undefined;
}

function party(m: ClassMember | undefined): Party {
  return m === undefined ? { kind: 'external' } : { kind: 'endpoint', endpoint: m.endpoint };
}

function witnessParty(m: ClassMember | undefined, ip: number): WitnessParty {
  return m === undefined
    ? { id: 'internet', name: `internet[${formatIpv4(ip)}]`, ip }
    : { id: m.endpoint.id, name: m.endpoint.name, ip };
}

/**
 * The member's lowest address, or the next one when that is the source's
 * (two pods placed in one subnet share its addresses; distinct pods never
 * share one). Every address of an atom is treated alike.
 */
function distinctAddress(m: ClassMember, srcIp: number): number {
  return m.ip === srcIp && m.hi > m.ip ? m.ip + 1 : m.ip;
}

export type Decoded =
  | { readonly ok: true; readonly witness: Witness }
  | { readonly ok: false; readonly reason: string };

/** Builds and replays the witness of a model. */
export function decodeWitness(estate: Estate, scene: Scene, values: Values): Decoded {
  const num = (name: string): number => {
    const x = values.get(name);
    if (typeof x !== 'number') throw new Error(`internal: the model has no value for ${name}`);
    return x;
  };
  const chosen = chooseMembers(scene, num('srcClass'), num('dstClass'));
  if (chosen === undefined) {
    return { ok: false, reason: `the solver chose classes ${num('srcClass')} → ${num('dstClass')}, which hold no distinct endpoints` };
  }
  const fields = Object.fromEntries(HEADER_FIELD_NAMES.map((n) => [n, num(n)])) as { -readonly [K in keyof Packet]: number };
  // An endpoint without addresses sends and receives with address 0.
  if (chosen.src !== undefined) fields.srcIp = chosen.src.ip === NO_ADDRESS ? 0 : chosen.src.ip;
  if (chosen.dst !== undefined) fields.dstIp = chosen.dst.ip === NO_ADDRESS ? 0 : distinctAddress(chosen.dst, fields.srcIp);
  const packet: Packet = fields;
  if (!isWellFormed(packet)) return { ok: false, reason: 'the solver produced a malformed packet' };
  const src = party(chosen.src);
  const dst = party(chosen.dst);
  const path = evaluatePath(estate, packet, src, dst);
  const base = { packet, src: witnessParty(chosen.src, packet.srcIp), dst: witnessParty(chosen.dst, packet.dstIp), path };
  const witness: Witness =
    packet.protocol === PROTO.TCP ? { ...base, reply: evaluateReply(estate, packet, src, dst) } : base;
  return { ok: true, witness };
}
