import { describe, expect, it } from 'vitest';
import { type FlowRect, type LabelRequest, boxBoundaryToward, placeLabel, placeLabels } from './edge-label-place';

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

describe('placeLabels', () => {
  const size = { width: 120, height: 24 };
  const box = (c: { x: number; y: number }, s: { width: number; height: number }): FlowRect => ({ x: c.x - s.width / 2, y: c.y - s.height / 2, width: s.width, height: s.height });
  /** Every pair of placed labels that overlap, and every label on a node. */
  const clashes = (labels: readonly LabelRequest[], nodes: readonly FlowRect[], placed: Map<string, { x: number; y: number }>) => {
    const found: string[] = [];
    labels.forEach((a, i) => {
      for (const n of nodes) if (overlap(placed.get(a.id)!, a.size, n)) found.push(`${a.id} on a node`);
      for (const b of labels.slice(i + 1)) if (overlap(placed.get(a.id)!, a.size, box(placed.get(b.id)!, b.size))) found.push(`${a.id} ⟂ ${b.id}`);
    });
    return found;
  };

  it('keeps two labels apart whose edges’ middles lie close together (a fan-out), each off the nodes', () => {
    // A source feeding two nodes stacked close: the two edges' middles are 10 px apart.
    const nodes = [
      { x: 0, y: 40, width: 100, height: 40 },
      { x: 400, y: 0, width: 100, height: 40 },
      { x: 400, y: 60, width: 100, height: 40 },
    ];
    const labels = [
      { id: 'e1', anchor: { x: 250, y: 45 }, size },
      { id: 'e2', anchor: { x: 250, y: 55 }, size },
    ];
    const placed = placeLabels(labels, nodes);
    expect(clashes(labels, nodes, placed)).toEqual([]);
    // The first stays at its middle; the second goes just past it, not far away.
    expect(placed.get('e1')).toEqual({ x: 250, y: 45 });
    expect(Math.hypot(placed.get('e2')!.x - 250, placed.get('e2')!.y - 55)).toBeLessThanOrEqual(60);
  });

  it('lets a label that is clear of the nodes keep its place, and moves one that had to leave a node around it', () => {
    // e0 covers a node at its middle; where it would go first (just below the node) is e9's middle.
    const nodes = [{ x: 0, y: 0, width: 200, height: 40 }];
    const labels = [
      { id: 'e0', anchor: { x: 100, y: 30 }, size },
      { id: 'e9', anchor: { x: 100, y: 58 }, size },
    ];
    const placed = placeLabels(labels, nodes);
    expect(placed.get('e9')).toEqual({ x: 100, y: 58 });
    expect(clashes(labels, nodes, placed)).toEqual([]);
  });

  it('places the same way whatever order the labels come in', () => {
    const nodes = [
      { x: 0, y: 0, width: 180, height: 56 },
      { x: 240, y: 10, width: 120, height: 30 },
    ];
    const labels = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, anchor: { x: 200 + i * 8, y: 25 + i * 6 }, size }));
    const placed = placeLabels(labels, nodes);
    expect(clashes(labels, nodes, placed)).toEqual([]);
    expect(placeLabels([...labels].reverse(), nodes)).toEqual(placed);
  });

  it('leaves a label not measured yet at its middle, in nobody’s way', () => {
    const labels = [
      { id: 'a', anchor: { x: 0, y: 0 }, size: { width: 0, height: 0 } },
      { id: 'b', anchor: { x: 0, y: 0 }, size },
    ];
    expect(placeLabels(labels, [])).toEqual(new Map([['a', { x: 0, y: 0 }], ['b', { x: 0, y: 0 }]]));
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
