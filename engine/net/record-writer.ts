/**
 * Writes one operator output to the channels of one physical edge: partitions records into
 * per-channel batches, sends a batch when full — at `batchSize` records, or at about
 * BATCH_BYTES on channels that encode, whichever comes first — and flushes every channel before
 * an event so events stay in order with the records before them.
 */
import { type BarrierEvent, BatchBuilder, type ChannelEvent, type ChannelSender } from './channel.js';
import { ALL_CHANNELS, type Partitioner } from './partitioner.js';

/** Encoded size a batch aims at on remote channels (Flink's network buffers are 32 KiB). */
export const BATCH_BYTES = 32 * 1024;
/** Batches are never cut smaller than this by the byte budget. */
const MIN_BATCH_RECORDS = 16;

export class RecordWriter {
  private readonly builders: BatchBuilder[];

  constructor(
    private readonly channels: ChannelSender[],
    private readonly partitioner: Partitioner,
    batchSize: number,
  ) {
    this.builders = channels.map(() => new BatchBuilder(batchSize));
  }

  /** `kind`: the record's row kind, absent for INSERT. */
  write(value: unknown, timestamp: number, kind?: number): void {
    const c = this.partitioner.select(value);
    if (c === ALL_CHANNELS) {
      for (let i = 0; i < this.builders.length; i++) if (this.builders[i]!.add(value, timestamp, kind)) this.sendBatch(i);
    } else if (this.builders[c]!.add(value, timestamp, kind)) {
      this.sendBatch(c);
    }
  }

  /** Sends `event` on every channel, after the records before it. */
  broadcastEvent(event: ChannelEvent): void {
    this.flush();
    for (const ch of this.channels) ch.send(event);
  }

  /**
   * Sends an unaligned barrier on every channel ahead of the records not yet delivered, and
   * returns copies of those records — the batches waiting for credit, then the partly filled
   * batch, channel by channel: the edge's in-flight output for the checkpoint. They are still
   * sent, after the barrier.
   */
  sendBarrierAhead(barrier: BarrierEvent): { values: unknown[]; timestamps: number[]; kinds?: number[] } {
    const values: unknown[] = [];
    const timestamps: number[] = [];
    const kinds: number[] = [];
    let changelog = false;
    const take = (b: { values: unknown[]; timestamps: Float64Array; kinds?: Uint8Array }, n: number) => {
      for (let k = 0; k < n; k++) {
        values.push(b.values[k]);
        timestamps.push(b.timestamps[k]!);
        const kind = b.kinds?.[k] ?? 0;
        if (kind !== 0) changelog = true;
        kinds.push(kind);
      }
    };
    for (let i = 0; i < this.channels.length; i++) {
      for (const batch of this.channels[i]!.sendAhead(barrier)) take(batch, batch.length);
      const partial = this.builders[i]!.peek();
      take(partial, partial.values.length);
    }
    return changelog ? { values, timestamps, kinds } : { values, timestamps };
  }

  /** The partitioner's position, between steps of the stepping host (`trace/`), when nothing is buffered. */
  saveRuntime(): number | null {
    if (this.buffered() > 0) throw new Error('the record writer holds a partly filled batch');
    return this.partitioner.save?.() ?? null;
  }

  loadRuntime(position: number | null): void {
    if (position !== null) this.partitioner.load?.(position);
  }

  /** Sends every partly filled batch. */
  flush(): void {
    for (let i = 0; i < this.builders.length; i++) if (this.builders[i]!.size > 0) this.sendBatch(i);
  }

  /** Records buffered and not yet sent. */
  buffered(): number {
    let n = 0;
    for (const b of this.builders) n += b.size;
    return n;
  }

  /** Buffers in use over buffers, averaged over the channels, 0…1. */
  bufferUsage(): number {
    if (this.channels.length === 0) return 0;
    let sum = 0;
    for (const ch of this.channels) sum += ch.bufferUsage();
    return sum / this.channels.length;
  }

  /** True when every channel has room for another item. */
  canSend(): boolean {
    for (const ch of this.channels) if (!ch.canSend()) return false;
    return true;
  }

  private sendBatch(i: number): void {
    const channel = this.channels[i]!;
    const builder = this.builders[i]!;
    channel.send(builder.take());
    // Records of the size the channel last encoded: cut the next batch near BATCH_BYTES.
    const bytes = channel.recordBytes;
    if (bytes !== undefined && bytes > 0) builder.limit = Math.max(MIN_BATCH_RECORDS, Math.min(builder.capacity, Math.floor(BATCH_BYTES / bytes)));
  }
}
