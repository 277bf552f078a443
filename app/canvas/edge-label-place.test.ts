import { describe, expect, it } from 'vitest';
import { type FlowRect, boxBoundaryToward, placeLabel } from './edge-label-place';

const overlap = (c: { x: number; y: number }, s: { width: number; height: number }, r: FlowRect) =>
  c.x - s.width / 2 < r.x + r.width && c.x + s.width / 2 > r.x && c.y - s.height / 2 < r.y + r.height && c.y + s.height / 2 > r.y;

describe('placeLabel', () => {
  const size = { width: 120, height: 24 };

  it('leaves a label that covers no node at its edge’s middle', () => {
    const nodes = [
      { x: 0, y: 0, width: 100, height: 40 },
      { x: 300, y: 0, width: 100, height: 40 },
    ];
    expect(placeLabel({ x: 200, y: 20 }, size, nodes)).toEqual({ x: 200, y: 20 });
  });

  it('moves the label of a short edge between two nodes above or below both, as close as it can', () => {
    // A window node and its sink 60 px apart: a 120 px label at the middle covers both.
    const nodes = [
      { x: 0, y: 0, width: 180, height: 56 },
      { x: 240, y: 10, width: 120, height: 30 },
    ];
    const at = placeLabel({ x: 210, y: 25 }, size, nodes);
    for (const n of nodes) expect(overlap(at, size, n)).toBe(false);
    // Nearest spot: just clear of the taller node's top or bottom edge, not somewhere far away.
    expect(Math.abs(at.y - 25)).toBeLessThanOrEqual(56);
  });

  it('avoids a third node that sits where the label would first go', () => {
    const nodes = [
      { x: 0, y: 0, width: 180, height: 56 },
      { x: 240, y: 10, width: 120, height: 30 },
      { x: 150, y: -60, width: 140, height: 50 },
    ];
    const at = placeLabel({ x: 210, y: 25 }, size, nodes);
    for (const n of nodes) expect(overlap(at, size, n)).toBe(false);
  });

  it('stays at the middle when no clear spot is near', () => {
    const wall = [{ x: -1000, y: -1000, width: 2000, height: 2000 }];
    expect(placeLabel({ x: 0, y: 0 }, size, wall)).toEqual({ x: 0, y: 0 });
  });
});

describe('boxBoundaryToward', () => {
  it('meets the box’s bottom edge for a point straight below, its side for one beside it', () => {
    expect(boxBoundaryToward({ x: 0, y: 0 }, { width: 100, height: 20 }, { x: 0, y: 50 })).toEqual({ x: 0, y: 10 });
    expect(boxBoundaryToward({ x: 0, y: 0 }, { width: 100, height: 20 }, { x: -80, y: 0 })).toEqual({ x: -50, y: 0 });
  });
  it('is the point itself when it lies inside the box', () => {
    expect(boxBoundaryToward({ x: 0, y: 0 }, { width: 100, height: 20 }, { x: 10, y: 5 })).toEqual({ x: 10, y: 5 });
  });
});
