/** Flink's TumblingEventTimeWindows / TumblingProcessingTimeWindows. */
import { EventTimeTrigger } from './event-time-trigger.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { TimeWindow, windowStartWithOffset } from './time-window.js';
import type { Trigger } from './trigger.js';
import { type TimeDomain, type WindowAssigner, type WindowAssignerContext, requireTimestamp } from './window-assigner.js';

/**
 * Puts each record in exactly one window `[s, s + size)`, `s = start(t, offset, size)`, where t is
 * the record's timestamp (event time) or the current processing time. Requires |offset| < size.
 */
export class TumblingWindows implements WindowAssigner {
  readonly isEventTime: boolean;

  constructor(
    readonly size: number,
    readonly offset: number,
    readonly time: TimeDomain,
  ) {
    if (!(size > 0) || !(Math.abs(offset) < size)) throw new Error('tumbling windows need size > 0 and |offset| < size');
    this.isEventTime = time === 'event';
  }

  assignWindows(_value: unknown, timestamp: number, ctx: WindowAssignerContext): TimeWindow[] {
    let t = timestamp;
    if (this.isEventTime) requireTimestamp(t);
    else t = ctx.currentProcessingTime();
    const start = windowStartWithOffset(t, this.offset, this.size);
    return [new TimeWindow(start, start + this.size)];
  }

  defaultTrigger(): Trigger {
    return this.isEventTime ? new EventTimeTrigger() : new ProcessingTimeTrigger();
  }
}
