/**
 * A channel between subtasks in different threads, over a MessagePort, with Flink-style
 * credit-based flow control. The receiver grants one credit per exclusive buffer; the sender
 * sends a batch only against a credit, as one binary ArrayBuffer transferred (never structured
 * clone of records), and announces its backlog. When the receiver has read a batch it sends the
 * buffer itself back — that is the new credit, and the sender encodes its next batch into it.
 *
 * A task cannot block in the middle of a step, so a sender with no credit keeps what it must
 * send in a short local queue (in order, events included) and reports `canSend() === false`,
 * which stops its task from starting more work: memory stays bounded by one step's output.
 */
import { BatchDecoder, BatchEncoder } from './batch-codec.js';
import { type BarrierEvent, type ChannelEvent, type ChannelItem, type ChannelReceiver, type ChannelSender, type RecordBatch, queueAhead } from './channel.js';

/** The part of a MessagePort a channel needs; browser and Node ports both have it. */
export interface PortLike {
  postMessage(message: unknown, transfer?: any[]): void;
  addEventListener(type: 'message', listener: (event: { data: any }) => void): void;
  start?(): void;
  close(): void;
}

type WireMessage =
  | { t: 'batch'; buf: ArrayBuffer; n: number; backlog: number }
  | { t: 'event'; e: ChannelEvent }
  | { t: 'credit'; n: number; buf?: ArrayBuffer };

/** Traffic counters of one channel end. */
export interface ChannelCounters {
  batches: number;
  bytes: number;
  records: number;
  /** Sender: batches that had to wait in its queue for a credit. */
  waitedForCredit?: number;
}

export class PortChannelSender implements ChannelSender {
  private credits = 0;
  /** Credits granted in all (the receiver's exclusive buffers): the most it may have in flight. */
  private buffers = 0;
  private readonly pool: ArrayBuffer[] = [];
  private readonly pending: ChannelItem[] = [];
  /** With the channel's string dictionary: keys already sent go as ids and decode to one string each. */
  private readonly encoder = new BatchEncoder({ dictionary: true });
  readonly counters: ChannelCounters = { batches: 0, bytes: 0, records: 0, waitedForCredit: 0 };
  /** Encoded bytes per record of the last batch posted. */
  recordBytes = 0;
  /** Credits currently held: batches it may send now. */
  get availableCredits(): number {
    return this.credits;
  }

  /** @param onCredit called when credit arrives (the owner wakes its scheduler) */
  constructor(
    private readonly port: PortLike,
    private readonly onCredit: () => void = () => {},
  ) {
    port.addEventListener('message', (event) => {
      const m = event.data as WireMessage;
      if (m.t !== 'credit') return;
      this.credits += m.n;
      // The first grant is the receiver's buffer count; later credits return buffers.
      if (m.buf === undefined) this.buffers += m.n;
      else this.pool.push(m.buf);
      this.drain();
      this.onCredit();
    });
    port.start?.();
  }

  canSend(): boolean {
    return this.credits > 0 && this.pending.length === 0;
  }

  send(item: ChannelItem): void {
    if (this.pending.length > 0 || (item.kind === 'batch' && this.credits === 0)) {
      if (item.kind === 'batch') this.counters.waitedForCredit!++;
      this.pending.push(item);
    } else this.post(item);
  }

  bufferUsage(): number {
    if (this.buffers === 0) return this.pending.length > 0 ? 1 : 0;
    let waiting = 0;
    for (const item of this.pending) if (item.kind === 'batch') waiting++;
    return Math.min(1, (this.buffers - this.credits + waiting) / this.buffers);
  }

  /** An unaligned barrier needs no credit and waits for nothing: what is pending follows it. */
  sendAhead(barrier: BarrierEvent): readonly RecordBatch[] {
    this.port.postMessage({ t: 'event', e: barrier } satisfies WireMessage);
    const overtaken: RecordBatch[] = [];
    for (const item of this.pending) if (item.kind === 'batch') overtaken.push(item);
    return overtaken;
  }

  /** Items waiting for credit. */
  get backlog(): number {
    return this.pending.length;
  }

  private drain(): void {
    while (this.pending.length > 0) {
      const next = this.pending[0]!;
      if (next.kind === 'batch' && this.credits === 0) return;
      this.pending.shift();
      this.post(next);
    }
  }

  private post(item: ChannelItem): void {
    if (item.kind !== 'batch') {
      this.port.postMessage({ t: 'event', e: item } satisfies WireMessage);
      return;
    }
    const { buffer, byteLength } = this.encoder.encode(item.values, item.timestamps, item.length, this.pool.pop(), item.kinds);
    this.credits--;
    this.counters.batches++;
    this.counters.bytes += byteLength;
    this.counters.records += item.length;
    if (item.length > 0) this.recordBytes = byteLength / item.length;
    this.port.postMessage({ t: 'batch', buf: buffer, n: byteLength, backlog: this.pending.length } satisfies WireMessage, [buffer]);
  }
}

export class PortChannelReceiver implements ChannelReceiver {
  private readonly queue: Array<{ buf: ArrayBuffer; n: number } | ChannelEvent> = [];
  private head = 0;
  /** Decodes every batch, in order (an unaligned barrier overtakes batches, never reorders them). */
  private readonly decoder = new BatchDecoder();
  readonly counters: ChannelCounters = { batches: 0, bytes: 0, records: 0 };
  /** The sender's last announced backlog (items waiting for credit). */
  senderBacklog = 0;

  /**
   * @param capacity exclusive buffers: credits granted up front, batches in flight at most
   * @param onItem called when an item arrives (the owner wakes its scheduler)
   */
  constructor(
    private readonly port: PortLike,
    readonly capacity = 4,
    private readonly onItem: () => void = () => {},
  ) {
    port.addEventListener('message', (event) => {
      const m = event.data as WireMessage;
      if (m.t === 'batch') {
        this.senderBacklog = m.backlog;
        this.queue.push({ buf: m.buf, n: m.n });
      } else if (m.t === 'event') {
        if (m.e.kind === 'barrier' && m.e.unaligned === true) queueAhead(this.queue, this.head, m.e, (b) => b);
        else this.queue.push(m.e);
      } else return;
      this.onItem();
    });
    port.start?.();
    port.postMessage({ t: 'credit', n: capacity } satisfies WireMessage);
  }

  hasItem(): boolean {
    return this.head < this.queue.length;
  }

  /** Batches received and not yet read: each holds one of the sender's credits. */
  get backlog(): number {
    let n = 0;
    for (let i = this.head; i < this.queue.length; i++) if ('buf' in this.queue[i]!) n++;
    return n;
  }

  poll(): ChannelItem | undefined {
    if (this.head >= this.queue.length) return undefined;
    const item = this.queue[this.head]!;
    this.queue[this.head++] = undefined as never;
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (!('buf' in item)) return item;
    const decoded = this.decoder.decode(item.buf, item.n);
    // The buffer goes back as the credit: keep nothing that views it.
    const timestamps = decoded.timestamps.buffer === item.buf ? decoded.timestamps.slice() : decoded.timestamps;
    this.counters.batches++;
    this.counters.bytes += item.n;
    this.counters.records += decoded.length;
    this.port.postMessage({ t: 'credit', n: 1, buf: item.buf } satisfies WireMessage, [item.buf]);
    const batch: RecordBatch = decoded.kinds === undefined ? { kind: 'batch', values: decoded.values, timestamps, length: decoded.length } : { kind: 'batch', values: decoded.values, timestamps, length: decoded.length, kinds: decoded.kinds };
    return batch;
  }
}
