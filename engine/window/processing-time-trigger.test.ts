import { describe, expect, it } from 'vitest';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { TriggerResult } from './trigger.js';
import { TimeWindow } from './time-window.js';
import { triggerWorld } from './trigger-world.js';

const { CONTINUE, FIRE } = TriggerResult;
const w = new TimeWindow(0, 1000);

describe('ProcessingTimeTrigger', () => {
  it('sets a processing-time timer at maxTimestamp and fires on it', () => {
    const t = new ProcessingTimeTrigger();
    const world = triggerWorld();
    expect(t.onElement(null, 10, w, world.at(w))).toBe(CONTINUE);
    expect(world.timers.nextProcessingTime()).toBe(999);
    expect(t.onProcessingTime(999, w, world.at(w))).toBe(FIRE);
  });
});
