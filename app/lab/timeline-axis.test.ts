import { describe, expect, it } from 'vitest';
import { AXIS_HEIGHT, LANE_HEIGHT, eventTimeScale, nearestItem, processingFrame, sharedDomain, stackLanes } from './timeline-axis';

describe('the axes every lab timeline shares', () => {
  it('spans the event times of every timeline shown together, or 0 to 10 s when none saw anything', () => {
    expect(sharedDomain([
      [5_000, 20_000],
      [1_000, 12_000],
    ])).toEqual([1_000, 20_000]);
    expect(sharedDomain([[Infinity, -Infinity]])).toEqual([0, 10_000]);
    // Two compared timelines get the same scale from the same domain.
    const d = sharedDomain([[0, 30_000]]);
    expect(eventTimeScale(d, 900)(15_000)).toBe(eventTimeScale(d, 900)(15_000));
  });

  it('stacks lanes under the axis, of one height or each its own', () => {
    const even = stackLanes(['a', 'b', 'c']);
    expect([even.top('a'), even.top('c'), even.bottom]).toEqual([AXIS_HEIGHT, AXIS_HEIGHT + 2 * LANE_HEIGHT, AXIS_HEIGHT + 3 * LANE_HEIGHT]);
    const tall = stackLanes(['a', 'b'], (k) => (k === 'a' ? 60 : LANE_HEIGHT));
    expect([tall.top('b'), tall.height('a'), tall.bottom]).toEqual([AXIS_HEIGHT + 60, 60, AXIS_HEIGHT + 60 + LANE_HEIGHT]);
  });

  it('runs processing time down from step 0 to the last step', () => {
    const f = processingFrame(eventTimeScale([0, 1000], 800), 800, 40);
    expect(f.axis).toBe('processing-time');
    expect(f.y!(0)).toBeLessThan(f.y!(40));
    expect(f.y!(40)).toBeLessThan(f.height);
  });

  it('finds the nearest mark within the radius, and none farther', () => {
    const points = [
      { x: 10, y: 10 },
      { x: 14, y: 10 },
    ];
    expect(nearestItem(points, (p) => p, 13, 10, 6)).toBe(points[1]);
    expect(nearestItem(points, (p) => p, 40, 40, 6)).toBeNull();
  });
});
