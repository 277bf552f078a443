/** Flink's SlidingEventTimeWindows / SlidingProcessingTimeWindows. */
import { EventTimeTrigger } from './event-time-trigger.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { TimeWindow, windowStartWithOffset } from './time-window.js';
import type { Trigger } from './trigger.js';
import { type TimeDomain, type WindowAssigner, type WindowAssignerContext, requireTimestamp } from './window-assigner.js';

/**
 * Puts each record in every window `[s, s + size)` with `s = start(t, offset, slide)`,
 * `s − slide`, … while `s > t − size` — latest window first, as Flink lists them.
 * Requires size > 0, slide > 0 and |offset| < slide. The returned array (and windows) may be the
 * ones returned for the previous record: callers read them and must not change or keep the array.
 */
export class SlidingWindows implements WindowAssigner {
  readonly isEventTime: boolean;
  // Consecutive records mostly share their windows: reuse them, and with them their namespace
  // strings, whose hashes the state and timer maps then compute once.
  private lastStart = NaN;
  private last: readonly TimeWindow[] = [];

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

  assignWindows(_value: unknown, timestamp: number, ctx: WindowAssignerContext): readonly TimeWindow[] {
    let t = timestamp;
    if (this.isEventTime) requireTimestamp(t);
    else t = ctx.currentProcessingTime();
    const lastStart = windowStartWithOffset(t, this.offset, this.slide);
    // Which windows depends on t, not only on lastStart, when size is not a multiple of slide.
    let count = 0;
    for (let start = lastStart; start > t - this.size; start -= this.slide) count++;
    if (lastStart !== this.lastStart || count !== this.last.length) {
      const windows: TimeWindow[] = [];
      for (let start = lastStart; start > t - this.size; start -= this.slide) windows.push(new TimeWindow(start, start + this.size));
      this.lastStart = lastStart;
      this.last = windows;
    }
    return this.last;
  }

  defaultTrigger(): Trigger {
    return this.isEventTime ? new EventTimeTrigger() : new ProcessingTimeTrigger();
  }
}
