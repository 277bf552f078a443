/**
 * Flink's EventTimeSessionWindows, ProcessingTimeSessionWindows and their Dynamic* variants in
 * one assigner: a static gap, or a gap computed per record.
 */
import { EventTimeTrigger } from './event-time-trigger.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { type MergeCallback, TimeWindow, mergeTimeWindows } from './time-window.js';
import type { Trigger } from './trigger.js';
import { type MergingWindowAssigner, type TimeDomain, type WindowAssignerContext, requireTimestamp } from './window-assigner.js';

/** Either a fixed gap in ms or a function of the record returning one. */
export type SessionGap = number | ((value: unknown) => unknown);

/**
 * Each record opens `[t, t + gap)` (t = its timestamp, or the current processing time); windows
 * that overlap or touch merge into one session. Invariant: every gap used is > 0 (a dynamic gap
 * that is not a positive number fails the job, as Flink's IllegalArgumentException does).
 */
export class SessionWindows implements MergingWindowAssigner {
  readonly merging = true;
  readonly isEventTime: boolean;

  constructor(
    readonly gap: SessionGap,
    readonly time: TimeDomain,
  ) {
    if (typeof gap === 'number' && !(gap > 0)) throw new Error('session windows need a gap > 0');
    this.isEventTime = time === 'event';
  }

  assignWindows(value: unknown, timestamp: number, ctx: WindowAssignerContext): TimeWindow[] {
    let t = timestamp;
    if (this.isEventTime) requireTimestamp(t);
    else t = ctx.currentProcessingTime();
    return [new TimeWindow(t, t + this.gapOf(value))];
  }

  mergeWindows(windows: readonly TimeWindow[], callback: MergeCallback): void {
    mergeTimeWindows(windows, callback);
  }

  defaultTrigger(): Trigger {
    return this.isEventTime ? new EventTimeTrigger() : new ProcessingTimeTrigger();
  }

  private gapOf(value: unknown): number {
    if (typeof this.gap === 'number') return this.gap;
    const gap = this.gap(value);
    if (typeof gap !== 'number' || !(gap > 0)) {
      throw new Error(`dynamic session gap must satisfy 0 < gap, got ${String(gap)}`);
    }
    return gap;
  }
}
