/**
 * The lab's edge labels placed together, so that none covers a node or another label: each edge
 * hands in its label's middle and size (`usePlacedLabel`) and reads back where its label goes,
 * from one `placeLabels` over all of them. One layout per canvas, through a React context; an
 * edge drawn outside one places its label alone (off the nodes only).
 */
import { createContext, useContext, useLayoutEffect, useSyncExternalStore } from 'react';
import { type FlowPoint, type FlowRect, type LabelRequest, placeLabel, placeLabels } from './edge-label-place';

type Size = LabelRequest['size'];

const sameRects = (a: readonly FlowRect[], b: readonly FlowRect[]) => a.length === b.length && a.every((r, i) => r.x === b[i]!.x && r.y === b[i]!.y && r.width === b[i]!.width && r.height === b[i]!.height);
const samePoint = (a: FlowPoint | undefined, b: FlowPoint) => a !== undefined && a.x === b.x && a.y === b.y;

/**
 * The labels of one canvas and where they go. A change (a label or node moved or changed size)
 * is placed once for all the edges handing theirs in during the same render: they are told in a
 * microtask, and the first to read places them all.
 */
export class EdgeLabelLayout {
  private readonly requests = new Map<string, LabelRequest>();
  private nodes: readonly FlowRect[] = [];
  /** Where each label goes as last placed; `dirty` while a change waits to be placed. */
  private placed = new Map<string, FlowPoint>();
  private dirty = false;
  private telling = false;
  private readonly listeners = new Set<() => void>();

  /** Edge `request.id`'s label now: at its middle and of its size, among `nodes` (every node's box). */
  set(request: LabelRequest, nodes: readonly FlowRect[]): void {
    const had = this.requests.get(request.id);
    const same = had !== undefined && samePoint(had.anchor, request.anchor) && had.size.width === request.size.width && had.size.height === request.size.height;
    if (same && sameRects(this.nodes, nodes)) return;
    this.requests.set(request.id, request);
    this.nodes = nodes;
    this.changed();
  }

  delete(id: string): void {
    if (this.requests.delete(id)) this.changed();
  }

  /** Where edge `id`'s label goes (the same object while it stays put); undefined for an edge not handed in. */
  placeOf(id: string): FlowPoint | undefined {
    if (this.dirty) {
      const after = placeLabels([...this.requests.values()], this.nodes);
      // Unmoved labels keep their objects: their edges do not draw again.
      for (const [k, at] of after) if (samePoint(this.placed.get(k), at)) after.set(k, this.placed.get(k)!);
      this.placed = after;
      this.dirty = false;
    }
    return this.placed.get(id);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.dirty = true;
    if (this.telling) return;
    this.telling = true;
    queueMicrotask(() => {
      this.telling = false;
      for (const l of [...this.listeners]) l();
    });
  }
}

export const EdgeLabelLayoutContext = createContext<EdgeLabelLayout | null>(null);

const noSubscription = () => () => {};

/**
 * Where an edge's label goes: at `anchor` (the edge's middle) when it is not `placing`, else off
 * the nodes and the canvas's other labels (the canvas's layout), or off the nodes alone without one.
 */
export function usePlacedLabel(id: string, anchor: FlowPoint, size: Size, nodes: readonly FlowRect[], placing: boolean): FlowPoint {
  const layout = useContext(EdgeLabelLayoutContext);
  const shared = layout !== null && placing;
  // After every render: the label's middle and measured size may have changed.
  useLayoutEffect(() => {
    if (shared) layout.set({ id, anchor, size }, nodes);
  });
  useLayoutEffect(() => {
    if (shared) return () => layout.delete(id);
  }, [layout, shared, id]);
  const placed = useSyncExternalStore(shared ? layout.subscribe : noSubscription, () => (shared ? layout.placeOf(id) : undefined));
  if (!placing) return anchor;
  if (!shared) return placeLabel(anchor, size, nodes);
  return placed ?? anchor;
}
