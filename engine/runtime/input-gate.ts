/**
 * The input side of a task: reads its channels one record or one event at a time (so the
 * inline host can step), combines watermarks and idle status per input with the valve
 * (min over active, aligned channels) and across the two inputs of a two-input operator, and
 * reports when an input has ended on every channel.
 */
import type { ChannelReceiver, RecordBatch } from '../net/channel.js';
import type { InputIndex } from '../operators/operator.js';
import { CombinedWatermark } from '../time/combined-watermark.js';
import { StatusWatermarkValve } from '../time/watermark-valve.js';

export interface GateHandler {
  onRecord(value: unknown, timestamp: number, input: InputIndex): void;
  /** The combined watermark advanced. */
  onWatermark(watermark: number): void;
  /** The combined status changed. */
  onIdle(idle: boolean): void;
  /** Every channel of `input` has ended. */
  onInputEnded(input: InputIndex): void;
  /** Barrier `id` arrived on every open channel (aligned, or counted in at-least-once mode), `alignmentMs` after the first. */
  onBarrier(id: number, alignmentMs: number): void;
}

/** How barriers are handled: aligned (exactly-once) blocks a channel after its barrier until all have one. */
export type BarrierMode = 'aligned' | 'unaligned-count';

export interface GateChannel {
  readonly receiver: ChannelReceiver;
  readonly input: InputIndex;
}

interface ChannelSlot extends GateChannel {
  /** Index among the channels of the same input (the valve's channel number). */
  readonly indexInInput: number;
  ended: boolean;
  /** The id of the barrier this channel delivered for the checkpoint in progress, or −1. */
  barrier: number;
}

export class InputGate {
  private readonly channels: ChannelSlot[];
  private readonly valves: StatusWatermarkValve[] = [];
  private readonly valveOutputs: Array<{ emitWatermark(w: number): void; emitIdle(idle: boolean): void }> = [];
  private readonly combined: CombinedWatermark | null;
  private readonly openChannels: number[];
  private batch: RecordBatch | null = null;
  private batchInput: InputIndex = 0;
  private cursor = 0;
  private next = 0;
  /** Records read so far. */
  recordsIn = 0;
  /** The combined watermark last handed to the operator. */
  watermark = -Infinity;

  /** The checkpoint being aligned, or −1. */
  private pendingBarrier = -1;
  /** When the first barrier of the pending checkpoint arrived (performance.now). */
  private alignmentStart = 0;

  constructor(
    channels: readonly GateChannel[],
    readonly numInputs: 1 | 2,
    private readonly handler: GateHandler,
    /** 'aligned' (exactly-once) blocks channels that delivered the barrier; at-least-once only counts. */
    private readonly barrierMode: BarrierMode = 'aligned',
  ) {
    const counts = [0, 0];
    this.channels = channels.map((c) => ({ ...c, indexInInput: counts[c.input]++, ended: false, barrier: -1 }));
    this.openChannels = [...counts];
    this.combined = numInputs === 2 ? new CombinedWatermark(2) : null;
    const direct = {
      emitWatermark: (w: number) => {
        this.watermark = w;
        handler.onWatermark(w);
      },
      emitIdle: (idle: boolean) => handler.onIdle(idle),
    };
    for (let i = 0; i < numInputs; i++) {
      this.valves.push(new StatusWatermarkValve(Math.max(1, counts[i]!)));
      const combined = this.combined;
      this.valveOutputs.push(
        combined === null
          ? direct
          : {
              emitWatermark: (w: number) => combined.inputWatermark(w, i, direct),
              emitIdle: (idle: boolean) => combined.inputIdle(idle, i, direct),
            },
      );
    }
  }

  /** True when a record or event is ready to be processed. */
  hasWork(): boolean {
    if (this.batch !== null) return true;
    for (const c of this.channels) if (this.readable(c) && c.receiver.hasItem()) return true;
    return false;
  }

  /** A channel is read unless it ended, or it is blocked behind its barrier during alignment. */
  private readable(c: ChannelSlot): boolean {
    return !c.ended && (c.barrier < 0 || this.barrierMode !== 'aligned');
  }

  /** Queued input over input capacity, 0…1 (Flink's inPoolUsage). */
  bufferUsage(): number {
    let queued = 0;
    let capacity = 0;
    for (const c of this.channels) {
      queued += c.receiver.backlog;
      capacity += c.receiver.capacity;
    }
    return capacity === 0 ? 0 : Math.min(1, queued / capacity);
  }

  /** When every open channel delivered the pending barrier: checkpoint, then read all channels again. */
  private maybeAligned(): void {
    const id = this.pendingBarrier;
    for (const c of this.channels) if (!c.ended && c.barrier !== id) return;
    for (const c of this.channels) c.barrier = -1;
    this.pendingBarrier = -1;
    this.handler.onBarrier(id, performance.now() - this.alignmentStart);
  }

  /** True once every channel has ended. */
  get finished(): boolean {
    return this.openChannels.every((n) => n === 0);
  }

  /** Processes one record or one event. Returns false when nothing was ready. */
  step(): boolean {
    const batch = this.batch;
    if (batch !== null) {
      const i = this.cursor++;
      if (this.cursor >= batch.length) this.batch = null;
      this.recordsIn++;
      this.handler.onRecord(batch.values[i], batch.timestamps[i]!, this.batchInput);
      return true;
    }
    const n = this.channels.length;
    for (let k = 0; k < n; k++) {
      const c = this.channels[(this.next + k) % n]!;
      if (!this.readable(c) || !c.receiver.hasItem()) continue;
      // Round-robin: the next read starts after this channel.
      this.next = (this.next + k + 1) % n;
      const item = c.receiver.poll()!;
      switch (item.kind) {
        case 'batch':
          if (item.length === 0) return true;
          this.batch = item;
          this.batchInput = c.input;
          this.cursor = 0;
          return this.step();
        case 'watermark':
          this.valves[c.input]!.inputWatermark(item.watermark, c.indexInInput, this.valveOutputs[c.input]!);
          return true;
        case 'idle':
          this.valves[c.input]!.inputIdle(item.idle, c.indexInInput, this.valveOutputs[c.input]!);
          return true;
        case 'end':
          c.ended = true;
          // An ended channel holds nothing back, even if it had gone idle.
          this.valves[c.input]!.inputIdle(false, c.indexInInput, this.valveOutputs[c.input]!);
          this.valves[c.input]!.inputWatermark(Infinity, c.indexInInput, this.valveOutputs[c.input]!);
          if (--this.openChannels[c.input]! === 0) this.handler.onInputEnded(c.input);
          // An ended channel owes no barrier.
          if (this.pendingBarrier >= 0) this.maybeAligned();
          return true;
        case 'barrier':
          c.barrier = item.id;
          if (this.pendingBarrier !== item.id) this.alignmentStart = performance.now();
          this.pendingBarrier = item.id;
          this.maybeAligned();
          return true;
      }
    }
    return false;
  }
}
