/**
 * The input side of a task: reads its channels one record or one event at a time (so the
 * inline host can step) or a batch at a time, combines watermarks and idle status per input
 * with the valve (min over active, aligned channels) and across the two inputs of a two-input
 * operator, and reports when an input has ended on every channel.
 *
 * Checkpoint barriers: aligned (exactly-once) blocks each channel behind its barrier until every
 * channel delivered it; at-least-once only counts them. An unaligned barrier (Flink's unaligned
 * checkpoints) blocks nothing: the first one to arrive starts the checkpoint at once, and every
 * record that was ahead of the barrier on some channel but is read after that moment — records
 * of channels whose barrier has not come yet, and those the barrier overtook in the queue — is
 * recorded as the checkpoint's in-flight input, to be replayed on restore.
 */
import type { BarrierEvent, ChannelReceiver, RecordBatch } from '../net/channel.js';
import type { InputIndex, RowKind } from '../operators/operator.js';
import type { TraceEvent, Tracer } from '../operators/tracer.js';
import { CombinedWatermark, type CombinedWatermarkState } from '../time/combined-watermark.js';
import { StatusWatermarkValve, type ValveState } from '../time/watermark-valve.js';

export interface GateHandler {
  /** `kind`: the record's row kind, absent for INSERT. */
  onRecord(value: unknown, timestamp: number, input: InputIndex, kind?: RowKind): void;
  /** The combined watermark advanced. */
  onWatermark(watermark: number): void;
  /** The combined status changed. */
  onIdle(idle: boolean): void;
  /** Every channel of `input` has ended. */
  onInputEnded(input: InputIndex): void;
  /** Barrier `id` arrived on every open channel (aligned, or counted in at-least-once mode), `alignmentMs` after the first. */
  onBarrier(id: number, alignmentMs: number): void;
  /** The first unaligned barrier of checkpoint `id` arrived: the checkpoint's moment is now. */
  onUnalignedBarrier(id: number): void;
  /** Every channel delivered unaligned barrier `id` and what it overtook: the in-flight input is complete. */
  onUnalignedComplete(id: number, inFlight: InFlightInput[]): void;
  /** The host's clock (ms): barrier alignment is timed with it (virtual on a virtual inline host). */
  now(): number;
}

/** Records that were in the channels of one input at an unaligned checkpoint, in the order read. */
export interface InFlightInput {
  readonly input: InputIndex;
  readonly values: unknown[];
  readonly timestamps: number[];
  /** Row kinds, once a record that is not an INSERT was kept (absent: all INSERTs). */
  kinds?: number[];
}

/** While traced: where the gate reports what arrives, for node `node` whose inputs are named `ports`. */
export interface GateTrace {
  readonly tracer: Tracer;
  readonly node: string;
  readonly ports: readonly string[];
}

/** The gate's state between steps, as `saveRuntime` takes it. */
export interface GateRuntime {
  readonly channels: ReadonlyArray<{ ended: boolean; barrier: number; overtaken: number }>;
  readonly valves: readonly ValveState[];
  readonly combined: CombinedWatermarkState | null;
  readonly openChannels: readonly number[];
  readonly next: number;
  readonly recordsIn: number;
  readonly watermark: number;
  readonly pendingBarrier: number;
  readonly lastBarrier: number;
  readonly inFlight: InFlightInput[] | null;
}

/**
 * How barriers are handled, by Flink's CheckpointingMode: exactly-once aligns them (a channel that
 * delivered its barrier is blocked until every channel has), at-least-once only counts them.
 * Unaligned checkpoints are a variant of exactly-once, chosen per barrier.
 */
export type BarrierMode = 'exactly-once' | 'at-least-once';

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
  /** Items ahead of which this channel's unaligned barrier was queued, not read yet. */
  overtaken: number;
}

