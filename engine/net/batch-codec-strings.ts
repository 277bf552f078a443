/**
 * The per-batch string table of the encoder: each distinct string of a batch gets one index,
 * and the table is written once (layout in `batch-codec-format.ts`).
 */
import { H, align8 } from './batch-codec-format.js';
import type { BatchWriter } from './batch-codec-writer.js';

/** Returned instead of an end offset when a string has a lone surrogate: the batch must go as JSON. */
export const ILL_FORMED = -1;
/** Distinct strings remembered across batches before the map is cleared. */
const MAX_REMEMBERED = 1 << 16;

/**
 * Interns the strings of one batch at a time. The map string → slot lives across batches, so a
 * string seen before costs one lookup, not an insertion (clearing and refilling a Map per batch
 * cost 3× more); `stamps[slot]` tells whether the slot was used in this batch and
 * `tableIndex[slot]` is then its index in this batch's table.
 */
export class StringTable {
  /** This batch's distinct strings, in index order. */
  readonly strings: string[] = [];
  /** Their total length in UTF-16 units: the table's UTF-8 size when all are ASCII. */
  units = 0;
  private readonly slots = new Map<string, number>();
  private stamps = new Uint32Array(1024);
  private tableIndex = new Uint32Array(1024);
  private stamp = 0;

  get count(): number {
    return this.strings.length;
  }

  /** Starts an empty table for the next batch. */
  start(): void {
    this.strings.length = 0;
    this.units = 0;
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0 || this.slots.size > MAX_REMEMBERED) {
      this.slots.clear();
      this.stamp = 1;
    }
  }

  /** The index of `s` in this batch's table, adding it if new. */
  intern(s: string): number {
    const slot = this.slots.get(s);
    if (slot !== undefined) {
      if (this.stamps[slot] === this.stamp) return this.tableIndex[slot]!;
      return this.add(s, slot);
    }
    const fresh = this.slots.size;
    if (fresh >= this.stamps.length) this.growSlots();
    this.slots.set(s, fresh);
    return this.add(s, fresh);
  }

  private add(s: string, slot: number): number {
    this.stamps[slot] = this.stamp;
    this.tableIndex[slot] = this.strings.length;
    this.units += s.length;
    return this.strings.push(s) - 1;
  }

  private growSlots(): void {
    const stamps = new Uint32Array(this.stamps.length * 2);
    stamps.set(this.stamps);
    this.stamps = stamps;
    const index = new Uint32Array(this.tableIndex.length * 2);
    index.set(this.tableIndex);
    this.tableIndex = index;
  }

  /**
   * Writes the table at `off` (8-aligned) and its place into the header. Returns the 8-aligned
   * end, `off` itself when the table is empty, or ILL_FORMED.
   */
  write(w: BatchWriter, off: number): number {
    const strings = this.strings;
    const count = strings.length;
    if (count === 0) return off;
    const textOff = align8(off + 4 * count);
    if (w.u8.length < textOff + this.units) w.grow(textOff + this.units);
    const ends = w.u32;
    let e = off >>> 2;
    let units = 0;
    for (let k = 0; k < count; k++) {
      units += strings[k]!.length;
      ends[e++] = units;
    }
    let u8 = w.u8;
    let p = textOff;
    let left = units;
    for (let k = 0; k < count; k++) {
      // Copying ASCII by hand is ~2× faster than joining the strings for one TextEncoder call.
      const s = strings[k]!;
      const len = s.length;
      left -= len;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        u8[p + i] = c;
      }
      if (i === len) {
        p += len;
        continue;
      }
      if (!isWellFormed(s)) return ILL_FORMED;
      p = w.writeText(s, p);
      if (w.u8.length < p + left) w.grow(p + left);
      u8 = w.u8;
    }
    const head = w.u32;
    head[H.stringsOffset] = off;
    head[H.stringsBytes] = p - textOff;
    head[H.stringCount] = count;
    return align8(p);
  }
}

const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False when `s` holds a lone surrogate, which TextEncoder would replace by U+FFFD. */
function isWellFormed(s: string): boolean {
  return nativeIsWellFormed !== undefined ? nativeIsWellFormed.call(s) : !LONE_SURROGATE.test(s);
}
