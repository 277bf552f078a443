/**
 * The per-batch string table of the encoder: each distinct string of a batch gets one index,
 * and the table is written once (layout in `batch-codec-format.ts`). With a dictionary, a string
 * the channel already sent goes as its dictionary id instead of its text.
 */
import { DICTIONARY, DICTIONARY_MAX_ENTRIES, DICTIONARY_MAX_UNITS, DICTIONARY_RESET, H, REF_LITERAL, REF_NEW, align8 } from './batch-codec-format.js';
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
  /** Flags for the mode word of the batch last written (DICTIONARY, DICTIONARY_RESET). */
  modeFlags = 0;
  private readonly slots = new Map<string, number>();
  private stamps = new Uint32Array(1024);
  private tableIndex = new Uint32Array(1024);
  private stamp = 0;
  /** The slot of each of this batch's strings, in index order. */
  private readonly entrySlots: number[] = [];
  /** Dictionary id per slot, -1 when not in the dictionary (only with a dictionary). */
  private dictIds: Int32Array;
  /** Ids given so far: the receiver's dictionary size once the last batch written is read. */
  private dictSize = 0;
  /** The receiver must empty its dictionary before the next table it reads. */
  private resetPending = false;
  /** Slots added to the dictionary by the table being written (undone if it cannot be written). */
  private readonly added: number[] = [];

  /** @param dictionary keep a dictionary shared with the receiving end (one channel, in order) */
  constructor(readonly dictionary = false) {
    this.dictIds = new Int32Array(dictionary ? 1024 : 0).fill(-1);
  }

  get count(): number {
    return this.strings.length;
  }

  /** Strings in the channel's dictionary (what the receiver holds once it has read the last batch written). */
  get dictionarySize(): number {
    return this.dictSize;
  }

  /** Bytes the table takes at most beyond its UTF-8 text: offsets, references, padding. */
  get overheadBytes(): number {
    return (this.dictionary ? 8 : 4) * this.strings.length + 16;
  }

  /** Starts an empty table for the next batch. */
  start(): void {
    this.strings.length = 0;
    this.entrySlots.length = 0;
    this.units = 0;
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0 || this.slots.size > MAX_REMEMBERED) {
      this.slots.clear();
      this.stamp = 1;
      if (this.dictionary) this.resetDictionary();
    }
  }

  /** Forgets the dictionary; the next table written tells the receiver to do the same. */
  private resetDictionary(): void {
    this.dictIds.fill(-1);
    if (this.dictSize > 0) this.resetPending = true;
    this.dictSize = 0;
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
    this.entrySlots.push(slot);
    return this.strings.push(s) - 1;
  }

  private growSlots(): void {
    const stamps = new Uint32Array(this.stamps.length * 2);
    stamps.set(this.stamps);
    this.stamps = stamps;
    const index = new Uint32Array(this.tableIndex.length * 2);
    index.set(this.tableIndex);
    this.tableIndex = index;
    if (this.dictionary) {
      const ids = new Int32Array(this.dictIds.length * 2).fill(-1);
      ids.set(this.dictIds);
      this.dictIds = ids;
    }
  }

  /**
   * Writes the table at `off` (8-aligned) and its place into the header. Returns the 8-aligned
   * end, `off` itself when the table is empty, or ILL_FORMED.
   */
  write(w: BatchWriter, off: number): number {
    const strings = this.strings;
    const count = strings.length;
    this.modeFlags = 0;
    if (count === 0) return off;
    const dictionary = this.dictionary;
    const refsOff = off + 4 * count;
    const textOff = align8(dictionary ? refsOff + 4 * count : refsOff);
    if (w.u8.length < textOff + this.units) w.grow(textOff + this.units);
    const u32 = w.u32;
    let e = off >>> 2;
    let units = 0;
    if (dictionary) {
      const r = refsOff >>> 2;
      const ids = this.dictIds;
      this.added.length = 0;
      for (let k = 0; k < count; k++) {
        const slot = this.entrySlots[k]!;
        const id = ids[slot]!;
        const len = strings[k]!.length;
        if (id >= 0) {
          // Sent before: the id only; no text, so its end offset repeats the previous one.
          u32[r + k] = id;
        } else if (len <= DICTIONARY_MAX_UNITS && this.dictSize < DICTIONARY_MAX_ENTRIES) {
          u32[r + k] = REF_NEW;
          ids[slot] = this.dictSize++;
          this.added.push(slot);
          units += len;
        } else {
          u32[r + k] = REF_LITERAL;
          units += len;
        }
        u32[e++] = units;
      }
    } else {
      for (let k = 0; k < count; k++) {
        units += strings[k]!.length;
        u32[e++] = units;
      }
    }
    let u8 = w.u8;
    let p = textOff;
    let left = units;
    const refs = refsOff >>> 2;
    for (let k = 0; k < count; k++) {
      // A string the receiver has in its dictionary has no text (the reference was written above).
      if (dictionary && w.u32[refs + k]! < REF_NEW) continue;
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
      if (!isWellFormed(s)) return this.undoDictionary();
      p = w.writeText(s, p);
      if (w.u8.length < p + left) w.grow(p + left);
      u8 = w.u8;
    }
    const head = w.u32;
    head[H.stringsOffset] = off;
    head[H.stringsBytes] = p - textOff;
    head[H.stringCount] = count;
    if (dictionary) {
      this.modeFlags = this.resetPending ? DICTIONARY | DICTIONARY_RESET : DICTIONARY;
      this.resetPending = false;
    }
    return align8(p);
  }

  /** The table will not be sent (the batch goes as JSON): its strings were not added after all. */
  private undoDictionary(): number {
    for (const slot of this.added) this.dictIds[slot] = -1;
    this.dictSize -= this.added.length;
    this.added.length = 0;
    return ILL_FORMED;
  }
}

const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False when `s` holds a lone surrogate, which TextEncoder would replace by U+FFFD. */
function isWellFormed(s: string): boolean {
  return nativeIsWellFormed !== undefined ? nativeIsWellFormed.call(s) : !LONE_SURROGATE.test(s);
}
