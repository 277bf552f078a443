import { describe, expect, it } from 'vitest';
import { ContinuousEventTimeTrigger } from './continuous-event-time-trigger.js';
import { TimeWindow } from './time-window.js';
import { TriggerResult } from './trigger.js';
import { triggerWorld } from './trigger-world.js';

const { CONTINUE, FIRE } = TriggerResult;
const w = new TimeWindow(0, 1000);

describe('ContinuousEventTimeTrigger', () => {
  it('schedules the first firing at the next multiple of the interval after the first element', () => {
    const t = new ContinuousEventTimeTrigger(300);
    const world = triggerWorld();
    t.onElement(null, 250, w, world.at(w));
    t.onElement(null, 700, w, world.at(w));
    expect(world.backend.table('trigger/fire-time').get(w.ns)).toBe(300);
  });

  it('fires on each interval timer and reschedules, never past the window max timestamp', () => {
    const t = new ContinuousEventTimeTrigger(400);
    const world = triggerWorld();
    t.onElement(null, 10, w, world.at(w));
    expect(t.onEventTime(400, w, world.at(w))).toBe(FIRE);
    expect(t.onEventTime(800, w, world.at(w))).toBe(FIRE);
    expect(world.backend.table('trigger/fire-time').get(w.ns)).toBe(999);
    expect(t.onEventTime(999, w, world.at(w))).toBe(FIRE);
  });

  it('ignores a timer that is neither its fire time nor the window end', () => {
    const t = new ContinuousEventTimeTrigger(400);
    const world = triggerWorld();
    t.onElement(null, 10, w, world.at(w));
    expect(t.onEventTime(500, w, world.at(w))).toBe(CONTINUE);
  });

  it('keeps the earliest pending fire time when windows merge', () => {
    const t = new ContinuousEventTimeTrigger(1000);
    const world = triggerWorld();
    const a = new TimeWindow(1500, 4500);
    const b = new TimeWindow(4000, 7000);
    const merged = new TimeWindow(1500, 7000);
    t.onElement(null, 1500, a, world.at(a));
    t.onElement(null, 4000, b, world.at(b));
    world.ctx.window = merged;
    world.ctx.mergedWindows = [a, b];
    t.onMerge(merged, world.ctx);
    expect(world.backend.table('trigger/fire-time').get(merged.ns)).toBe(2000);
  });

  it('removes its fire time and timer on clear', () => {
    const t = new ContinuousEventTimeTrigger(400);
    const world = triggerWorld();
    t.onElement(null, 10, w, world.at(w));
    t.clear(w, world.at(w));
    expect(world.backend.table('trigger/fire-time').get(w.ns)).toBeUndefined();
    // Only the end-of-window timer remains (the window operator's cleanup removes it).
    expect(world.timers.numEventTimeTimers()).toBe(1);
  });
});
