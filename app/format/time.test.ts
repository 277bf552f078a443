import { describe, expect, it } from 'vitest';
import { formatInstant, instantTitle, isTimeColumn } from './time';

describe('times', () => {
  it('reads instants from the stream zero as a clock, epoch milliseconds as UTC dates', () => {
    expect(formatInstant(60_000)).toBe('00:01:00.000');
    expect(formatInstant(-1)).toBe('−00:00:00.001');
    expect(formatInstant(1_700_000_000_000)).toBe('2023-11-14 22:13:20.000 UTC');
    expect(instantTitle(60_000)).toBe('00:01:00.000 (60000 ms)');
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
