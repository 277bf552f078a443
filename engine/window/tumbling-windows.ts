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
  // Consecutive records mostly share a window: reuse it, and with it its namespace string, whose
  // hash the state and timer maps then compute once.
  private lastStart = NaN;
  private last: readonly TimeWindow[] = [];

  constructor(
    readonly size: number,
    readonly offset: number,
    readonly time: TimeDomain,
  ) {
    if (!(size > 0) || !(Math.abs(offset) < size)) throw new Error('tumbling windows need size > 0 and |offset| < size');
    this.isEventTime = time === 'event';
  }

  assignWindows(_value: unknown, timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[] {
    let t = timestamp;
    if (this.isEventTime) requireTimestamp(t);
    else t = ctx.currentProcessingTime();
    const start = windowStartWithOffset(t, this.offset, this.size);
    if (start !== this.lastStart) {
      this.lastStart = start;
      this.last = [new TimeWindow(start, start + this.size)];
    }
    return this.last;
  }

  defaultTrigger(): Trigger {
    return this.isEventTime ? new EventTimeTrigger() : new ProcessingTimeTrigger();
  }
}
