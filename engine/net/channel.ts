/**
 * Channels: the only way two subtasks talk. A channel carries, in order, record batches and
 * in-band events (watermarks, idle status, end of input, checkpoint barriers). The
 * sender may send only while `canSend()` is true: that bounded capacity is the credit that
 * back-pressures fast producers. The same interfaces front an in-memory queue (inline host,
 * or two subtasks in one worker) and a MessagePort (worker hosts).
 */

/**
 * Records in columns: values and their timestamps, `length` of them, and their row kinds (Flink's
 * RowKind byte per record) when any is not INSERT — absent, every record is an INSERT.
 */
export interface RecordBatch {
  readonly kind: 'batch';
  readonly values: unknown[];
  readonly timestamps: Float64Array;
  readonly length: number;
  readonly kinds?: Uint8Array;
}

/**
 * A checkpoint barrier: everything before it belongs to checkpoint `id`, everything after to the
 * next. An unaligned barrier (Flink's unaligned checkpoints) overtakes the data queued ahead of
 * it; the receiving end notes how many items it overtook, which then belong to the checkpoint's
 * in-flight data.
 */
export interface BarrierEvent {
  readonly kind: 'barrier';
  readonly id: number;
  readonly unaligned?: boolean;
  /** Set by the receiving end of an unaligned barrier: items it overtook in the receiver's queue. */
  readonly overtaken?: number;
}

export type ChannelEvent =
  | { readonly kind: 'watermark'; readonly watermark: number }
  | { readonly kind: 'idle'; readonly idle: boolean }
  | { readonly kind: 'end' }
  | BarrierEvent;

export type ChannelItem = RecordBatch | ChannelEvent;

export interface ChannelSender {
  /** True while the receiver has room (a credit) for one more item. */
  canSend(): boolean;
  send(item: ChannelItem): void;
  /**
   * Sends an unaligned barrier ahead of everything not yet delivered, without waiting for
   * credit, and returns the batches it overtook on the sender's side (they still follow it).
   */
  sendAhead(barrier: BarrierEvent): readonly RecordBatch[];
  /** Buffers in use (in flight or waiting for credit) over the channel's buffers, 0…1. */
  bufferUsage(): number;
  /** Encoded bytes per record of the last batch sent, for channels that encode (0 otherwise). */
  readonly recordBytes?: number;
}

/** Puts an unaligned barrier at the head of a receiver's queue (from index `head`), noting what it overtook. */
export function queueAhead<T>(queue: T[], head: number, barrier: BarrierEvent, wrap: (b: BarrierEvent) => T): void {
  queue.splice(head, 0, wrap({ ...barrier, overtaken: queue.length - head }));
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
  /** Row kinds, made at the first record that is not an INSERT: append-only streams never have one. */
  private kinds: Uint8Array | null = null;
  private count = 0;
  /** Records after which the batch is full: `capacity`, or fewer when records are large. */
  limit: number;

  constructor(readonly capacity: number) {
    this.values = new Array(capacity);
    this.timestamps = new Float64Array(capacity);
    this.limit = capacity;
  }

  /** Adds a record; returns true when the batch is full and must be sent. */
  add(value: unknown, timestamp: number, kind?: number): boolean {
    if (kind !== undefined && kind !== 0) (this.kinds ??= new Uint8Array(this.capacity))[this.count] = kind;
    this.values[this.count] = value;
    this.timestamps[this.count++] = timestamp;
    return this.count >= this.limit;
  }

  get size(): number {
    return this.count;
  }

  /** Copies of the records gathered so far (they stay in the builder). */
  peek(): { values: unknown[]; timestamps: Float64Array; kinds?: Uint8Array } {
    const copy = { values: this.values.slice(0, this.count), timestamps: this.timestamps.slice(0, this.count) };
    return this.kinds === null ? copy : { ...copy, kinds: this.kinds.slice(0, this.count) };
  }

  /** Takes the records gathered so far as a batch and starts a new one. */
  take(): RecordBatch {
    const n = this.count;
    let batch: RecordBatch;
    const kinds = this.kinds;
    if (n === this.capacity) {
      batch = { kind: 'batch', values: this.values, timestamps: this.timestamps, length: n, ...(kinds !== null ? { kinds } : {}) };
      this.values = new Array(this.capacity);
      this.timestamps = new Float64Array(this.capacity);
    } else {
      batch = { kind: 'batch', values: this.values.slice(0, n), timestamps: this.timestamps.slice(0, n), length: n, ...(kinds !== null ? { kinds: kinds.slice(0, n) } : {}) };
      // Let the records go: the builder's array would keep them alive until overwritten.
      this.values.fill(undefined, 0, n);
    }
    this.kinds = null;
    this.count = 0;
    return batch;
  }
}
