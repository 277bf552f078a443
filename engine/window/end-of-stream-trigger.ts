/** Flink's GlobalWindows.EndOfStreamTrigger (GlobalWindows.createWithEndOfStreamTrigger). */
import { MAX_WATERMARK } from '../operators/operator.js';
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';
import type { Window } from './window.js';

/**
 * Fires once, when the watermark reaches +∞ (the end of a bounded input). On the global window
 * this is exactly Flink's trigger, whose timer sits at the window's max timestamp (+∞).
 */
export class EndOfStreamTrigger implements Trigger {
  readonly canMerge = false;

  onElement(_value: unknown, _timestamp: number, _window: Window, ctx: TriggerContext): TriggerResult {
    ctx.registerEventTimeTimer(MAX_WATERMARK);
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return time === MAX_WATERMARK ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onMerge(_window: Window, _ctx: OnMergeContext): void {}

  clear(_window: Window, _ctx: TriggerContext): void {}
}
