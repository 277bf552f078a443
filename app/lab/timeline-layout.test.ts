import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../format/time';
import { timeTicks } from './timeline-layout';

describe('the timeline axis', () => {
  it('puts as many event-time labels as fit, never overlapping, fewer on a narrow timeline', () => {
    const counts: number[] = [];
    for (const [lo, hi] of [
      [0, 1_000_000],
      [1_700_000_000_000, 1_700_000_600_000],
    ] as const) {
      for (const width of [320, 600, 1200, 1800]) {
        const x = scaleLinear().domain([lo, hi]).range([112, width]);
        const ticks = timeTicks(x);
        expect(ticks.length).toBeGreaterThan(0);
        const widest = Math.max(...ticks.map((t) => formatInstant(t).length * 6.6));
        for (let i = 1; i < ticks.length; i++) expect(x(ticks[i]!) - x(ticks[i - 1]!)).toBeGreaterThanOrEqual(widest);
        counts.push(ticks.length);
      }
    }
    // Denser as it widens; dates (long labels) get fewer than times of day.
    expect(counts.slice(0, 4)).toEqual([...counts.slice(0, 4)].sort((a, b) => a - b));
    expect(counts[3]!).toBeGreaterThan(counts[0]!);
    expect(counts[7]!).toBeLessThan(counts[3]!);
  });
});
