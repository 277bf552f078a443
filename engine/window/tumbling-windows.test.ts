import { describe, expect, it } from 'vitest';
import { EventTimeTrigger } from './event-time-trigger.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
import { windowStartWithOffset } from './time-window.js';
import { TumblingWindows } from './tumbling-windows.js';

const clockAt = (t: number) => ({ currentProcessingTime: () => t });
const noClock = clockAt(0);
const starts = (ws: readonly { ns: string }[]) => ws.map((w) => w.ns);

describe('TumblingWindows', () => {
  it('assigns one window [start, start + size) by event time', () => {
    expect(starts(new TumblingWindows(5000, 0, 'event').assignWindows(null, 7300, noClock))).toEqual(['5000:10000']);
  });

  it('shifts windows by the offset, remainder towards −∞', () => {
    const a = new TumblingWindows(7, 3, 'event');
    expect(starts(a.assignWindows(null, 1, noClock))).toEqual(['-4:3']);
    expect(starts(a.assignWindows(null, 10, noClock))).toEqual(['10:17']);
  });

  it('uses the processing-time clock and ignores the record timestamp in processing time', () => {
    const a = new TumblingWindows(3000, 0, 'processing');
    expect(starts(a.assignWindows(null, 99999, clockAt(3)))).toEqual(['0:3000']);
    expect(a.isEventTime).toBe(false);
    expect(a.defaultTrigger()).toBeInstanceOf(ProcessingTimeTrigger);
  });

  it('defaults to the event-time trigger in event time', () => {
    expect(new TumblingWindows(10, 0, 'event').defaultTrigger()).toBeInstanceOf(EventTimeTrigger);
  });

  it('refuses records without a timestamp in event time', () => {
    expect(() => new TumblingWindows(10, 0, 'event').assignWindows(null, -Infinity, noClock)).toThrow(/no timestamp/);
  });

  it('gives records of the same window the same window object, and the next window a new one', () => {
    const a = new TumblingWindows(10, 0, 'event');
    const first = a.assignWindows(null, 3, noClock)[0];
    expect(a.assignWindows(null, 9, noClock)[0]).toBe(first);
    expect(starts(a.assignWindows(null, 10, noClock))).toEqual(['10:20']);
    expect(starts(a.assignWindows(null, 9, noClock))).toEqual(['0:10']);
    expect(starts(a.assignWindows(null, -1, noClock))).toEqual(['-10:0']);
  });

  it('gives every record the window of the start formula, whatever came before (integers, fractions, huge times)', () => {
    let seed = 3;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    const cases: Array<[number, number]> = [
      [1000, 0],
      [7, 3],
      [1000, -400],
      [0.5, 0.25],
      [2 ** 51, 5],
    ];
    for (const [size, offset] of cases) {
      const a = new TumblingWindows(size, offset, 'event');
      let t = 0;
      for (let i = 0; i < 2000; i++) {
        const r = rnd(10);
        if (r < 5) t += rnd(3) - 1;
        else if (r < 7) t += (rnd(2000) - 1000) * size * 0.01;
        else if (r < 8) t = rnd(3) === 0 ? 0.1 + rnd(5) : -997 + rnd(3);
        else if (r < 9) t = (rnd(2) === 0 ? 1 : -1) * (2 ** 52 + rnd(5) * 2 ** 40) + rnd(3);
        else t = 1.7e12 + rnd(100000) / (rnd(2) === 0 ? 1 : 7);
        const start = windowStartWithOffset(t, offset, size);
        const [w] = a.assignWindows(null, t, noClock);
        expect([w!.start, w!.end], `t = ${t}`).toEqual([start, start + size]);
      }
    }
  });

  it('goes back to the window before without a new window object', () => {
    const a = new TumblingWindows(10, 0, 'event');
    const first = a.assignWindows(null, 9, noClock)[0];
    const second = a.assignWindows(null, 10, noClock)[0];
    expect(a.assignWindows(null, 8, noClock)[0]).toBe(first);
    expect(a.assignWindows(null, 11, noClock)[0]).toBe(second);
  });

  it('follows the processing-time clock from one record to the next', () => {
    const a = new TumblingWindows(10, 0, 'processing');
    expect(starts(a.assignWindows(null, 0, clockAt(5)))).toEqual(['0:10']);
    expect(starts(a.assignWindows(null, 0, clockAt(15)))).toEqual(['10:20']);
  });

  it('requires |offset| < size', () => {
    expect(() => new TumblingWindows(10, 10, 'event')).toThrow(/offset/);
    expect(() => new TumblingWindows(10, -10, 'event')).toThrow(/offset/);
  });
});
