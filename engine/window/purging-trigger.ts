/** Flink's PurgingTrigger. */
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult, isFire } from './trigger.js';
import type { Window } from './window.js';

/** Wraps a trigger so that every FIRE becomes FIRE_AND_PURGE; everything else is delegated. */
export class PurgingTrigger implements Trigger {
  readonly canMerge: boolean;

  constructor(readonly nested: Trigger) {
    this.canMerge = nested.canMerge;
  }

  onElement(value: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onElement(value, timestamp, window, ctx));
  }

  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onEventTime(time, window, ctx));
  }

  onProcessingTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    return purging(this.nested.onProcessingTime(time, window, ctx));
  }

  onMerge(window: Window, ctx: OnMergeContext): void {
    this.nested.onMerge(window, ctx);
  }

  clear(window: Window, ctx: TriggerContext): void {
    this.nested.clear(window, ctx);
  }
}

function purging(r: TriggerResult): TriggerResult {
  return isFire(r) ? TriggerResult.FIRE_AND_PURGE : r;
}
