import { describe, expect, it } from 'vitest';
import { formatInstant, formatWindow } from './time';

describe('readable event times', () => {
  it('shows small timestamps as a clock from zero, epoch milliseconds as UTC dates', () => {
    expect(formatInstant(0)).toBe('00:00:00.000');
    expect(formatInstant(60_000)).toBe('00:01:00.000');
    expect(formatInstant(3_723_004)).toBe('01:02:03.004');
    expect(formatInstant(-4000)).toBe('−00:00:04.000');
    expect(formatInstant(1_764_748_800_123)).toBe('2025-12-03 08:00:00.123 UTC');
  });
  it('names the ends of time', () => {
    expect(formatInstant(-Infinity)).toBe('none yet');
    expect(formatInstant(Infinity)).toBe('end of input');
    expect(formatWindow({ start: 0, end: 5000 })).toBe('[00:00:00.000, 00:00:05.000)');
  });
});
