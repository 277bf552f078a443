/** Flink's GlobalWindows.EndOfStreamTrigger (GlobalWindows.createWithEndOfStreamTrigger). */
import { MAX_WATERMARK } from '../operators/operator.js';
import { type Trigger, type TriggerContext, TriggerResult } from './trigger.js';
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

  onEventTime(time: number): TriggerResult {
    return time === MAX_WATERMARK ? TriggerResult.FIRE : TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onMerge(): void {}

  clear(): void {}
}
