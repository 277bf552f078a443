import { describe, expect, it } from 'vitest';
import { GLOBAL_WINDOW } from './global-window.js';
import { TimeEvictor } from './time-evictor.js';

const ctx = { currentWatermark: () => 0, currentProcessingTime: () => 0 };

describe('TimeEvictor', () => {
  it('drops elements at or before newest − size (the cutoff itself included), wherever they are', () => {
    const els = { values: ['a', 'b', 'c', 'd'], timestamps: [1000, 9000, 7000, 7500] };
    new TimeEvictor(2000).evictBefore(els, GLOBAL_WINDOW, ctx);
    expect(els).toEqual({ values: ['b', 'd'], timestamps: [9000, 7500] });
  });

  it('does nothing when the first element has no timestamp', () => {
    const els = { values: ['a', 'b'], timestamps: [null, 9000] };
    new TimeEvictor(10).evictBefore(els, GLOBAL_WINDOW, ctx);
    expect(els.values).toEqual(['a', 'b']);
  });

  it('drops later elements without a timestamp as the earliest time', () => {
    const els = { values: ['a', 'b'], timestamps: [9000, null] };
    new TimeEvictor(10).evictBefore(els, GLOBAL_WINDOW, ctx);
    expect(els).toEqual({ values: ['a'], timestamps: [9000] });
  });
});
