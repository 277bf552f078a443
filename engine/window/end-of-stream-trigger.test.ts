import { describe, expect, it } from 'vitest';
import { EndOfStreamTrigger } from './end-of-stream-trigger.js';
import { GLOBAL_WINDOW } from './global-window.js';
import { TriggerResult } from './trigger.js';
import { triggerWorld } from './trigger-world.js';

const { CONTINUE, FIRE } = TriggerResult;

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
