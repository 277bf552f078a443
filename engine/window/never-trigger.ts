/** Flink's GlobalWindows.NeverTrigger: the default trigger of global windows. */
import { type OnMergeContext, type Trigger, type TriggerContext, TriggerResult } from './trigger.js';
import type { Window } from './window.js';

/** Never fires and keeps nothing: a global window needs an explicit trigger to emit. */
export class NeverTrigger implements Trigger {
  // Flink's NeverTrigger does not declare merge support either.
  readonly canMerge = false;

  onElement(_value: unknown, _timestamp: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onEventTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(_time: number, _window: Window, _ctx: TriggerContext): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onMerge(_window: Window, _ctx: OnMergeContext): void {}

  clear(_window: Window, _ctx: TriggerContext): void {}
}
