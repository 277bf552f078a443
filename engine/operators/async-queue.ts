/**
 * The queues of asyncMap (Flink's OrderedStreamElementQueue and UnorderedStreamElementQueue):
 * the records whose requests are in flight, with the watermarks between them, in the order their
 * results may leave.
 *
 * - ordered: an entry leaves only when it and every entry before it are done — records in input
 *   order, watermarks where they came;
 * - unordered: watermarks cut the stream into segments; a record leaves as soon as it is done,
 *   but only once every entry of the segments before its own has left. So records overtake
 *   each other only between two watermarks, and a watermark never overtakes a record before it
 *   nor is overtaken by one after it.
 *
 * Every entry counts against the capacity, watermarks too (as in Flink).
 */
import type { Cause } from './tracer.js';

/** A record waiting for its request: `results` is set when the request completed. */
export interface RecordEntry {
  readonly kind: 'record';
  readonly value: unknown;
  readonly timestamp: number;
  /** Input order, for snapshots. */
  readonly seq: number;
  /** The records it produced, once done; null while in flight. */
  results: unknown[] | null;
  /** The unordered queue's segment holding it. */
  segment?: Segment;
  /** While traced: the source element behind the record (what its results are caused by). */
  readonly cause?: Cause | null;
}

export interface WatermarkEntry {
  readonly kind: 'watermark';
  readonly watermark: number;
  readonly seq: number;
  /** While traced: the source element that produced the watermark. */
  readonly cause?: Cause | null;
}

export type QueueEntry = RecordEntry | WatermarkEntry;

interface Segment {
  readonly watermark: WatermarkEntry | null;
  /** Records in flight. */
  readonly pending: Set<RecordEntry>;
  /** Done records in completion order, not yet emitted. */
  readonly done: RecordEntry[];
}

/** What both queues offer the operator. */
export interface AsyncQueue {
  /** Entries not yet emitted, in flight or done. */
  readonly size: number;
  add(entry: QueueEntry): void;
  /** `entry.results` was just set: it may leave when its turn comes. */
  completed(entry: RecordEntry): void;
  /** Hands every entry that may leave now to `emit`, in order, and drops it. */
  emitReady(emit: (entry: QueueEntry) => void): void;
  /** Every entry not yet emitted, in input order (what a snapshot keeps). */
  values(): QueueEntry[];
  /** The records done and not yet emitted, in the order they completed (the unordered queue emits them so). */
  doneInOrder(): RecordEntry[];
}

export function createAsyncQueue(mode: 'ordered' | 'unordered'): AsyncQueue {
  return mode === 'ordered' ? new OrderedQueue() : new UnorderedQueue();
}

class OrderedQueue implements AsyncQueue {
  private readonly entries: QueueEntry[] = [];
  private head = 0;

  get size(): number {
    return this.entries.length - this.head;
  }

  add(entry: QueueEntry): void {
    this.entries.push(entry);
  }

  completed(_entry: RecordEntry): void {}

  emitReady(emit: (entry: QueueEntry) => void): void {
    const entries = this.entries;
    while (this.head < entries.length) {
      const e = entries[this.head]!;
      if (e.kind === 'record' && e.results === null) break;
      this.head++;
      emit(e);
    }
    // Compact now and then rather than shifting per entry.
    if (this.head > 64 && this.head * 2 > entries.length) {
      entries.splice(0, this.head);
      this.head = 0;
    }
  }

  values(): QueueEntry[] {
    return this.entries.slice(this.head);
  }

  doneInOrder(): RecordEntry[] {
    return this.values().filter((e): e is RecordEntry => e.kind === 'record' && e.results !== null);
  }
}

class UnorderedQueue implements AsyncQueue {
  private readonly segments: Segment[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(entry: QueueEntry): void {
    this.count++;
    if (entry.kind === 'watermark') {
      this.segments.push({ watermark: entry, pending: new Set(), done: [] });
      return;
    }
    let last = this.segments[this.segments.length - 1];
    if (last === undefined || last.watermark !== null) {
      last = { watermark: null, pending: new Set(), done: [] };
      this.segments.push(last);
    }
    entry.segment = last;
    if (entry.results === null) last.pending.add(entry);
    else last.done.push(entry);
  }

  completed(entry: RecordEntry): void {
    const s = entry.segment!;
    if (s.pending.delete(entry)) s.done.push(entry);
  }

  emitReady(emit: (entry: QueueEntry) => void): void {
    const segments = this.segments;
    while (segments.length > 0) {
      const s = segments[0]!;
      if (s.watermark !== null) {
        segments.shift();
        this.count--;
        emit(s.watermark);
        continue;
      }
      for (let i = 0; i < s.done.length; i++) {
        this.count--;
        emit(s.done[i]!);
      }
      s.done.length = 0;
      // A segment still waiting holds back everything after it.
      if (s.pending.size > 0) return;
      segments.shift();
    }
  }

  values(): QueueEntry[] {
    const out: QueueEntry[] = [];
    for (const s of this.segments) {
      if (s.watermark !== null) out.push(s.watermark);
      else out.push(...[...s.pending, ...s.done].sort((a, b) => a.seq - b.seq));
    }
    return out;
  }

  doneInOrder(): RecordEntry[] {
    return this.segments.flatMap((s) => s.done);
  }
}
