import { describe, expect, it } from 'vitest';
import { CountTrigger } from './count-trigger.js';
import { EventTimeTrigger } from './event-time-trigger.js';
import { PurgingTrigger } from './purging-trigger.js';
import { TriggerResult } from './trigger.js';
import { TimeWindow } from './time-window.js';
import { triggerWorld } from './trigger-world.js';

const { CONTINUE, FIRE_AND_PURGE } = TriggerResult;
const w = new TimeWindow(0, 1000);

describe('PurgingTrigger', () => {
  it('turns FIRE into FIRE_AND_PURGE and passes CONTINUE through', () => {
    const t = new PurgingTrigger(new CountTrigger(2));
    const world = triggerWorld();
    expect(t.onElement(null, 0, w, world.at(w))).toBe(CONTINUE);
    expect(t.onElement(null, 0, w, world.at(w))).toBe(FIRE_AND_PURGE);
    expect(new PurgingTrigger(new EventTimeTrigger()).onEventTime(999, w, world.at(w))).toBe(FIRE_AND_PURGE);
  });
});
