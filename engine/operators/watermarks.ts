/**
 * The `watermarks` node — Flink's `assignTimestampsAndWatermarks` (TimestampsAndWatermarksOperator)
 * with a bounded-out-of-orderness strategy, optionally with idleness.
 */
import { ParamError } from '../graph/errors.js';
import {
  BoundedOutOfOrdernessWatermarks,
  type WatermarkGenerator,
  type WatermarkOutput,
  WatermarksWithIdleness,
} from '../time/watermark-generator.js';
import { BaseOperator } from './base-operator.js';
import { MAX_WATERMARK, NO_TIMESTAMP } from './operator.js';
import type { Cause, Tracer } from './tracer.js';

/** Reads a numeric timestamp from a record's dot-path field; throws a message naming the field. */
export type TimestampReader = (value: unknown) => number;

/**
 * A reader for `field` (a dot path such as `event.ts`). Invariant: it returns a finite number
 * or throws `record has no numeric timestamp in field "<field>"`.
 */
export function timestampFieldReader(field: string): TimestampReader {
  const parts = field.split('.');
  const fail = (found: unknown): never => {
    throw new Error(`record has no numeric timestamp in field "${field}" (found ${describe(found)})`);
  };
  if (parts.length === 1) {
    // The usual top-level field, read once per record: no loop.
    const name = parts[0]!;
    return (value) => {
      const cur: unknown = value == null ? value : typeof value === 'object' ? (value as any)[name] : undefined;
      return typeof cur === 'number' && Number.isFinite(cur) ? cur : fail(cur);
    };
  }
  return (value) => {
    let cur: any = value;
    for (let i = 0; i < parts.length && cur != null; i++) cur = typeof cur === 'object' ? cur[parts[i]!] : undefined;
    return typeof cur === 'number' && Number.isFinite(cur) ? cur : fail(cur);
  };
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  try {
    const text = JSON.stringify(v);
    return text === undefined ? String(v) : text.length > 40 ? text.slice(0, 40) + '…' : text;
  } catch {
    return String(v);
  }
}

/** What stepping back restores beyond the snapshot (see `saveTransient`). */
interface WatermarksTransient {
  maxTimestamp: number | null;
  nextPeriodicEmit: number;
  nextIdleCheck: number;
  lastEmitted: number;
  outputIdle: boolean;
  advancedBy: Cause | null;
  idleness: { lastActivity: number; idleNow: boolean } | undefined;
}

/**
 * Invariants: every record leaves with its assigned timestamp, before any watermark it causes;
 * watermarks leave strictly increasing; upstream watermarks and idle statuses are swallowed,
 * except the end-of-input watermark +∞, which is forwarded. With `intervalMs: 0` the watermark
 * is offered after every record (deterministic); otherwise every `intervalMs` of processing time.
 * With `idleTimeoutMs` the output goes idle when no record came for longer than the timeout,
 * and active again just before the next record.
 */
export class WatermarksOperator extends BaseOperator {
  private timestampOf!: (value: unknown, previous: number) => number;
  private bounded!: BoundedOutOfOrdernessWatermarks;
  private generator!: WatermarkGenerator;
  private idleness: WatermarksWithIdleness | null = null;
  private intervalMs = 200;
  private nextPeriodicEmit = Infinity;
  private nextIdleCheck = Infinity;
  private lastEmitted = -Infinity;
  private outputIdle = false;
  private emitter!: WatermarkOutput;
  private tracer: Tracer | null = null;
  /** Traced: the record that raised the largest timestamp seen, the cause of a periodic watermark. */
  private advancedBy: Cause | null = null;

  protected override setup(): void {
    const p = this.ctx.params;
    this.tracer = this.ctx.tracer ?? null;
    this.timestampOf = this.timestampAssigner(p);
    const strategy = p.strategy ?? 'bounded-out-of-orderness';
    let delay: number;
    if (strategy === 'monotonous') delay = 0;
    else if (strategy === 'bounded-out-of-orderness') delay = p.maxOutOfOrdernessMs ?? 0;
    else throw new ParamError('params.strategy', `params.strategy must be "bounded-out-of-orderness" or "monotonous", got ${describe(strategy)}`);
    if (!(typeof delay === 'number' && Number.isFinite(delay) && delay >= 0)) {
      throw new ParamError('params.maxOutOfOrdernessMs', `params.maxOutOfOrdernessMs must be a non-negative number, got ${describe(delay)}`);
    }
    this.bounded = new BoundedOutOfOrdernessWatermarks(delay);
    this.generator = this.bounded;
    const interval = p.intervalMs ?? 200;
    if (!(typeof interval === 'number' && Number.isFinite(interval) && interval >= 0)) {
      throw new ParamError('params.intervalMs', `params.intervalMs must be a non-negative number, got ${describe(interval)}`);
    }
    this.intervalMs = interval;
    if (p.idleTimeoutMs != null) {
      if (!(typeof p.idleTimeoutMs === 'number' && p.idleTimeoutMs > 0)) {
        throw new ParamError('params.idleTimeoutMs', `params.idleTimeoutMs must be a positive number, got ${describe(p.idleTimeoutMs)}`);
      }
      this.idleness = new WatermarksWithIdleness(this.bounded, p.idleTimeoutMs, this.ctx.processingTime);
      this.generator = this.idleness;
    }
    this.emitter = {
      emitWatermark: (w) => this.emit(w),
      markIdle: () => this.markIdle(),
    };
    const now = this.ctx.processingTime.now();
    if (this.intervalMs > 0) {
      this.nextPeriodicEmit = now + this.intervalMs;
      this.ctx.processingTime.scheduleWakeup(this.nextPeriodicEmit);
    } else if (this.idleness) {
      // No periodic emits to piggyback on: check idleness when it could first be true.
      this.scheduleIdleCheck(this.idleness.idleDeadline);
    }
  }

