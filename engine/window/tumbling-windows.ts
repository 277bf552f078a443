/** Flink's TumblingEventTimeWindows / TumblingProcessingTimeWindows. */
import { EventTimeTrigger } from './event-time-trigger.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { TimeWindow, windowStartWithOffset } from './time-window.js';
import type { Trigger } from './trigger.js';
import { type TimeDomain, type WindowAssigner, type WindowAssignerContext, requireTimestamp } from './window-assigner.js';

/**
 * Puts each record in exactly one window `[s, s + size)`, `s = start(t, offset, size)`, where t is
 * the record's timestamp (event time) or the current processing time. Requires |offset| < size.
 * The returned array (and window) may be the one returned for the previous record: callers read
 * it and must not change or keep the array.
 */
export class TumblingWindows implements WindowAssigner {
  readonly isEventTime: boolean;
  // Consecutive records mostly share a window (or go back to the one before, out of order): reuse
  // those, and with them their namespace strings, whose hashes state and timer maps then keep.
  private lastStart = NaN;
  private last: readonly TimeWindow[] = [];
  private prevStart = NaN;
  private prev: readonly TimeWindow[] = [];
  // An integer t with exactLow ≤ t < exactHigh is in the last window without computing its start:
  // set only when the start arithmetic is exact around it (integers within ±2^52), else empty.
  private exactLow = NaN;
  private exactHigh = NaN;
  private readonly integral: boolean;

  constructor(
    readonly size: number,
    readonly offset: number,
    readonly time: TimeDomain,
  ) {
    if (!(size > 0) || !(Math.abs(offset) < size)) throw new Error('tumbling windows need size > 0 and |offset| < size');
    this.isEventTime = time === 'event';
    this.integral = Number.isSafeInteger(size) && Number.isSafeInteger(offset) && size <= 2 ** 51;
  }

  assignWindows(_value: unknown, timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[] {
    let t = timestamp;
    if (this.isEventTime) requireTimestamp(t);
    else t = ctx.currentProcessingTime();
    if (t >= this.exactLow && t < this.exactHigh && Math.floor(t) === t) return this.last;
    const start = windowStartWithOffset(t, this.offset, this.size);
    if (start !== this.lastStart) {
      const last = this.last;
      const lastStart = this.lastStart;
      if (start === this.prevStart) {
        this.last = this.prev;
      } else {
        this.last = [new TimeWindow(start, start + this.size)];
      }
      this.lastStart = start;
      this.prev = last;
      this.prevStart = lastStart;
    }
    const exact = this.integral && Math.floor(t) === t && Math.abs(start) <= EXACT_LIMIT && Math.abs(start + this.size) <= EXACT_LIMIT;
    this.exactLow = exact ? start : NaN;
    this.exactHigh = exact ? start + this.size : NaN;
    return this.last;
  }

  defaultTrigger(): Trigger {
    return this.isEventTime ? new EventTimeTrigger() : new ProcessingTimeTrigger();
  }
}

/** Integers up to this magnitude, minus or plus a size or offset up to 2^51, stay exact doubles. */
const EXACT_LIMIT = 2 ** 52;
