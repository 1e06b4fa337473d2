// State shared by the AWS converters: the diagnostics sink, the assumptions
// made so far (deduplicated by id), one IPv6 notice per file, and CIDR
// parsing that reports `invalid-cidr` with the corrected network address.

import type { DiagnosticSink } from '../../model/diagnostics.js';
import type { Assumption } from '../../model/estate.js';
import type { IntervalSet } from '../../model/intervals.js';
import { parseCidr, type CidrParse } from '../../model/ip.js';
import type { SourceLocation } from '../../model/provenance.js';

export class AwsContext {
  readonly assumptions: Assumption[] = [];
  /** Rule id → the security group a `UserIdGroupPairs` rule refers to (for members added later, e.g. pods). */
  readonly groupReferences = new Map<string, string>();
  private readonly assumptionIds = new Set<string>();
  private readonly ipv6Files = new Set<string>();
  private readonly cidrCache = new Map<string, CidrParse>();

  constructor(readonly sink: DiagnosticSink) {}

  /** Records an assumption once; returns its id for rules and answers. */
  assume(id: string, text: string, location?: SourceLocation): string {
    if (!this.assumptionIds.has(id)) {
      this.assumptionIds.add(id);
      this.assumptions.push(location === undefined ? { id, text } : { id, text, location });
    }
    return id;
  }

  /** One `ipv6-not-modeled` notice per file, naming the first place it occurs. */
  ipv6(what: string, location: SourceLocation): void {
    if (this.ipv6Files.has(location.file)) return;
    this.ipv6Files.add(location.file);
    this.sink.report(
      'ipv6-not-modeled',
      `${location.file}: IPv6 ${what} and any further IPv6 in this file are not modeled (they never match IPv4 packets)`,
      location,
    );
  }

  /**
   * The addresses of a CIDR block, or undefined after an `invalid-cidr` error.
   * `location` is only asked for when there is an error.
   */
  cidr(text: string, location: () => SourceLocation, what: string): IntervalSet | undefined {
    let parsed = this.cidrCache.get(text);
    if (parsed === undefined) {
      parsed = parseCidr(text);
      this.cidrCache.set(text, parsed);
    }
    if (parsed.ok) return parsed.range;
    return this.invalidCidr(parsed.reason, location(), what);
  }

  private invalidCidr(reason: string, location: SourceLocation, what: string): undefined {
    const where = location.pointer === undefined ? location.file : `${location.file}#${location.pointer}`;
    this.sink.report('invalid-cidr', `${where}: ${what}: ${reason}`, location);
    return undefined;
  }
}

/** The value of the Name tag, if any. */
export function nameTag(tags: readonly { Key: string; Value?: string | null | undefined }[] | null | undefined): string | undefined {
  const v = tags?.find((t) => t.Key === 'Name')?.Value;
  return v === undefined || v === null || v === '' ? undefined : v;
}

/** "sg-0abc (web)" or "sg-0abc" when unnamed. */
export function withName(id: string, name: string | undefined): string {
  return name === undefined || name === id ? id : `${id} (${name})`;
}
