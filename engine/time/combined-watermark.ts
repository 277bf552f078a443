/**
 * Combining the watermarks of the logical inputs of a multi-input operator (a join's `in1` and
 * `in2`) — Flink's `IndexedCombinedWatermarkStatus` as used by `AbstractStreamOperator`.
 * Each input's watermark is already the output of that input's channel valve.
 */
import type { WatermarkStatusOutput } from './watermark-valve.js';

/** The combination's state, as `save` takes it. */
export interface CombinedWatermarkState {
  readonly watermarks: number[];
  readonly idle: boolean[];
  readonly combined: number;
  readonly allIdle: boolean;
}

/**
 * Invariants:
 * - the combined watermark is the minimum over inputs that are not idle; it only moves forward
 *   and is emitted only when it rises;
 * - when every input is idle the combination is idle and its watermark stays where it was;
 * - a watermark arriving on an idle input makes that input active again (Flink's
 *   `PartialWatermark.setWatermark`), and an ended input counts as +∞ (`endInput`).
 *
 * Order of emissions: "active" goes out before the watermark it lets through, "idle" after the
 * watermark it releases, so a downstream valve never drops a watermark for an idle channel.
 */
export class CombinedWatermark {
  private watermarks: number[];
  private idle: boolean[];
  private combined = -Infinity;
  private allIdle = false;

  constructor(readonly numInputs: number = 2) {
    if (!(Number.isInteger(numInputs) && numInputs > 0)) {
      throw new Error(`a combined watermark needs at least one input, got ${String(numInputs)}`);
    }
    this.watermarks = new Array<number>(numInputs).fill(-Infinity);
    this.idle = new Array<boolean>(numInputs).fill(false);
  }

  /** Input `inputIndex` reached `watermark` (lower or equal values change nothing). */
  inputWatermark(watermark: number, inputIndex: number, out: WatermarkStatusOutput): void {
    this.check(inputIndex);
    const wasIdle = this.allIdle;
    this.idle[inputIndex] = false;
    if (watermark > this.watermarks[inputIndex]!) this.watermarks[inputIndex] = watermark;
    const advanced = this.update();
    if (wasIdle && !this.allIdle) out.emitIdle(false);
    if (advanced) out.emitWatermark(this.combined);
  }

  /** Input `inputIndex` went idle (true) or active (false). */
  inputIdle(idle: boolean, inputIndex: number, out: WatermarkStatusOutput): void {
    this.check(inputIndex);
    const wasIdle = this.allIdle;
    this.idle[inputIndex] = idle;
    const advanced = this.update();
    if (wasIdle && !this.allIdle) out.emitIdle(false);
    if (advanced) out.emitWatermark(this.combined);
    if (!wasIdle && this.allIdle) out.emitIdle(true);
  }

  /** Input `inputIndex` ended: from now on it never holds the others back. */
  endInput(inputIndex: number, out: WatermarkStatusOutput): void {
    this.inputWatermark(Infinity, inputIndex, out);
  }

  /** The last combined watermark (−∞ before any). */
  get currentWatermark(): number {
    return this.combined;
  }

  /** True while every input is idle. */
  get isIdle(): boolean {
    return this.allIdle;
  }

  /** Everything it knows, as plain data (for stepping back, `trace/`). */
  save(): CombinedWatermarkState {
    return { watermarks: [...this.watermarks], idle: [...this.idle], combined: this.combined, allIdle: this.allIdle };
  }

  load(s: CombinedWatermarkState): void {
    this.watermarks = [...s.watermarks];
    this.idle = [...s.idle];
    this.combined = s.combined;
    this.allIdle = s.allIdle;
  }

  /** Recomputes the minimum; true when the combined watermark rose. */
  private update(): boolean {
    let min = Infinity;
    let allIdle = true;
    for (let i = 0; i < this.numInputs; i++) {
      if (!this.idle[i]) {
        allIdle = false;
        if (this.watermarks[i]! < min) min = this.watermarks[i]!;
      }
    }
    this.allIdle = allIdle;
    if (!allIdle && min > this.combined) {
      this.combined = min;
      return true;
    }
    return false;
  }

  private check(inputIndex: number): void {
    if (!(Number.isInteger(inputIndex) && inputIndex >= 0 && inputIndex < this.numInputs)) {
      throw new Error(`input ${inputIndex} is out of range (there are ${this.numInputs})`);
    }
  }
}
