/**
 * Combining the watermarks and idle statuses of the channels of one logical input — Flink's
 * `StatusWatermarkValve` (flink-streaming-java, runtime/watermarkstatus), rule for rule.
 */

/** Where a valve or combiner sends what it decides. Called only on a change. */
export interface WatermarkStatusOutput {
  emitWatermark(watermark: number): void;
  emitIdle(idle: boolean): void;
}

/** A valve's state, as `save` takes it. */
export interface ValveState {
  readonly watermarks: number[];
  readonly idle: boolean[];
  readonly aligned: boolean[];
  readonly idleChannels: number;
  readonly lastOutput: number;
  readonly outputIdle: boolean;
}

/**
 * Invariants (Flink's):
 * - the output watermark is the minimum over channels that are active and aligned, and is only
 *   emitted when it rises above the last output;
 * - a watermark at or below its channel's current one is ignored, as is any watermark on an idle
 *   channel or while the whole valve is idle;
 * - an idle channel leaves the minimum; when the last active channel goes idle the valve emits
 *   idle, after first flushing the max over all channels if that channel held the last output;
 * - a channel that becomes active again is aligned (counts for the minimum) only once its
 *   watermark is ≥ the last output; the valve emits active when its first channel wakes up.
 */
export class StatusWatermarkValve {
  private watermarks: number[];
  private idle: boolean[];
  private aligned: boolean[];
  private idleChannels = 0;
  private lastOutput = -Infinity;
  private outputIdle = false;

  constructor(readonly numChannels: number) {
    if (!(Number.isInteger(numChannels) && numChannels > 0)) {
      throw new Error(`a watermark valve needs at least one channel, got ${String(numChannels)}`);
    }
    this.watermarks = new Array<number>(numChannels).fill(-Infinity);
    this.idle = new Array<boolean>(numChannels).fill(false);
    this.aligned = new Array<boolean>(numChannels).fill(true);
  }

  /** A watermark arrived on `channel`. */
  inputWatermark(watermark: number, channel: number, out: WatermarkStatusOutput): void {
    this.check(channel);
    if (this.outputIdle || this.idle[channel]) return;
    if (!(watermark > this.watermarks[channel]!)) return;
    this.watermarks[channel] = watermark;
    // A channel catching up after idleness rejoins the minimum once it cannot pull it back.
    if (!this.aligned[channel] && watermark >= this.lastOutput) this.aligned[channel] = true;
    this.emitNewMin(out);
  }

  /** `channel` went idle (true) or active (false). Repeating the current status does nothing. */
  inputIdle(idle: boolean, channel: number, out: WatermarkStatusOutput): void {
    this.check(channel);
    if (idle && !this.idle[channel]) {
      this.idle[channel] = true;
      this.aligned[channel] = false;
      this.idleChannels++;
      if (this.idleChannels === this.numChannels) {
        // Nobody will advance any more: release the largest watermark held so the outcome does
        // not depend on the order the channels went idle (FLINK-7728).
        if (this.watermarks[channel] === this.lastOutput) this.emitMax(out);
        this.outputIdle = true;
        out.emitIdle(true);
      } else if (this.watermarks[channel] === this.lastOutput) {
        // It may have been the one holding the minimum back.
        this.emitNewMin(out);
      }
    } else if (!idle && this.idle[channel]) {
      this.idle[channel] = false;
      this.idleChannels--;
      if (this.watermarks[channel]! >= this.lastOutput) this.aligned[channel] = true;
      if (this.outputIdle) {
        this.outputIdle = false;
        out.emitIdle(false);
      }
    }
  }

  /** The last watermark this valve emitted (−∞ before any). */
  get currentWatermark(): number {
    return this.lastOutput;
  }

  /** True while every channel is idle. */
  get isIdle(): boolean {
    return this.outputIdle;
  }

  /** The channel's last accepted watermark (for tests and the dashboard). */
  channelWatermark(channel: number): number {
    this.check(channel);
    return this.watermarks[channel]!;
  }

  /** Whether the channel counts for the minimum now. */
  isChannelAligned(channel: number): boolean {
    this.check(channel);
    return this.aligned[channel]!;
  }

  isChannelIdle(channel: number): boolean {
    this.check(channel);
    return this.idle[channel]!;
  }

  /** Everything the valve knows, as plain data (for stepping back, `trace/`). */
  save(): ValveState {
    return { watermarks: [...this.watermarks], idle: [...this.idle], aligned: [...this.aligned], idleChannels: this.idleChannels, lastOutput: this.lastOutput, outputIdle: this.outputIdle };
  }

  load(s: ValveState): void {
    this.watermarks = [...s.watermarks];
    this.idle = [...s.idle];
    this.aligned = [...s.aligned];
    this.idleChannels = s.idleChannels;
    this.lastOutput = s.lastOutput;
    this.outputIdle = s.outputIdle;
  }

  private emitNewMin(out: WatermarkStatusOutput): void {
    let min = Infinity;
    let any = false;
    for (let c = 0; c < this.numChannels; c++) {
      if (this.aligned[c]) {
        any = true;
        if (this.watermarks[c]! < min) min = this.watermarks[c]!;
      }
    }
    // With no aligned channel there is no minimum: Infinity here would be a lie (FLINK-7721).
    if (any && min > this.lastOutput) {
      this.lastOutput = min;
      out.emitWatermark(min);
    }
  }

  private emitMax(out: WatermarkStatusOutput): void {
    let max = -Infinity;
    for (let c = 0; c < this.numChannels; c++) if (this.watermarks[c]! > max) max = this.watermarks[c]!;
    if (max > this.lastOutput) {
      this.lastOutput = max;
      out.emitWatermark(max);
    }
  }

  private check(channel: number): void {
    if (!(Number.isInteger(channel) && channel >= 0 && channel < this.numChannels)) {
      throw new Error(`channel ${channel} is out of range (the valve has ${this.numChannels})`);
    }
  }
}
