/**
 * An in-memory channel between two subtasks on the same thread: a FIFO with a bounded number
 * of items in flight. Used by the inline host and for co-located subtasks.
 */
import { type BarrierEvent, type ChannelItem, type ChannelReceiver, type ChannelSender, type RecordBatch, queueAhead } from './channel.js';

export class LocalChannel implements ChannelSender, ChannelReceiver {
  private readonly queue: ChannelItem[] = [];
  private head = 0;

  /** @param capacity items (batches or events) in flight before the sender must wait */
  constructor(readonly capacity = 4) {}

  canSend(): boolean {
    return this.queue.length - this.head < this.capacity;
  }

  send(item: ChannelItem): void {
    this.queue.push(item);
  }

  /** Sender and receiver are one queue: the barrier overtakes what the reader has not read. */
  sendAhead(barrier: BarrierEvent): readonly RecordBatch[] {
    queueAhead(this.queue, this.head, barrier, (b) => b);
    return [];
  }

  hasItem(): boolean {
    return this.head < this.queue.length;
  }

  poll(): ChannelItem | undefined {
    if (this.head >= this.queue.length) return undefined;
    const item = this.queue[this.head]!;
    this.queue[this.head++] = undefined as unknown as ChannelItem;
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }

  bufferUsage(): number {
    return Math.min(1, this.backlog / this.capacity);
  }

  /** Items waiting to be read. */
  get backlog(): number {
    return this.queue.length - this.head;
  }
}
