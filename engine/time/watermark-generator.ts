/**
 * Watermark generators — Flink's `WatermarkGenerator` family: a generator sees every record's
 * timestamp (`onEvent`) and is asked for its watermark periodically (`onPeriodicEmit`). It only
 * proposes watermarks; whoever owns the output keeps them strictly increasing.
 *
 * Time is in ms as a JS number; `-Infinity` plays Flink's Long.MIN_VALUE ("nothing known yet").
 */

/** Where a generator sends what it proposes (Flink's `WatermarkOutput`). */
export interface WatermarkOutput {
  /** A watermark candidate; the receiver drops it unless it is above the last one emitted. */
  emitWatermark(watermark: number): void;
  /** The stream has had no records for longer than the idle timeout. */
  markIdle(): void;
}

/**
 * Proposes watermarks from record timestamps. `onEvent` runs after the record was forwarded,
 * so a watermark it causes follows its record.
 */
export interface WatermarkGenerator {
  onEvent(timestamp: number, out: WatermarkOutput): void;
  onPeriodicEmit(out: WatermarkOutput): void;
}

/** A generator's snapshot: the largest timestamp seen, `null` for "none yet" (JSON has no -Infinity). */
export interface BoundedOutOfOrdernessState {
  maxTimestamp: number | null;
}

/**
 * Flink's `BoundedOutOfOrdernessWatermarks`: watermark = max seen timestamp − B − 1.
 * Invariant: before the first record it proposes nothing (its watermark is −∞); afterwards its
 * proposals never decrease. B = 0 is Flink's `forMonotonousTimestamps`.
 */
export class BoundedOutOfOrdernessWatermarks implements WatermarkGenerator {
  private maxTimestamp = -Infinity;

  constructor(readonly maxOutOfOrdernessMs: number) {
    if (!(Number.isFinite(maxOutOfOrdernessMs) && maxOutOfOrdernessMs >= 0)) {
      throw new Error(`maxOutOfOrdernessMs must be a non-negative number, got ${String(maxOutOfOrdernessMs)}`);
    }
  }

  onEvent(timestamp: number, _out: WatermarkOutput): void {
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
  }

  onPeriodicEmit(out: WatermarkOutput): void {
    if (this.maxTimestamp !== -Infinity) out.emitWatermark(this.currentWatermark);
  }

  /** The watermark it would propose now (−∞ before any record). */
  get currentWatermark(): number {
    return this.maxTimestamp === -Infinity ? -Infinity : this.maxTimestamp - this.maxOutOfOrdernessMs - 1;
  }

  snapshot(): BoundedOutOfOrdernessState {
    return { maxTimestamp: this.maxTimestamp === -Infinity ? null : this.maxTimestamp };
  }

  restore(state: BoundedOutOfOrdernessState): void {
    this.maxTimestamp = typeof state.maxTimestamp === 'number' ? state.maxTimestamp : -Infinity;
  }
}

/** Flink's `forMonotonousTimestamps`: bounded out-of-orderness with B = 0. */
export function monotonousWatermarks(): BoundedOutOfOrdernessWatermarks {
  return new BoundedOutOfOrdernessWatermarks(0);
}

/** The processing-time clock an idleness check reads. */
export interface IdleClock {
  now(): number;
}

/**
 * Flink's `WatermarksWithIdleness`: wraps a generator and, at a periodic emit, marks the stream
 * idle once no record has arrived for longer than `idleTimeoutMs` of processing time (strictly
 * more). While idle it proposes no watermarks; the next record makes it active again.
 *
 * Flink starts its countdown at the first periodic emit that saw no record, so it may detect
 * idleness a few intervals later than this; we measure from the last record (or from creation),
 * which keeps Flink's guarantee — never idle earlier than the timeout — and is deterministic.
 */
export class WatermarksWithIdleness implements WatermarkGenerator {
  private lastActivity: number;
  private idleNow = false;

  constructor(
    readonly inner: WatermarkGenerator,
    readonly idleTimeoutMs: number,
    private readonly clock: IdleClock,
  ) {
    if (!(Number.isFinite(idleTimeoutMs) && idleTimeoutMs > 0)) {
      throw new Error(`idleTimeoutMs must be a positive number, got ${String(idleTimeoutMs)}`);
    }
    this.lastActivity = clock.now();
  }

  onEvent(timestamp: number, out: WatermarkOutput): void {
    this.inner.onEvent(timestamp, out);
    this.lastActivity = this.clock.now();
    this.idleNow = false;
  }

  onPeriodicEmit(out: WatermarkOutput): void {
    if (this.clock.now() - this.lastActivity > this.idleTimeoutMs) {
      if (!this.idleNow) {
        this.idleNow = true;
        out.markIdle();
      }
    } else {
      this.inner.onPeriodicEmit(out);
    }
  }

  /** Its clock reading and status, as plain data (for stepping back, `trace/`). */
  save(): { lastActivity: number; idleNow: boolean } {
    return { lastActivity: this.lastActivity, idleNow: this.idleNow };
  }

  load(s: { lastActivity: number; idleNow: boolean }): void {
    this.lastActivity = s.lastActivity;
    this.idleNow = s.idleNow;
  }

  /** True between the periodic emit that found the stream idle and the next record. */
  get isIdle(): boolean {
    return this.idleNow;
  }

  /** The earliest processing time at which a periodic emit would find the stream idle. */
  get idleDeadline(): number {
    return this.lastActivity + this.idleTimeoutMs + 1;
  }
}
