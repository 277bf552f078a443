import { describe, expect, it } from 'vitest';
import { formatDuration, formatInstant, formatInstantTick, formatWallClock, instantTitle, isTimeColumn } from './time';

describe('times', () => {
  it('reads instants from the stream zero as a clock, epoch milliseconds as UTC dates', () => {
    expect(formatInstant(60_000)).toBe('00:01:00.000');
    expect(formatInstant(-1)).toBe('−00:00:00.001');
    expect(formatInstant(1_700_000_000_000)).toBe('2023-11-14 22:13:20.000 UTC');
    expect(instantTitle(60_000)).toBe('00:01:00.000 (60000 ms)');
    expect(formatInstant(-Infinity)).toBe('none yet');
    expect(formatInstant(Infinity)).toBe('end of input');
  });

  it('writes durations with units, wall-clock moments in local 24-hour time, axis ticks short', () => {
    expect([850, 2500, 12_340, 125_000, Number.NaN].map(formatDuration)).toEqual(['850 ms', '2.50 s', '12.3 s', '2 min 05 s', '—']);
    const at = new Date(2026, 11, 3, 9, 5, 7).getTime();
    expect(formatWallClock(at, at + 1000)).toBe('09:05:07');
    expect(formatWallClock(at, at + 2 * 86_400_000)).toBe('2026-12-03 09:05:07');
    expect(formatInstantTick(60_000)).toBe('00:01:00');
    expect(formatInstantTick(60_250)).toBe('00:01:00.250');
    expect(formatInstantTick(1_700_000_000_000)).toBe('22:13:20');
  });

  it('knows time columns by their name and whole-number values', () => {
    expect(isTimeColumn('windowEnd', [60_000, 120_000])).toBe(true);
    expect(isTimeColumn('window_start', [0])).toBe(true);
    expect(isTimeColumn('ts', [undefined, 8000])).toBe(true);
    expect(isTimeColumn('eventTime', [5])).toBe(true);
    expect(isTimeColumn('end', [42_000])).toBe(true);
    // A count, a name that is not a time, values that are not instants.
    expect(isTimeColumn('value', [60_000])).toBe(false);
    expect(isTimeColumn('pages', [1])).toBe(false);
    expect(isTimeColumn('ts', ['yesterday'])).toBe(false);
    expect(isTimeColumn('ts', [1.5])).toBe(false);
    expect(isTimeColumn('ts', [])).toBe(false);
  });
});
