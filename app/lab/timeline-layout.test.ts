import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../format/time';
import { AXIS_HEIGHT, LANE_HEIGHT, rowsInView, timeTicks } from './timeline-axis';
import { latenessBand, layoutTimeline } from './timeline-layout';
import { timelineAt } from './timeline-index';

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

describe('what the timeline draws of its lanes', () => {
  it('only the lanes scrolled into view, and a lane either side', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    const steps = keys.map((key, step) => ({ step, node: 'w', subtask: 0, events: [{ type: 'window.assign' as const, key, ts: step, windows: [{ start: 0, end: 100 }] }] }));
    const L = layoutTimeline(timelineAt(steps, 'w', steps.length - 1), 800, 'keys');
    const shown = (top: number, height: number) => keys.filter((k) => rowsInView({ top, height })(L.laneTop(k), LANE_HEIGHT));
    // 360 px from the top: the axis and the first 13 lanes, and the 14th partly.
    expect(shown(0, 360)).toEqual(keys.slice(0, Math.ceil((360 - AXIS_HEIGHT) / LANE_HEIGHT) + 1));
    // Scrolled to lane 20: lanes 19 (the margin) to 33.
    const top = AXIS_HEIGHT + 20 * LANE_HEIGHT;
    expect(shown(top, 360)).toEqual(keys.slice(19, 20 + Math.ceil(360 / LANE_HEIGHT) + 1));
    expect(shown(L.height - 360, 360)).toContain('k49');
  });
});

describe('the allowed-lateness band', () => {
  const keys = ['a', 'b', 'c'];
  const steps = keys.map((key, step) => ({ step, node: 'w', subtask: 0, events: [{ type: 'window.assign' as const, key, ts: step * 10_000, windows: [{ start: step * 10_000, end: step * 10_000 + 10_000 }] }] }));
  const model = timelineAt(steps, 'w', steps.length - 1);

  it('spans the event times from the lateness horizon to the watermark, over every lane and not below the last', () => {
    const L = layoutTimeline(model, 900, 'keys');
    const band = latenessBand(L, 20_000, 5_000)!;
    expect(band.x).toBeCloseTo(L.x(15_000));
    expect(band.x + band.w).toBeCloseTo(L.x(20_000));
    expect(band.horizonX).toBeCloseTo(L.x(15_000));
    expect(band.y).toBe(L.laneTop('a'));
    expect(band.y + band.h).toBe(L.laneTop('c') + LANE_HEIGHT);
  });

  it('is cut at the axis: a horizon before the first event time has no edge drawn', () => {
    const L = layoutTimeline(model, 900, 'keys');
    const band = latenessBand(L, 2_000, 60_000)!;
    expect(band.x).toBe(L.x.range()[0]);
    expect(band.horizonX).toBeNull();
  });

  it('covers the processing-time plot in that view', () => {
    const L = layoutTimeline(model, 900, 'processing-time');
    const band = latenessBand(L, 20_000, 5_000)!;
    expect(band.y + band.h).toBe(L.y!.range()[1]);
  });

  it('is absent without allowed lateness or before the first watermark', () => {
    const L = layoutTimeline(model, 900, 'keys');
    expect(latenessBand(L, 20_000, 0)).toBeNull();
    expect(latenessBand(L, Number.NEGATIVE_INFINITY, 5_000)).toBeNull();
  });
});
