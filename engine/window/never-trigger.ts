/** Flink's GlobalWindows.NeverTrigger: the default trigger of global windows. */
import { type Trigger, TriggerResult } from './trigger.js';

/** Never fires and keeps nothing: a global window needs an explicit trigger to emit. */
export class NeverTrigger implements Trigger {
  // Flink's NeverTrigger does not declare merge support either.
  readonly canMerge = false;

  onElement(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onMerge(): void {}

  clear(): void {}
}
