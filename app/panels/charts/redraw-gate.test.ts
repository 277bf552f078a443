import { describe, expect, it } from 'vitest';
import { minRedrawGapMs, redrawDelay } from './redraw-gate';

describe('redrawDelay', () => {
  const base = { changed: true, inView: true, lastDrawAt: 1000, now: 1200, minGapMs: 0 };
  it('draws at once when the data changed and the chart is in view', () => {
    expect(redrawDelay(base)).toBe(0);
  });
  it('does not draw unchanged data, nor a chart out of view', () => {
    expect(redrawDelay({ ...base, changed: false })).toBeNull();
    expect(redrawDelay({ ...base, inView: false })).toBeNull();
  });
  it('draws a chart of many lines at the end of its gap, not before', () => {
    expect(redrawDelay({ ...base, minGapMs: 1000 })).toBe(800);
    expect(redrawDelay({ ...base, minGapMs: 1000, now: 2500 })).toBe(0);
    expect(redrawDelay({ ...base, minGapMs: 1000, lastDrawAt: -Infinity })).toBe(0);
  });
});

describe('minRedrawGapMs', () => {
  it('lets a few lines follow every point and many lines redraw once a second', () => {
    expect(minRedrawGapMs(3)).toBe(0);
    expect(minRedrawGapMs(90)).toBe(1000);
  });
});
