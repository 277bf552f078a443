/** Flink's GlobalWindows (create / createWithEndOfStreamTrigger). */
import { GLOBAL_WINDOW, type GlobalWindow } from './global-window.js';
import { NeverTrigger } from './never-trigger.js';
import type { Trigger } from './trigger.js';
import type { WindowAssigner } from './window-assigner.js';

// Shared: the operator only reads the list, so no array per record.
const ONLY_GLOBAL: readonly GlobalWindow[] = Object.freeze([GLOBAL_WINDOW]);

/**
 * Puts every record of a key into the one global window. Not event time (as in Flink): nothing
 * is ever late and no cleanup timer is set. The default trigger never fires unless another is given.
 */
export class GlobalWindows implements WindowAssigner {
  readonly isEventTime = false;

  constructor(private readonly trigger: () => Trigger = () => new NeverTrigger()) {}

  assignWindows(): readonly GlobalWindow[] {
    return ONLY_GLOBAL;
  }

  defaultTrigger(): Trigger {
    return this.trigger();
  }
}
