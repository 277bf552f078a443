/** Flink's EventTimeTrigger: the default trigger of event-time windows. */
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';
import type { Window } from './window.js';

/**
 * Fires when the watermark reaches the window's max timestamp (`end − 1`, reached means ≥).
 * A record for a window the watermark has already passed fires it at once (late firing);
 * otherwise a timer at `maxTimestamp` is set. Never purges.
 */
export class EventTimeTrigger implements Trigger {
  readonly canMerge = true;

  onElement(_value: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    const max = window.maxTimestamp();
    if (max <= ctx.currentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(max);
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window, _ctx: TriggerContext): TriggerResult {
    return time === window.maxTimestamp() ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onMerge(window: Window, ctx: OnMergeContext): void {
    // A merge result the watermark already passed gets no timer: the next element fires it.
    const max = window.maxTimestamp();
    if (max > ctx.currentWatermark()) ctx.registerEventTimeTimer(max);
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteEventTimeTimer(window.maxTimestamp());
  }
}
