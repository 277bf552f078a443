import { describe, expect, it } from 'vitest';
import { GLOBAL_WINDOW } from './global-window.js';
import { GlobalWindows } from './global-windows.js';
import { NeverTrigger } from './never-trigger.js';

describe('GlobalWindows', () => {
  it('puts every record in the global window, is not event time and never fires by default', () => {
    const a = new GlobalWindows();
    expect(a.assignWindows()).toEqual([GLOBAL_WINDOW]);
    expect(a.isEventTime).toBe(false);
    expect(a.defaultTrigger()).toBeInstanceOf(NeverTrigger);
  });
});
