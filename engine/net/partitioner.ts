/**
 * Partitioners pick the channel(s) a record goes to (Flink's StreamPartitioner). Channel `i` of
 * a writer leads to the i-th downstream subtask it is wired to.
 */
import { keyGroupOf, subtaskForKeyGroup } from '../state/key-groups.js';

/** Returned by `select` to send a record to every channel. */
export const ALL_CHANNELS = -1;

export interface Partitioner {
  /** The channel for this record, or ALL_CHANNELS. */
  select(value: unknown): number;
  /** Where a partitioner with a position (round-robin, a random sequence) is, for stepping back (`trace/`). */
  save?(): number;
  load?(position: number): void;
}

/** One channel: the subtask with the same index downstream. */
export class ForwardPartitioner implements Partitioner {
  select(): number {
    return 0;
  }
}

/** Round-robin over the channels, starting at this subtask's index so subtasks spread out. */
export class RebalancePartitioner implements Partitioner {
  private next: number;
  constructor(
    private readonly channels: number,
    start: number,
  ) {
    this.next = start % channels;
  }
  select(): number {
    const c = this.next;
    this.next = c + 1 === this.channels ? 0 : c + 1;
    return c;
  }
  save(): number {
    return this.next;
  }
  load(position: number): void {
    this.next = position;
  }
}

export class BroadcastPartitioner implements Partitioner {
  select(): number {
    return ALL_CHANNELS;
  }
}

/** Uniformly random channel, from a seeded generator so runs repeat. */
export class ShufflePartitioner implements Partitioner {
  private state: number;
  constructor(
    private readonly channels: number,
    seed: number,
  ) {
    this.state = (seed * 0x9e3779b1) | 0 || 1;
  }
  save(): number {
    return this.state;
  }
  load(position: number): void {
    this.state = position;
  }
  select(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return (x >>> 0) % this.channels;
  }
}

/**
 * By key group of the record's key: the subtask owning that key group. The key selector runs for
 * every record, even with one channel, so a key function that throws fails the same way at any
 * parallelism.
 */
export class KeyGroupPartitioner implements Partitioner {
  constructor(
    private readonly keyOf: (value: unknown) => unknown,
    private readonly maxParallelism: number,
    private readonly channels: number,
  ) {}
  select(value: unknown): number {
    const key = this.keyOf(value);
    // One channel owns every key group; only object keys are hashed still, as their canonical
    // JSON is what can fail (a BigInt inside, say).
    if (this.channels === 1 && (typeof key === 'string' || typeof key === 'number')) return 0;
    return subtaskForKeyGroup(keyGroupOf(key, this.maxParallelism), this.maxParallelism, this.channels);
  }
}
