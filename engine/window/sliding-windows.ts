/** Flink's SlidingEventTimeWindows / SlidingProcessingTimeWindows. */
import { EventTimeTrigger } from './event-time-trigger.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { TimeWindow, windowStartWithOffset } from './time-window.js';
import type { Trigger } from './trigger.js';
import { type TimeDomain, type WindowAssigner, type WindowAssignerContext, requireTimestamp } from './window-assigner.js';

/**
 * Puts each record in every window `[s, s + size)` with `s = start(t, offset, slide)`,
 * `s − slide`, … while `s > t − size` — latest window first, as Flink lists them.
 * Requires size > 0, slide > 0 and |offset| < slide.
 */
export class SlidingWindows implements WindowAssigner {
  readonly isEventTime: boolean;

  constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
    readonly time: TimeDomain,
  ) {
    if (!(size > 0) || !(slide > 0) || !(Math.abs(offset) < slide)) {
      throw new Error('sliding windows need size > 0, slide > 0 and |offset| < slide');
    }
    this.isEventTime = time === 'event';
  }

  assignWindows(_value: unknown, timestamp: number, ctx: WindowAssignerContext): TimeWindow[] {
    let t = timestamp;
    if (this.isEventTime) requireTimestamp(t);
    else t = ctx.currentProcessingTime();
    const windows: TimeWindow[] = [];
    const lastStart = windowStartWithOffset(t, this.offset, this.slide);
    for (let start = lastStart; start > t - this.size; start -= this.slide) windows.push(new TimeWindow(start, start + this.size));
    return windows;
  }

  defaultTrigger(): Trigger {
    return this.isEventTime ? new EventTimeTrigger() : new ProcessingTimeTrigger();
  }
}