/** Records of a batch between two progress calls (see `InputGate.progress`). */
const PROGRESS_EVERY = 64;

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
  /**
   * Called every PROGRESS_EVERY records of a batch (the watchdog's beacon beats): a slow function
   * that gets through a large batch makes progress, it is not stuck. Null: nobody watches.
   */
  progress: (() => void) | null = null;
  /** The combined watermark last handed to the operator. */
  watermark = -Infinity;

  /** The checkpoint being aligned, or −1. */
  private pendingBarrier = -1;
  /** The newest checkpoint whose barriers were all seen (older barriers are stale). */
  private lastBarrier = -1;
  /** In-flight input of the unaligned checkpoint in progress, per input; null when none is. */
  private inFlight: InFlightInput[] | null = null;
  /** When the first barrier of the pending checkpoint arrived (the handler's clock). */
  private alignmentStart = 0;

  constructor(
    channels: readonly GateChannel[],
    readonly numInputs: 1 | 2,
    private readonly handler: GateHandler,
    private readonly barrierMode: BarrierMode = 'exactly-once',
    private readonly trace: GateTrace | null = null,
  ) {
    const counts = [0, 0];
    this.channels = channels.map((c) => ({ ...c, indexInInput: counts[c.input]!++, ended: false, barrier: -1, overtaken: 0 }));
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

  /** A channel is read unless it ended, or it is blocked behind its barrier during alignment (never for unaligned barriers). */
  private readable(c: ChannelSlot): boolean {
    return !c.ended && (c.barrier < 0 || this.barrierMode !== 'exactly-once' || this.inFlight !== null);
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
    for (const c of this.channels) if (!c.ended && (c.barrier !== id || c.overtaken > 0)) return;
    for (const c of this.channels) c.barrier = -1;
    this.pendingBarrier = -1;
    this.lastBarrier = id;
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (inFlight !== null) this.handler.onUnalignedComplete(id, inFlight.filter((f) => f.values.length > 0));
    else this.handler.onBarrier(id, this.handler.now() - this.alignmentStart);
  }

  /** A barrier arrived on channel `c`. */
  private onBarrierItem(c: ChannelSlot, item: BarrierEvent): void {
    const id = item.id;
    // A barrier of a checkpoint that was given up, overtaken by a newer one: nothing to do.
    if (id <= this.lastBarrier || id < this.pendingBarrier) return;
    if (this.pendingBarrier >= 0 && id > this.pendingBarrier) {
      // The checkpoint in progress was given up upstream (a newer barrier came first): drop it.
      for (const ch of this.channels) {
        ch.barrier = -1;
        ch.overtaken = 0;
      }
      this.inFlight = null;
      this.pendingBarrier = -1;
    }
    const unaligned = item.unaligned === true && this.barrierMode === 'exactly-once';
    if (this.pendingBarrier !== id) {
      this.pendingBarrier = id;
      this.alignmentStart = this.handler.now();
      if (unaligned) {
        this.inFlight = [];
        for (let i = 0; i < this.numInputs; i++) this.inFlight.push({ input: i as InputIndex, values: [], timestamps: [] });
        this.handler.onUnalignedBarrier(id);
      }
    }
    c.barrier = id;
    if (this.inFlight !== null) c.overtaken = item.overtaken ?? 0;
    this.maybeAligned();
  }

  /** During an unaligned checkpoint: keeps a copy of a batch read from `c` if it was ahead of c's barrier. */
  private recordInFlight(c: ChannelSlot, batch: RecordBatch): void {
    const target = this.inFlight![c.input]!;
    // A copy: operators may change the records they are given.
    const values = structuredClone(batch.values.length === batch.length ? batch.values : batch.values.slice(0, batch.length));
    for (let i = 0; i < batch.length; i++) {
      target.values.push(values[i]);
      target.timestamps.push(batch.timestamps[i]!);
    }
    const kinds = batch.kinds;
    if (kinds !== undefined) {
      const all = (target.kinds ??= new Array(target.values.length - batch.length).fill(0));
      for (let i = 0; i < batch.length; i++) all.push(kinds[i]!);
    } else if (target.kinds !== undefined) for (let i = 0; i < batch.length; i++) target.kinds.push(0);
  }

  /**
   * Everything the gate knows between two steps, as plain data, for the stepping host to go back
   * to (`trace/`). Only between steps: no batch may be half read.
   */
  saveRuntime(): GateRuntime {
    if (this.batch !== null) throw new Error('the input gate is in the middle of a batch');
    return {
      channels: this.channels.map((c) => ({ ended: c.ended, barrier: c.barrier, overtaken: c.overtaken })),
      valves: this.valves.map((v) => v.save()),
      combined: this.combined?.save() ?? null,
      openChannels: [...this.openChannels],
      next: this.next,
      recordsIn: this.recordsIn,
      watermark: this.watermark,
      pendingBarrier: this.pendingBarrier,
      lastBarrier: this.lastBarrier,
      inFlight: this.inFlight === null ? null : structuredClone(this.inFlight),
    };
  }

  loadRuntime(s: GateRuntime): void {
    s.channels.forEach((c, i) => {
      Object.assign(this.channels[i]!, c);
    });
    s.valves.forEach((v, i) => {
      this.valves[i]!.load(v);
    });
    if (s.combined !== null) this.combined?.load(s.combined);
    s.openChannels.forEach((n, i) => {
      this.openChannels[i] = n;
    });
    this.next = s.next;
    this.recordsIn = s.recordsIn;
    this.watermark = s.watermark;
    this.pendingBarrier = s.pendingBarrier;
    this.lastBarrier = s.lastBarrier;
    this.inFlight = s.inFlight === null ? null : structuredClone(s.inFlight);
  }

  /** Reports an element that arrived on channel `c`; returns the event's position in the step. */
  private traceIn(c: ChannelSlot, e: TraceEvent): number {
    const { tracer, node, ports } = this.trace!;
    return tracer.event({ ...e, node, channel: c.indexInInput, port: ports[c.input] });
  }

  /** True once every channel has ended. */
  get finished(): boolean {
    return this.openChannels.every((n) => n === 0);
  }

  /**
   * Processes the rest of the current batch, or else one event (or the first batch that comes).
   * Returns the number of records and events processed; 0 when nothing was ready.
   */
  stepBatch(): number {
    if (this.batch === null && !this.step()) return 0;
    const batch = this.batch;
    if (batch === null) return 1;
    const { values, timestamps, kinds } = batch;
    const input = this.batchInput;
    const handler = this.handler;
    const start = this.cursor;
    const n = batch.length;
    // The batch is done before its records are handed on: an operator that throws fails the task.
    this.batch = null;
    this.recordsIn += n - start;
    const progress = this.progress;
    if (progress !== null && n - start > PROGRESS_EVERY) {
      for (let i = start; i < n; i++) {
        handler.onRecord(values[i], timestamps[i]!, input, kinds?.[i] as RowKind | undefined);
        if ((i - start) % PROGRESS_EVERY === PROGRESS_EVERY - 1) progress();
      }
    } else if (kinds === undefined) for (let i = start; i < n; i++) handler.onRecord(values[i], timestamps[i]!, input);
    else for (let i = start; i < n; i++) handler.onRecord(values[i], timestamps[i]!, input, kinds[i] as RowKind);
    return n - start + 1;
  }

  /** Processes one record or one event. Returns false when nothing was ready. */
  step(): boolean {
    const batch = this.batch;
    if (batch !== null) {
      const i = this.cursor++;
      if (this.cursor >= batch.length) this.batch = null;
      this.recordsIn++;
      this.handler.onRecord(batch.values[i], batch.timestamps[i]!, this.batchInput, batch.kinds?.[i] as RowKind | undefined);
      return true;
    }
    const n = this.channels.length;
    for (let k = 0; k < n; k++) {
      const c = this.channels[(this.next + k) % n]!;
      if (!this.readable(c) || !c.receiver.hasItem()) continue;
      // Round-robin: the next read starts after this channel.
      this.next = (this.next + k + 1) % n;
      const item = c.receiver.poll()!;
      if (this.inFlight !== null) {
        // Ahead of this channel's barrier: not yet delivered it, or overtaken by it.
        const ahead = c.barrier !== this.pendingBarrier || c.overtaken > 0;
        if (ahead && item.kind === 'batch') this.recordInFlight(c, item);
        if (c.overtaken > 0 && --c.overtaken === 0) this.maybeAligned();
      }
      switch (item.kind) {
        case 'batch':
          if (item.length === 0) return true;
          this.batch = item;
          this.batchInput = c.input;
          this.cursor = 0;
          return this.step();
        case 'watermark': {
          // Reported before what it fires; `combined` once the valve has decided.
          const at = this.trace === null ? -1 : this.traceIn(c, { type: 'watermark.in', watermark: item.watermark });
          this.valves[c.input]!.inputWatermark(item.watermark, c.indexInInput, this.valveOutputs[c.input]!);
          if (at >= 0) this.trace!.tracer.amend(at, { combined: this.watermark });
          return true;
        }
        case 'idle':
          if (this.trace !== null) this.traceIn(c, { type: 'idle.in', idle: item.idle });
          this.valves[c.input]!.inputIdle(item.idle, c.indexInInput, this.valveOutputs[c.input]!);
          return true;
        case 'end': {
          c.ended = true;
          // The end of a channel is the watermark +∞ on it.
          const at = this.trace === null ? -1 : this.traceIn(c, { type: 'watermark.in', watermark: Infinity, end: true });
          // An ended channel holds nothing back, even if it had gone idle.
          this.valves[c.input]!.inputIdle(false, c.indexInInput, this.valveOutputs[c.input]!);
          this.valves[c.input]!.inputWatermark(Infinity, c.indexInInput, this.valveOutputs[c.input]!);
          if (at >= 0) this.trace!.tracer.amend(at, { combined: this.watermark });
          if (--this.openChannels[c.input]! === 0) this.handler.onInputEnded(c.input);
          // An ended channel owes no barrier.
          if (this.pendingBarrier >= 0) this.maybeAligned();
          return true;
        }
        case 'barrier':
          if (this.trace !== null) this.traceIn(c, { type: 'checkpoint.barrier', checkpointId: item.id });
          this.onBarrierItem(c, item);
          return true;
      }
    }
    return false;
  }
}
