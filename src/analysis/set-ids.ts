// Small ids for interval sets, equal exactly for equal sets (compared by
// their canonical text, built once per set object), so memo keys made of
// sets can be tuples of numbers. An absent set (no condition) has id -1.

import type { IntervalSet } from '../model/intervals.js';

export class SetIds {
  /** The id of an absent set. */
  static readonly NONE = -1;
  private readonly ofObject = new Map<IntervalSet, number>();
  private readonly ofText = new Map<string, number>();

  id(s: IntervalSet | undefined): number {
    if (s === undefined) return SetIds.NONE;
    let id = this.ofObject.get(s);
    if (id === undefined) {
      const text = s.key();
      id = this.ofText.get(text);
      if (id === undefined) {
        id = this.ofText.size;
        this.ofText.set(text, id);
      }
      this.ofObject.set(s, id);
    }
    return id;
  }
}
