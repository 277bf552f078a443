// Where the lab puts an edge's label so it covers no node: on a zoomed-out graph a short edge's label is wider than the edge.

/** A box in flow coordinates. */
export interface FlowRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FlowPoint {
  readonly x: number;
  readonly y: number;
}

/** Flow pixels kept free between a label and a node's box. */
const GAP = 4;
/** How far (flow pixels) a label may move from its edge's middle before it stays there. */
const MAX_SHIFT = 320;

function overlaps(cx: number, cy: number, w: number, h: number, r: FlowRect): boolean {
  return cx - w / 2 < r.x + r.width + GAP && cx + w / 2 > r.x - GAP && cy - h / 2 < r.y + r.height + GAP && cy + h / 2 > r.y - GAP;
}

/**
 * The centre for a label of `size` nearest to `anchor` (the edge's middle) at which it overlaps
 * none of `obstacles` (the nodes' boxes), searched on a grid of half a label's height vertically
 * and a quarter of its width horizontally; `anchor` itself when it is clear, or when no spot
 * within `MAX_SHIFT` is.
 */
export function placeLabel(anchor: FlowPoint, size: { readonly width: number; readonly height: number }, obstacles: readonly FlowRect[]): FlowPoint {
  const { width: w, height: h } = size;
  const clear = (x: number, y: number) => obstacles.every((r) => !overlaps(x, y, w, h, r));
  if (w <= 0 || h <= 0 || clear(anchor.x, anchor.y)) return anchor;
  const dyStep = Math.max(2, h / 2);
  const dxStep = Math.max(2, w / 4);
  let best: FlowPoint | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let j = -Math.floor(MAX_SHIFT / dyStep); j * dyStep <= MAX_SHIFT; j++) {
    for (let i = -4; i <= 4; i++) {
      const dx = i * dxStep;
      const dy = j * dyStep;
      const distance = dx * dx + dy * dy;
      if (distance >= bestDistance || distance > MAX_SHIFT * MAX_SHIFT) continue;
      if (clear(anchor.x + dx, anchor.y + dy)) {
        best = { x: anchor.x + dx, y: anchor.y + dy };
        bestDistance = distance;
      }
    }
  }
  return best ?? anchor;
}

/** Where a straight leader from `from` meets the box of `size` centred at `centre` (its centre when `from` is inside). */
export function boxBoundaryToward(centre: FlowPoint, size: { readonly width: number; readonly height: number }, from: FlowPoint): FlowPoint {
  const dx = from.x - centre.x;
  const dy = from.y - centre.y;
  const tx = dx === 0 ? Number.POSITIVE_INFINITY : size.width / 2 / Math.abs(dx);
  const ty = dy === 0 ? Number.POSITIVE_INFINITY : size.height / 2 / Math.abs(dy);
  const t = Math.min(tx, ty, 1);
  return { x: centre.x + dx * t, y: centre.y + dy * t };
}
