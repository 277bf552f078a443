/**
 * The node's watermark at the lab's current step (watermark flow): shown only in the lab, and
 * only once the node has one; "idle" when every input is idle; on a node with several input
 * channels, which upstream holds the minimum back. Selects this node's text alone, so a step
 * redraws few badges.
 */
import { memo } from 'react';
import { useApp } from '../store/app-store';

export const NodeLabWatermark = memo(function NodeLabWatermark({ id }: { id: string }) {
  const w = useApp((s) => s.labNodeWatermarks[id]);
  if (!w) return null;
  return (
    <div className="node-lab-watermark" data-testid={`lab-watermark-${id}`} title={`Watermark: ${w.detail}`}>
      <span className="label">Watermark</span> {w.text}
      {w.held !== undefined && <span className="held"> · held by {w.held}</span>}
    </div>
  );
});
