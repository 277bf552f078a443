/**
 * A small real world for trigger tests: a keyed state backend, a timer service with a manual
 * clock, and the window operator's trigger context over them.
 */
import { KeyedStateBackend } from '../state/keyed-state-backend.js';
import { ManualProcessingTime } from '../time/processing-time.js';
import { InternalTimerService, type Timer } from '../time/timer-service.js';
import { WindowTriggerContext } from './window-trigger-context.js';
import type { Window } from './window.js';

export function triggerWorld() {
  const backend = new KeyedStateBackend(128, { start: 0, end: 127 });
  const clock = new ManualProcessingTime(0);
  const timers = new InternalTimerService(backend, clock);
  const fired: Timer[] = [];
  timers.setTarget({ onEventTimer: (t) => fired.push(t), onProcessingTimer: (t) => fired.push(t) });
  backend.setCurrentKey('k');
  const ctx = new WindowTriggerContext(backend, timers);
  const at = (window: Window) => {
    ctx.window = window;
    return ctx;
  };
  return { backend, clock, timers, ctx, at, fired };
}
