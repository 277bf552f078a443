import { describe, expect, it } from 'vitest';
import { EventTimeTrigger } from './event-time-trigger.js';
import { ProcessingTimeTrigger } from './processing-time-trigger.js';
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