  private timestampAssigner(p: Record<string, any>): (value: unknown, previous: number) => number {
    if (typeof p.timestamp === 'string') {
      const fn = this.ctx.compile(p.timestamp, 'timestamp');
      if (typeof fn !== 'function') throw new ParamError('params.timestamp', 'params.timestamp must be a function such as "(r, previousTs) => r.ts"');
      return (value, previous) => {
        const ts = fn(value, previous);
        if (typeof ts === 'number' && Number.isFinite(ts)) return ts;
        throw new Error(`the timestamp function returned ${describe(ts)}; it must return a finite number of ms`);
      };
    }
    if (typeof p.timestampField === 'string') return timestampFieldReader(p.timestampField);
    // Neither given: keep the timestamp the record already carries (Flink's RecordTimestampAssigner).
    return (_value, previous) => {
      if (previous !== NO_TIMESTAMP) return previous;
      throw new Error('record has no timestamp: set params.timestampField or params.timestamp');
    };
  }

  processElement(value: unknown, timestamp: number): void {
    const ts = this.timestampOf(value, timestamp);
    if (this.outputIdle) {
      this.outputIdle = false;
      this.out.emitIdle(false);
    }
    this.out.collect(value, ts);
    if (this.tracer !== null && ts > this.bounded.currentWatermark + this.bounded.maxOutOfOrdernessMs + 1) this.advancedBy = this.tracer.cause;
    this.generator.onEvent(ts, this.emitter);
    if (this.intervalMs === 0) {
      this.generator.onPeriodicEmit(this.emitter);
      if (this.idleness && this.nextIdleCheck === Infinity) this.scheduleIdleCheck(this.idleness.idleDeadline);
    }
  }

  override onProcessingTime(time: number): void {
    super.onProcessingTime(time);
    // A periodic watermark follows from the record that advanced the generator, not from the clock.
    if (this.tracer !== null) this.tracer.cause = this.advancedBy;
    const now = this.ctx.processingTime.now();
    if (now >= this.nextPeriodicEmit) {
      this.generator.onPeriodicEmit(this.emitter);
      this.nextPeriodicEmit = now + this.intervalMs;
      this.ctx.processingTime.scheduleWakeup(this.nextPeriodicEmit);
    }
    if (this.idleness && now >= this.nextIdleCheck) {
      this.nextIdleCheck = Infinity;
      this.generator.onPeriodicEmit(this.emitter);
      // A record arrived since the check was planned: look again when it could have timed out.
      if (!this.idleness.isIdle) this.scheduleIdleCheck(this.idleness.idleDeadline);
    }
  }

  /** Upstream event time is replaced by ours; only the end of input passes (as in Flink). */
  override processWatermark(watermark: number): void {
    if (watermark === MAX_WATERMARK) this.emit(MAX_WATERMARK);
  }

  /** Upstream idleness is ours to decide, not to forward. */
  override processIdle(_idle: boolean): void {}

  private emit(watermark: number): void {
    if (!(watermark > this.lastEmitted)) return;
    this.lastEmitted = watermark;
    if (this.outputIdle) {
      this.outputIdle = false;
      this.out.emitIdle(false);
    }
    this.out.emitWatermark(watermark);
  }

  private markIdle(): void {
    if (this.outputIdle) return;
    this.outputIdle = true;
    this.out.emitIdle(true);
  }

  private scheduleIdleCheck(time: number): void {
    this.nextIdleCheck = time;
    this.ctx.processingTime.scheduleWakeup(time);
  }

  /** What the generator has seen, the periodic schedule, idleness and output status: a restore starts them afresh, stepping back must not. */
  saveTransient(): WatermarksTransient {
    return {
      maxTimestamp: this.bounded.snapshot().maxTimestamp,
      nextPeriodicEmit: this.nextPeriodicEmit,
      nextIdleCheck: this.nextIdleCheck,
      lastEmitted: this.lastEmitted,
      outputIdle: this.outputIdle,
      advancedBy: this.advancedBy,
      idleness: this.idleness?.save(),
    };
  }

  loadTransient(state: unknown): void {
    const s = state as WatermarksTransient;
    this.bounded.restore({ maxTimestamp: s.maxTimestamp });
    this.nextPeriodicEmit = s.nextPeriodicEmit;
    this.nextIdleCheck = s.nextIdleCheck;
    this.lastEmitted = s.lastEmitted;
    this.outputIdle = s.outputIdle;
    this.advancedBy = s.advancedBy;
    if (s.idleness !== undefined) this.idleness?.load(s.idleness);
  }

  // No operator state: as Flink's TimestampsAndWatermarksOperator (which keeps none), a restored
  // generator starts afresh — no timestamp seen, no watermark emitted. The `{maxTimestamp,
  // lastEmitted}` that checkpoints of older versions hold is ignored.
}
