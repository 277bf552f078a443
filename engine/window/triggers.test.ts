import { describe, expect, it } from 'vitest';
import { ContinuousEventTimeTrigger } from './continuous-event-time-trigger.js';
import { CountTrigger } from './count-trigger.js';
import { EndOfStreamTrigger } from './end-of-stream-trigger.js';
import { EventTimeTrigger } from './event-time-trigger.js';
import { GLOBAL_WINDOW } from './global-window.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { PurgingTrigger } from './purging-trigger.js';
import { TimeWindow } from './time-window.js';
import { TriggerResult } from './trigger.js';
import { triggerWorld } from './trigger-world.js';

const { CONTINUE, FIRE, FIRE_AND_PURGE } = TriggerResult;
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

describe('ProcessingTimeTrigger', () => {
  it('sets a processing-time timer at maxTimestamp and fires on it', () => {
    const t = new ProcessingTimeTrigger();
    const world = triggerWorld();
    expect(t.onElement(null, 10, w, world.at(w))).toBe(CONTINUE);
    expect(world.timers.nextProcessingTime()).toBe(999);
    expect(t.onProcessingTime(999, w, world.at(w))).toBe(FIRE);
  });
});

describe('CountTrigger', () => {
  it('fires on the n-th element and starts counting again', () => {
    const t = new CountTrigger(3);
    const world = triggerWorld();
    const results = [1, 2, 3, 4, 5, 6].map(() => t.onElement(null, 0, w, world.at(w)));
    expect(results).toEqual([CONTINUE, CONTINUE, FIRE, CONTINUE, CONTINUE, FIRE]);
  });

  it('keeps its count in keyed state, per window', () => {
    const t = new CountTrigger(5);
    const world = triggerWorld();
    const other = new TimeWindow(1000, 2000);
    t.onElement(null, 0, w, world.at(w));
    t.onElement(null, 0, w, world.at(w));
    t.onElement(null, 0, other, world.at(other));
    expect(world.backend.table('trigger/count').get(w.ns)).toBe(2);
    expect(world.backend.table('trigger/count').get(other.ns)).toBe(1);
    t.clear(w, world.at(w));
    expect(world.backend.table('trigger/count').get(w.ns)).toBeUndefined();
  });

  it('sums the counts of merged windows', () => {
    const t = new CountTrigger(4);
    const world = triggerWorld();
    const a = new TimeWindow(0, 3);
    const b = new TimeWindow(5, 8);
    const merged = new TimeWindow(0, 8);
    t.onElement(null, 0, a, world.at(a));
    t.onElement(null, 0, a, world.at(a));
    t.onElement(null, 5, b, world.at(b));
    world.ctx.window = merged;
    world.ctx.mergedWindows = [a, b];
    t.onMerge(merged, world.ctx);
    expect(t.onElement(null, 4, merged, world.at(merged))).toBe(FIRE);
  });
});

describe('PurgingTrigger', () => {
  it('turns FIRE into FIRE_AND_PURGE and passes CONTINUE through', () => {
    const t = new PurgingTrigger(new CountTrigger(2));
    const world = triggerWorld();
    expect(t.onElement(null, 0, w, world.at(w))).toBe(CONTINUE);
    expect(t.onElement(null, 0, w, world.at(w))).toBe(FIRE_AND_PURGE);
    expect(new PurgingTrigger(new EventTimeTrigger()).onEventTime(999, w, world.at(w))).toBe(FIRE_AND_PURGE);
  });
});

describe('EndOfStreamTrigger', () => {
  it('fires only on the timer at +∞', () => {
    const t = new EndOfStreamTrigger();
    const world = triggerWorld();
    expect(t.onElement(null, 0, GLOBAL_WINDOW, world.at(GLOBAL_WINDOW))).toBe(CONTINUE);
    world.timers.advanceWatermark(1e15);
    expect(world.fired).toEqual([]);
    world.timers.advanceWatermark(Infinity);
    expect(world.fired.map((f) => f.timestamp)).toEqual([Infinity]);
    expect(t.onEventTime(Infinity, GLOBAL_WINDOW, world.at(GLOBAL_WINDOW))).toBe(FIRE);
  });
});

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
