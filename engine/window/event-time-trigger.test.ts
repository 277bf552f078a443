import { describe, expect, it } from 'vitest';
import { EventTimeTrigger } from './event-time-trigger.js';
import { TriggerResult } from './trigger.js';
import { TimeWindow } from './time-window.js';
import { triggerWorld } from './trigger-world.js';

const { CONTINUE, FIRE } = TriggerResult;
const w = new TimeWindow(0, 1000);

describe('EventTimeTrigger', () => {
  it('sets a timer at maxTimestamp and fires on it', () => {
    const t = new EventTimeTrigger();
    const world = triggerWorld();
    expect(t.onElement(null, 10, w, world.at(w))).toBe(CONTINUE);
    expect(world.timers.numEventTimeTimers()).toBe(1);
    expect(t.onEventTime(998, w, world.at(w))).toBe(CONTINUE);
    expect(t.onEventTime(999, w, world.at(w))).toBe(FIRE);
  });

  it('fires at once for a record whose window the watermark has reached', () => {
    const world = triggerWorld();
    world.timers.advanceWatermark(999);
    expect(new EventTimeTrigger().onElement(null, 10, w, world.at(w))).toBe(FIRE);
  });

  it('deletes its timer on clear', () => {
    const t = new EventTimeTrigger();
    const world = triggerWorld();
    t.onElement(null, 10, w, world.at(w));
    t.clear(w, world.at(w));
    expect(world.timers.numEventTimeTimers()).toBe(0);
  });
});
