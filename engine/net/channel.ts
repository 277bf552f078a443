/**
 * Channels: the only way two subtasks talk. A channel carries, in order, record batches and
 * in-band events (watermarks, idle status, end of input; checkpoint barriers later). The
 * sender may send only while `canSend()` is true: that bounded capacity is the credit that
 * back-pressures fast producers. The same interfaces front an in-memory queue (inline host,
 * or two subtasks in one worker) and a MessagePort (worker hosts).
 */

/** Records in columns: values and their timestamps, `length` of them. */
export interface RecordBatch {
  readonly kind: 'batch';
  readonly values: unknown[];
  readonly timestamps: Float64Array;
  readonly length: number;
}

export type ChannelEvent =
  | { readonly kind: 'watermark'; readonly watermark: number }
  | { readonly kind: 'idle'; readonly idle: boolean }
  | { readonly kind: 'end' }
  /** A checkpoint barrier: everything before it belongs to checkpoint `id`, everything after to the next. */
  | { readonly kind: 'barrier'; readonly id: number };

export type ChannelItem = RecordBatch | ChannelEvent;

export interface ChannelSender {
  /** True while the receiver has room (a credit) for one more item. */
  canSend(): boolean;
  send(item: ChannelItem): void;
}

export interface ChannelReceiver {
  /** The next item, or undefined when none has arrived. */
  poll(): ChannelItem | undefined;
  /** True when `poll` would return an item. */
  hasItem(): boolean;
  /** Items received and not yet read, and how many may be in flight (credits): buffer usage. */
  readonly backlog: number;
  readonly capacity: number;
}

/**
 * Accumulates records for one channel and cuts batches. A full batch takes the builder's arrays
 * (sized once for `capacity` records, so adding never grows them); a partial one gets copies.
 */
export class BatchBuilder {
  private values: unknown[];
  private timestamps: Float64Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.values = new Array(capacity);
    this.timestamps = new Float64Array(capacity);
  }

  /** Adds a record; returns true when the batch is full and must be sent. */
  add(value: unknown, timestamp: number): boolean {
    this.values[this.count] = value;
    this.timestamps[this.count++] = timestamp;
    return this.count >= this.capacity;
  }

  get size(): number {
    return this.count;
  }

  /** Takes the records gathered so far as a batch and starts a new one. */
  take(): RecordBatch {
    const n = this.count;
    let batch: RecordBatch;
    if (n === this.capacity) {
      batch = { kind: 'batch', values: this.values, timestamps: this.timestamps, length: n };
      this.values = new Array(this.capacity);
      this.timestamps = new Float64Array(this.capacity);
    } else {
      batch = { kind: 'batch', values: this.values.slice(0, n), timestamps: this.timestamps.slice(0, n), length: n };
      // Let the records go: the builder's array would keep them alive until overwritten.
      this.values.fill(undefined, 0, n);
    }
    this.count = 0;
    return batch;
  }
}
