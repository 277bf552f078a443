/** Flink's CountTrigger. */
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';
import type { Window } from './window.js';

const COUNT = 'count';
const sum = (a: number, b: number) => a + b;

/**
 * Fires when the window has received `maxCount` elements since it last fired, then starts
 * counting again. The count lives in keyed state; merged windows sum their counts.
 */
export class CountTrigger implements Trigger {
  readonly canMerge = true;

  constructor(readonly maxCount: number) {}

  onElement(_value: unknown, _timestamp: number, _window: Window, ctx: TriggerContext): TriggerResult {
    const count = ctx.reducingState(COUNT, sum);
    count.add(1);
    if (count.get()! >= this.maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onEventTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergeReducingState(COUNT, sum);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    ctx.reducingState(COUNT, sum).clear();
  }
}
