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

/** A label to place: its edge, the edge's middle and the label's size (flow pixels). */
export interface LabelRequest {
  readonly id: string;
  readonly anchor: FlowPoint;
  readonly size: { readonly width: number; readonly height: number };
}

/**
 * Where each label goes so that it covers no node and no other label: one by one, each placed
 * (`placeLabel`) off the nodes and off the labels placed before it. Labels that are clear of the
 * nodes at their edge's middle go first, in `id` order, so a label that needs no move keeps its
 * place and the moved ones go around it; the order makes the result the same however the labels
 * were gathered. A label of no size (not measured yet) stays at its middle and is no obstacle.
 */
export function placeLabels(labels: readonly LabelRequest[], nodes: readonly FlowRect[]): Map<string, FlowPoint> {
  const clearOfNodes = (l: LabelRequest) => nodes.every((r) => !overlaps(l.anchor.x, l.anchor.y, l.size.width, l.size.height, r));
  const rank = new Map(labels.map((l) => [l.id, clearOfNodes(l) ? 0 : 1]));
  const order = [...labels].sort((a, b) => rank.get(a.id)! - rank.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const obstacles: FlowRect[] = [...nodes];
  const placed = new Map<string, FlowPoint>();
  for (const l of order) {
    const { width, height } = l.size;
    if (width <= 0 || height <= 0) {
      placed.set(l.id, l.anchor);
      continue;
    }
    const at = placeLabel(l.anchor, l.size, obstacles);
    placed.set(l.id, at);
    obstacles.push({ x: at.x - width / 2, y: at.y - height / 2, width, height });
  }
  return placed;
}
