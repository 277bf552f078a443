import { describe, expect, it } from 'vitest';
import { GLOBAL_WINDOW } from './global-window.js';
import { TimeWindow, mergeTimeWindows, windowStartWithOffset } from './time-window.js';
import { windowFromNamespace, windowInfo, windowNamespace } from './window.js';

describe('windowStartWithOffset', () => {
  it('rounds towards −∞: size 7, offset 3 maps 1 → −4, 3 → 3, 10 → 10', () => {
    expect(windowStartWithOffset(1, 3, 7)).toBe(-4);
    expect(windowStartWithOffset(3, 3, 7)).toBe(3);
    expect(windowStartWithOffset(10, 3, 7)).toBe(10);
  });

  it('puts negative timestamps in the window below them, not towards zero', () => {
    expect(windowStartWithOffset(-1, 0, 5)).toBe(-5);
    expect(windowStartWithOffset(-5, 0, 5)).toBe(-5);
    expect(windowStartWithOffset(-6, 0, 5)).toBe(-10);
  });

  it('accepts a negative offset', () => {
    expect(windowStartWithOffset(0, -2, 5)).toBe(-2);
    expect(windowStartWithOffset(3, -2, 5)).toBe(3);
  });
});

describe('TimeWindow', () => {
  it('has maxTimestamp = end − 1', () => {
    expect(new TimeWindow(0, 5000).maxTimestamp()).toBe(4999);
  });

  it('intersects a window it merely touches', () => {
    expect(new TimeWindow(0, 3).intersects(new TimeWindow(3, 5))).toBe(true);
    expect(new TimeWindow(3, 5).intersects(new TimeWindow(0, 3))).toBe(true);
  });

  it('does not intersect a window one ms away', () => {
    expect(new TimeWindow(0, 3).intersects(new TimeWindow(4, 6))).toBe(false);
  });

  it('covers two windows with the smallest window containing both', () => {
    expect(new TimeWindow(5, 8).cover(new TimeWindow(0, 3))).toEqual(new TimeWindow(0, 8));
  });
});

describe('mergeTimeWindows', () => {
  it('reports each group of overlapping or touching windows with its cover', () => {
    const groups: string[] = [];
    mergeTimeWindows(
      [new TimeWindow(10, 13), new TimeWindow(0, 3), new TimeWindow(3, 5), new TimeWindow(20, 22), new TimeWindow(12, 15)],
      (members, result) => groups.push(`${members.map((w) => w.ns).join(',')}=>${result.ns}`),
    );
    expect(groups).toEqual(['0:3,3:5=>0:5', '10:13,12:15=>10:15']);
  });

  it('counts identical windows once, so a duplicate alone is no merge', () => {
    const groups: unknown[] = [];
    mergeTimeWindows([new TimeWindow(1, 2), new TimeWindow(1, 2)], (m) => groups.push(m));
    expect(groups).toEqual([]);
  });
});

describe('window namespaces', () => {
  it('encode time windows as "start:end" and decode them back, negatives included', () => {
    const w = new TimeWindow(-4000, 1000);
    expect(windowNamespace(w)).toBe('-4000:1000');
    expect(windowFromNamespace('-4000:1000')).toEqual(w);
  });

  it('encode the global window as a constant that decodes to the same window', () => {
    expect(windowFromNamespace(windowNamespace(GLOBAL_WINDOW))).toBe(GLOBAL_WINDOW);
    expect(GLOBAL_WINDOW.maxTimestamp()).toBe(Infinity);
  });

  it('reject text no window produces', () => {
    expect(() => windowFromNamespace('nope')).toThrow(/not a window namespace/);
  });

  it('describe the global window to user code with null start and end', () => {
    expect(windowInfo(GLOBAL_WINDOW)).toEqual({ start: null, end: null, maxTimestamp: Infinity });
    expect(windowInfo(new TimeWindow(0, 10))).toEqual({ start: 0, end: 10, maxTimestamp: 9 });
  });
});
