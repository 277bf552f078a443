import { describe, expect, it } from 'vitest';
import { CountTrigger } from './count-trigger.js';
import { TimeWindow } from './time-window.js';
import { TriggerResult } from './trigger.js';
import { triggerWorld } from './trigger-world.js';

const { CONTINUE, FIRE } = TriggerResult;
const w = new TimeWindow(0, 1000);

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
