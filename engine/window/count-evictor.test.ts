import { describe, expect, it } from 'vitest';
import { CountEvictor } from './count-evictor.js';
import { GLOBAL_WINDOW } from './global-window.js';

const ctx = { currentWatermark: () => 0, currentProcessingTime: () => 0 };

describe('CountEvictor', () => {
  it('keeps only the last n elements, timestamps aligned', () => {
    const els = { values: ['a', 'b', 'c', 'd'], timestamps: [1, 2, null, 4] };
    new CountEvictor(2).evictBefore(els, GLOBAL_WINDOW, ctx);
    expect(els).toEqual({ values: ['c', 'd'], timestamps: [null, 4] });
  });

  it('leaves windows with at most n elements alone', () => {
    const els = { values: ['a', 'b'], timestamps: [1, 2] };
    new CountEvictor(2).evictBefore(els, GLOBAL_WINDOW, ctx);
    expect(els.values).toEqual(['a', 'b']);
  });
});
