/**
 * The traced job's channel: an in-memory FIFO like LocalChannel whose every item carries the
 * cause it was sent with (the tracer's cause at that moment), and which hands that cause back
 * to the tracer when the item is read. That is how causes travel with records and watermarks
 * between tasks. Its contents can be saved and restored, for stepping back.
 */
import type { Cause, Tracer } from '../operators/tracer.js';
import type { BarrierEvent, ChannelItem, ChannelReceiver, ChannelSender, RecordBatch } from '../net/channel.js';

/** What a channel holds: items not yet read, each with its cause. */
export interface CausalChannelContents {
  readonly items: ChannelItem[];
  readonly causes: Array<Cause | null>;
}

export class CausalChannel implements ChannelSender, ChannelReceiver {
  private items: ChannelItem[] = [];
  private causes: Array<Cause | null> = [];

  constructor(
    private readonly tracer: Tracer,
    readonly capacity = 4,
  ) {}

  canSend(): boolean {
    return this.items.length < this.capacity;
  }

  send(item: ChannelItem): void {
    this.items.push(item);
    this.causes.push(this.tracer.cause);
  }

  /** An unaligned barrier overtakes everything unread, and notes how much (see `queueAhead`). */
  sendAhead(barrier: BarrierEvent): readonly RecordBatch[] {
    this.items.unshift({ ...barrier, overtaken: this.items.length });
    this.causes.unshift(this.tracer.cause);
    return [];
  }

  hasItem(): boolean {
    return this.items.length > 0;
  }

  poll(): ChannelItem | undefined {
    if (this.items.length === 0) return undefined;
    // Few items are ever queued (one record per batch while tracing): shifting is cheap.
    this.tracer.cause = this.causes.shift()!;
    return this.items.shift();
  }

  bufferUsage(): number {
    return Math.min(1, this.items.length / this.capacity);
  }

  get backlog(): number {
    return this.items.length;
  }

  /** The first `limit` items queued, in order (the lab's view of the queue; not copies). */
  peek(limit: number): readonly ChannelItem[] {
    return this.items.slice(0, limit);
  }

  /** Puts `item` at the head of the queue, ahead of everything unread (the lab's injection), with its cause. */
  pushHead(item: ChannelItem, cause: Cause | null): void {
    this.items.unshift(item);
    this.causes.unshift(cause);
  }

  /** Takes the head of the queue away unread (the lab's drop); undefined when empty. */
  dropHead(): ChannelItem | undefined {
    this.causes.shift();
    return this.items.shift();
  }

  /** A copy of what is queued. */
  save(): CausalChannelContents {
    return structuredClone({ items: this.items, causes: this.causes });
  }

  /** Replaces the queue with a copy of `contents`. */
  load(contents: CausalChannelContents): void {
    const c = structuredClone(contents);
    this.items = c.items;
    this.causes = c.causes;
  }
}
