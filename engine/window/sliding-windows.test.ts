import { describe, expect, it } from 'vitest';
import { SlidingWindows } from './sliding-windows.js';

const clockAt = (t: number) => ({ currentProcessingTime: () => t });
const noClock = clockAt(0);
const starts = (ws: readonly { ns: string }[]) => ws.map((w) => w.ns);

describe('SlidingWindows', () => {
  it('assigns size/slide windows, latest first: 5000/1000 at t = 0 starts 0 … −4000', () => {
    const ws = new SlidingWindows(5000, 1000, 0, 'event').assignWindows(null, 0, noClock);
    expect(ws.map((w) => w.start)).toEqual([0, -1000, -2000, -3000, -4000]);
    expect(ws.every((w) => w.end - w.start === 5000)).toBe(true);
  });

  it('assigns exactly the windows containing t', () => {
    const ws = new SlidingWindows(3000, 1000, 0, 'event').assignWindows(null, 2999, noClock);
    expect(starts(ws)).toEqual(['2000:5000', '1000:4000', '0:3000']);
  });

  it('aligns starts to the offset', () => {
    const ws = new SlidingWindows(10, 5, 2, 'event').assignWindows(null, 3, noClock);
    expect(starts(ws)).toEqual(['2:12', '-3:7']);
  });

  it('uses the processing-time clock in processing time', () => {
    expect(starts(new SlidingWindows(3000, 1000, 0, 'processing').assignWindows(null, 7, clockAt(3)))).toEqual([
      '0:3000',
      '-1000:2000',
      '-2000:1000',
    ]);
  });

  it('gives each record its own windows when size is not a multiple of slide, from one record to the next', () => {
    const a = new SlidingWindows(5, 2, 0, 'event');
    expect(starts(a.assignWindows(null, 4, noClock))).toEqual(['4:9', '2:7', '0:5']);
    expect(starts(a.assignWindows(null, 5, noClock))).toEqual(['4:9', '2:7']);
    expect(starts(a.assignWindows(null, 4, noClock))).toEqual(['4:9', '2:7', '0:5']);
    expect(starts(a.assignWindows(null, 6, noClock))).toEqual(['6:11', '4:9', '2:7']);
    expect(starts(a.assignWindows(null, -1, noClock))).toEqual(['-2:3', '-4:1']);
  });

  it('gives records of the same windows the same window objects', () => {
    const a = new SlidingWindows(3000, 1000, 0, 'event');
    const first = a.assignWindows(null, 2000, noClock);
    expect(a.assignWindows(null, 2999, noClock)).toBe(first);
    expect(starts(a.assignWindows(null, 3000, noClock))).toEqual(['3000:6000', '2000:5000', '1000:4000']);
  });

  it('requires |offset| < slide and positive size and slide', () => {
    expect(() => new SlidingWindows(10, 5, 5, 'event')).toThrow();
    expect(() => new SlidingWindows(10, 0, 0, 'event')).toThrow();
  });
});
