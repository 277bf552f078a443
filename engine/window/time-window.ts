/**
 * Time windows `[start, end)` (Flink's TimeWindow) and the arithmetic assigners share: the
 * window start with an offset, and the merging of overlapping or touching windows.
 */

/**
 * A half-open interval of event or processing time. Invariant: `start < end` for windows an
 * assigner produces; `maxTimestamp() = end - 1` is the last instant inside it, and `ns` is the
 * state/timer namespace that identifies it (`"start:end"`).
 */
export class TimeWindow {
  readonly ns: string;

  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    this.ns = `${start}:${end}`;
  }

  maxTimestamp(): number {
    return this.end - 1;
  }

  /** True when the windows overlap or touch (`[0,3)` and `[3,5)` intersect): sessions merge them. */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  /** The smallest window covering both. */
  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  equals(other: TimeWindow): boolean {
    return this.start === other.start && this.end === other.end;
  }

  toString(): string {
    return `TimeWindow[${this.start}, ${this.end})`;
  }
}

/**
 * The start of the window of length `size` containing `timestamp`, with windows aligned to
 * `offset`. The remainder is taken towards −∞ (Java's `%` corrected for negatives), so
 * size 7, offset 3 gives 1 → −4, 3 → 3, 10 → 10.
 */
export function windowStartWithOffset(timestamp: number, offset: number, size: number): number {
  const remainder = (timestamp - offset) % size;
  return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
}

/** Called once per group of ≥ 2 windows that merge into `result`. */
export type MergeCallback = (toBeMerged: TimeWindow[], result: TimeWindow) => void;

/**
 * Groups windows that overlap or touch, after sorting them by start (stable), and reports each
 * group of two or more distinct windows. Identical windows count once, as in Flink's set-based
 * grouping.
 */
export function mergeTimeWindows(windows: readonly TimeWindow[], callback: MergeCallback): void {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  let cover: TimeWindow | null = null;
  let members: TimeWindow[] = [];
  const flush = () => {
    if (cover !== null && members.length > 1) callback(members, cover);
  };
  for (const w of sorted) {
    if (cover?.intersects(w)) {
      cover = cover.cover(w);
      if (!members.some((m) => m.equals(w))) members.push(w);
    } else {
      flush();
      cover = w;
      members = [w];
    }
  }
  flush();
}
