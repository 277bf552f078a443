/**
 * The minimap, shown only while part of the job lies outside the view: when the whole graph is
 * in view (a fitted job) it would tell nothing and would only cover nodes in a short canvas.
 */
import { MiniMap, type ReactFlowState, useStore } from '@xyflow/react';

/** Whether some node's box is (partly) outside the visible pane. */
function overflowsView(s: ReactFlowState): boolean {
  const [tx, ty, zoom] = s.transform;
  if (s.width === 0 || s.height === 0) return false;
  for (const n of s.nodeLookup.values()) {
    const { x, y } = n.internals.positionAbsolute;
    const w = n.measured.width ?? 0;
    const h = n.measured.height ?? 0;
    const left = x * zoom + tx;
    const top = y * zoom + ty;
    if (left < 0 || top < 0 || left + w * zoom > s.width || top + h * zoom > s.height) return true;
  }
  return false;
}

export function CanvasMiniMap() {
  const shown = useStore(overflowsView);
  if (!shown) return null;
  return <MiniMap pannable zoomable ariaLabel="Mini map of the job graph" />;
}
