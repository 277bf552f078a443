/** Flink's ProcessingTimeTrigger: the default trigger of processing-time windows. */
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';
import type { Window } from './window.js';

/** Fires when processing time reaches the window's max timestamp. Never purges. */
export class ProcessingTimeTrigger implements Trigger {
  readonly canMerge = true;

  onElement(_value: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    ctx.registerProcessingTimeTimer(window.maxTimestamp());
    return TriggerResult.CONTINUE;
  }

  onEventTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.FIRE;
  }

  onMerge(window: Window, ctx: OnMergeContext): void {
    const max = window.maxTimestamp();
    if (max > ctx.currentProcessingTime()) ctx.registerProcessingTimeTimer(max);
  }

  clear(window: Window, ctx: TriggerContext): void {
    ctx.deleteProcessingTimeTimer(window.maxTimestamp());
  }
}
