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

/** Keys whose channel a KeyGroupPartitioner remembers; later new keys are hashed every time. */
export const KEY_CHANNEL_CACHE_SIZE = 8192;

/**
 * By key group of the record's key: the subtask owning that key group. The key selector runs for
 * every record, even with one channel, so a key function that throws fails the same way at any
 * parallelism.
 *
 * The channel of a string or number key is remembered (up to KEY_CHANNEL_CACHE_SIZE keys, the
 * first ones seen): a Map lookup, whose string hash V8 keeps in the string, costs about half of
 * murmur3 over the key's text, and most streams have far fewer hot keys than that. Map keys are
 * SameValueZero, so `1` and `"1"` stay apart, and -0 shares 0's entry, as its key group does.
 */
export class KeyGroupPartitioner implements Partitioner {
  private readonly channelOfKey = new Map<string | number, number>();

  constructor(
    private readonly keyOf: (value: unknown) => unknown,
    private readonly maxParallelism: number,
    private readonly channels: number,
  ) {}
  select(value: unknown): number {
    const key = this.keyOf(value);
    if (typeof key === 'string' || typeof key === 'number') {
      // One channel owns every key group; only object keys are hashed still, as their canonical
      // JSON is what can fail (a BigInt inside, say).
      if (this.channels === 1) return 0;
      const known = this.channelOfKey.get(key);
      if (known !== undefined) return known;
      const c = subtaskForKeyGroup(keyGroupOf(key, this.maxParallelism), this.maxParallelism, this.channels);
      if (this.channelOfKey.size < KEY_CHANNEL_CACHE_SIZE) this.channelOfKey.set(key, c);
      return c;
    }
    return subtaskForKeyGroup(keyGroupOf(key, this.maxParallelism), this.maxParallelism, this.channels);
  }
}
