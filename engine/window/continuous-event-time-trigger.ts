/** Flink's ContinuousEventTimeTrigger. */
import { type OnMergeContext, type ReducingWindowState, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';
import type { Window } from './window.js';

const FIRE_TIME = 'fire-time';
const min = (a: number, b: number) => Math.min(a, b);

/**
 * Fires every `interval` of event time while the window is open, at multiples of the interval
 * (the first at `t − (t % interval) + interval` for the window's first element `t`, Java `%`),
 * never later than the window's max timestamp, and fires once more when the watermark reaches the
 * max timestamp. The pending fire time lives in keyed state; merged windows keep the earliest.
 */
export class ContinuousEventTimeTrigger implements Trigger {
  readonly canMerge = true;

  constructor(readonly interval: number) {}

  onElement(_value: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    const max = window.maxTimestamp();
    if (max <= ctx.currentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(max);
    const fireTime = ctx.reducingState(FIRE_TIME, min);
    if (fireTime.get() === undefined) {
      if (!Number.isFinite(timestamp)) throw new Error('the continuous-event-time trigger needs records with timestamps (add a watermarks node)');
      this.registerNext(timestamp - (timestamp % this.interval), window, ctx, fireTime);
    }
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return TriggerResult.FIRE;
    const fireTime = ctx.reducingState(FIRE_TIME, min);
    if (fireTime.get() === time) {
      fireTime.clear();
      this.registerNext(time, window, ctx, fireTime);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergeReducingState(FIRE_TIME, min);
    const next = ctx.reducingState(FIRE_TIME, min).get();
    if (next !== undefined) ctx.registerEventTimeTimer(next);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const fireTime = ctx.reducingState(FIRE_TIME, min);
    const next = fireTime.get();
    if (next !== undefined) {
      ctx.deleteEventTimeTimer(next);
      fireTime.clear();
    }
  }

  private registerNext(time: number, window: Window, ctx: TriggerContext, fireTime: ReducingWindowState<number>): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    fireTime.add(next);
    ctx.registerEventTimeTimer(next);
  }
}
